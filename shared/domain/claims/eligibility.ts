import { addMonths } from '../../core/calendar';
import {
  headlineAreasOf,
  type OutcomeFramework,
  outcomeFramework,
  sustainMonthsFor,
} from '../../core/config/outcome-framework';
import type { Case } from '../../core/schemas/case';
import type { ClaimEligibility, ClaimRule, OutcomeEvidence } from '../../core/schemas/claims';
import { getNeed, type NeedId } from '../../core/vocabulary/needs';

// Whether a family is claimable under the programme's terms (Supporting Families programme guidance
// 2022 to 2025, chapter 5): needs in at least three headline areas, a lead practitioner, a whole family
// assessment and a whole family plan, and a positive outcome against every identified need, sustained
// for its period after closure (by default six months; per headline in the outcome framework), not
// undone by a re-referral in that period, and never claimed before. Pure: the facts come from
// ./case-eligibility.ts; every unmet rule is named, so the case page says what is still missing.

export interface EligibilityFacts {
  record: Pick<
    Case,
    'id' | 'status' | 'needs' | 'keyWorkerId' | 'leadProfessional' | 'assessment' | 'closure'
  >;
  hasPlan: boolean;
  /** The latest evidence per need. */
  outcomes: readonly OutcomeEvidence[];
  /** Re-referred within its sustain period (the claim watch's lapse). */
  reReferred: boolean;
  claimed: boolean;
}

/** The day every identified need's outcome has held for its sustain period after closure. */
export function sustainedFrom(
  closedOn: string,
  needs: readonly NeedId[],
  framework: OutcomeFramework = outcomeFramework(),
): string {
  const months = Math.max(
    framework.claimTerms.sustainMonthsAfterClosure,
    ...needs.map((need) => sustainMonthsFor(need, framework)),
  );
  return addMonths(closedOn, months);
}

export function claimEligibility(
  facts: EligibilityFacts,
  today: string,
  framework: OutcomeFramework = outcomeFramework(),
): ClaimEligibility {
  const { record } = facts;
  const needs = (record.assessment?.needs ?? record.needs) as NeedId[];
  const headlines = headlineAreasOf(needs, framework);
  const missing: ClaimEligibility['missing'] = [];
  const miss = (rule: ClaimRule, message: string, need?: NeedId) =>
    missing.push({ rule, message, ...(need ? { need } : {}) });

  const minimum = framework.claimTerms.minimumNeeds;
  if (headlines.length < minimum) {
    miss('three-needs', `needs in ${headlines.length} headline outcome areas; a claim needs ${minimum}`);
  }
  if (!record.keyWorkerId && !record.leadProfessional) {
    miss('lead-practitioner', 'no lead practitioner (the family has no key worker)');
  }
  if (!record.assessment) miss('whole-family-assessment', 'no whole family assessment yet');
  if (!facts.hasPlan) miss('whole-family-plan', 'no whole family plan yet');
  const latest = new Map(facts.outcomes.map((evidence) => [evidence.need, evidence]));
  for (const need of needs) {
    const evidence = latest.get(need);
    if (!evidence) {
      miss('positive-outcome', `no outcome evidence for "${getNeed(need).label}"`, need);
    } else if (!evidence.positive) {
      miss('positive-outcome', `the outcome for "${getNeed(need).label}" is not positive`, need);
    }
  }
  let from: string | undefined;
  if (record.status !== 'CLOSED' || !record.closure) {
    miss('closed', 'outcomes are sustained from closure: the case is not closed');
  } else {
    from = sustainedFrom(record.closure.on, needs, framework);
    if (today < from) miss('sustained', `outcomes must hold until ${from} (after closure)`);
  }
  if (facts.reReferred) miss('not-re-referred', 'the family was referred again within its sustain period');
  if (facts.claimed) miss('not-claimed', 'the family has already been claimed');
  return {
    caseId: record.id,
    claimable: missing.length === 0,
    frameworkVersion: framework.version,
    headlines,
    ...(from ? { sustainedFrom: from } : {}),
    missing,
  };
}
