import type { caseOutcomes } from '../domain/claims/outcomes';
import { headlineOf, outcomeFramework } from '../core/config/outcome-framework';
import { dateFrom, type FieldSpec, type FormValues, one, optional } from './forms';
import { getNeed, HEADLINE_OUTCOMES, type NeedId } from '../core/vocabulary/needs';

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

/** The outcome form's fields as they read in an error message. */
export const OUTCOME_FIELDS: Record<string, FieldSpec> = {
  need: { label: 'the need', kind: 'choice' },
  positive: { label: 'whether the outcome is positive', kind: 'choice' },
  achieved: { label: 'what was achieved', kind: 'text' },
  source: { label: 'the evidence source', kind: 'choice' },
  'source.check': { label: 'the evidence source', kind: 'choice' },
  achievedOn: { label: 'the date', kind: 'date', href: 'achievedOn-day' },
};

/** The hidden field that carries the version of a need's evidence the form was loaded with (0: none). */
export const revisesField = (need: string) => `revises-${need}`;

/**
 * A posted form as the API's body. The version revised is the one the page showed (its hidden field),
 * never the one stored now: evidence recorded by someone else between loading and posting is then the
 * API's 409 (`stale-version`), not overwritten unseen.
 */
export function outcomeBodyFrom(values: FormValues) {
  const need = optional(values, 'need');
  const source = one(values, 'source');
  const seen = need ? one(values, revisesField(need)) : '';
  const revises = /^[1-9]\d{0,4}$/.test(seen) ? Number(seen) : undefined;
  return {
    need,
    ...(one(values, 'positive') ? { positive: one(values, 'positive') === 'yes' } : {}),
    achieved: optional(values, 'achieved'),
    source: source.startsWith('data-check:')
      ? { kind: 'data-check', check: source.slice('data-check:'.length) }
      : { kind: 'practitioner' },
    achievedOn: dateFrom(values, 'achievedOn'),
    ...(revises ? { revises } : {}),
  };
}

/** The page's evidence, eligibility and the form's options (the data checks of the family's headlines). */
export function outcomeFormView(outcomes: CaseOutcomes, needs: readonly NeedId[], values: FormValues) {
  const framework = outcomeFramework();
  const checks = [...new Set(needs.flatMap((need) => framework.headlines[headlineOf(need)].dataChecks))];
  const versions = new Map(outcomes.items.map((item) => [item.need, item.version]));
  return {
    ...outcomesView(outcomes, needs),
    seenVersions: needs.map((need) => ({ name: revisesField(need), value: versions.get(need) ?? 0 })),
    needItems: [
      { value: '', text: 'Choose a need' },
      ...needs.map((need) => ({ value: need, text: getNeed(need).label, selected: values.need === need })),
    ],
    sourceItems: [
      { value: 'practitioner', text: 'Practitioner evidence' },
      ...checks.map((check) => ({
        value: `data-check:${check}`,
        text: `Data check: ${check}`,
        selected: values.source === `data-check:${check}`,
      })),
    ],
  };
}
