import type { caseOutcomes } from '../domain/claims/outcomes';
import { getNeed, HEADLINE_OUTCOMES, type NeedId } from '../core/schemas/needs';

// The case page's Supporting Families section: per identified need its headline and latest evidence,
// and whether the family is claimable or what is still missing (issue #19).

type CaseOutcomes = Awaited<ReturnType<typeof caseOutcomes>>;

const headlineLabel = (id: string) => HEADLINE_OUTCOMES.find((headline) => headline.id === id)?.label ?? id;

export function outcomesView({ items, eligibility }: CaseOutcomes, needs: readonly NeedId[]) {
  const byNeed = new Map(items.map((item) => [item.need, item]));
  return {
    claimable: eligibility.claimable,
    frameworkVersion: eligibility.frameworkVersion,
    missing: eligibility.missing,
    rows: needs.map((need) => {
      const evidence = byNeed.get(need);
      const source =
        evidence?.source.kind === 'data-check'
          ? `data check: ${evidence.source.check}`
          : 'practitioner evidence';
      return {
        key: { text: getNeed(need).label },
        value: {
          text: evidence
            ? `${evidence.positive ? 'Positive outcome' : 'No positive outcome'} (${headlineLabel(evidence.headline)}), ${evidence.achievedOn}, ${source}`
            : 'No evidence yet',
        },
      };
    }),
  };
}
