import { addWeeks, daysBetween, londonDate, quarterOf } from '../../core/calendar';
import { configuredTimescales } from '../../core/config';
import type { MetricChange } from '../../adapters/data/cases';
import type { Db } from '../../adapters/data/db';
import { incrementMetrics } from '../../adapters/data/metrics';
import type { Case } from '../../core/schemas/case';
import { headlineAreasOf, outcomeFramework } from '../../core/config/outcome-framework';
import { CLOSURE_REASON_KEYS, type ClosureOutcome, COUNTERS, type ReferralOutcome } from './definitions';
import type { CaseStatus } from '../../core/vocabulary/cases';
import { FAMILY_STAR_AREA_IDS } from '../../core/vocabulary/family-star';
import type { NeedId } from '../../core/vocabulary/needs';
import { isStepDown } from '../../core/vocabulary/referrals';

// Maps a change of a case (the record before and after) to the counters it moves. Inferred from the
// records themselves, so every path that changes a case (journey, API, administration) counts the same
// way as long as it passes this function to the case write: `updateCase(db, { ..., metrics:
// caseMetrics({ now }) })`. The counters go into the same transaction as the case, so they move
// exactly once with it.

export type Increments = Record<string, number>;

export interface CaseEventContext {
  now: Date | string;
  /** The closure task's outcomes, when the change closes the case: decides the closure outcome. */
  closureOutcome?: { needsResolved: readonly NeedId[]; needsOutstanding: readonly NeedId[] };
}

const EARLY_ENDINGS: Partial<Record<CaseStatus, ReferralOutcome>> = {
  STEPPED_UP: 'stepped-up',
  REDIRECTED: 'redirected',
  NFA: 'nfa',
  WITHDRAWN: 'withdrawn',
};

const FINAL: readonly CaseStatus[] = ['CLOSED', 'STEPPED_UP', 'REDIRECTED', 'NFA', 'WITHDRAWN'];

function hasBeen(record: Case, status: CaseStatus): boolean {
  return record.status === status || record.statusHistory.some((change) => change.status === status);
}

function wasAllocated(record: Case): boolean {
  return record.allocatedAt !== undefined || hasBeen(record, 'ALLOCATED');
}

function add(increments: Increments, name: string, by = 1): void {
  if (by !== 0) increments[name] = (increments[name] ?? 0) + by;
}

/** The support-phase fields the journey keeps on a case (read loosely: older records lack them). */
interface SupportFields {
  support?: { startedOn?: string; lastReviewOn?: string; nextReviewDue?: string };
}

function reviewDueDate(before: Case): string | undefined {
  const support = (before as Case & SupportFields).support;
  if (support?.nextReviewDue) return support.nextReviewDue;
  const from = support?.lastReviewOn ?? support?.startedOn ?? before.assessment?.completedOn;
  return from ? addWeeks(from, configuredTimescales().reviewIntervalWeeks) : undefined;
}

function closureReason(after: Case): string {
  if (after.status === 'WITHDRAWN') return 'withdrawn';
  if (after.status === 'STEPPED_UP') return 'stepped-up';
  const reason = after.closure?.reason ?? 'other';
  return CLOSURE_REASON_KEYS.includes(reason) ? reason : 'other';
}

function closureOutcome(after: Case, context: CaseEventContext): ClosureOutcome {
  if (after.status === 'STEPPED_UP') return 'stepped-up';
  const outcome = context.closureOutcome;
  if (!outcome) return 'not-recorded';
  if (outcome.needsResolved.length === 0) return 'no-needs-met';
  return outcome.needsOutstanding.length === 0 ? 'needs-met' : 'some-needs-met';
}

/** The increments one change of a case causes (`before` undefined: the case was just created). */
export function caseIncrements(before: Case | undefined, after: Case, context: CaseEventContext): Increments {
  const increments: Increments = {};
  const today = londonDate(context.now);
  const source = after.referral.source;

  if (!before) {
    add(increments, COUNTERS.referralsReceived);
    add(increments, COUNTERS.referralsInMonth(Number(today.slice(5, 7))));
    add(increments, COUNTERS.referralsBySource(source));
    if (isStepDown(after.referral)) add(increments, COUNTERS.stepDowns);
    if (after.reReferralOf) add(increments, COUNTERS.reReferrals);
    return increments;
  }

  const statusChanged = before.status !== after.status;
  if (statusChanged) {
    const early = EARLY_ENDINGS[after.status];
    if (early && !wasAllocated(before)) {
      add(increments, COUNTERS.referralOutcome(source, early));
    } else if (after.status === 'ALLOCATED' && !wasAllocated(before)) {
      add(increments, COUNTERS.referralOutcome(source, 'allocated'));
    }
    if (after.status === 'WAITING_LIST') add(increments, COUNTERS.waitingListJoined);
    if (before.status === 'WAITING_LIST') {
      const since = before.waitingSince ?? before.statusHistory.at(-1)?.at ?? before.updatedAt;
      add(increments, COUNTERS.waitingListLeft);
      add(increments, COUNTERS.waitingListDaysWaited, Math.max(0, daysBetween(londonDate(since), today)));
    }
    if (after.status === 'ASSESSMENT' && !hasBeen(before, 'ASSESSMENT')) {
      add(increments, COUNTERS.familiesEngaged);
      add(increments, COUNTERS.individualsEngaged, after.referral.family.members.length);
    }
    if (FINAL.includes(after.status) && wasAllocated(before)) {
      const outcome = closureOutcome(after, context);
      add(increments, COUNTERS.closures);
      add(increments, COUNTERS.closuresByReason(closureReason(after)));
      add(increments, COUNTERS.closuresByOutcome(outcome));
      if (
        after.status === 'CLOSED' &&
        outcome === 'needs-met' &&
        after.assessment &&
        headlineAreasOf(after.assessment.needs).length >= outcomeFramework().claimTerms.minimumNeeds
      ) {
        add(increments, COUNTERS.claimCandidates);
      }
    }
  }

  if (after.assessment && after.assessment.completedOn !== before.assessment?.completedOn) {
    add(increments, COUNTERS.assessmentsCompleted);
    if (after.assessment.onTime) add(increments, COUNTERS.assessmentsOnTime);
    for (const need of after.assessment.needs) add(increments, COUNTERS.issueAtStart(need));
  }

  if (after.reviewCount > before.reviewCount) {
    const heldOn = (after as Case & SupportFields).support?.lastReviewOn ?? today;
    const due = reviewDueDate(before);
    add(increments, COUNTERS.reviewsHeld);
    if (due !== undefined && heldOn <= due) add(increments, COUNTERS.reviewsOnTime);
    const baseline = after.assessment?.familyStar;
    const latest = after.latestFamilyStar;
    if (baseline && latest) {
      add(increments, COUNTERS.familyStarReadings);
      for (const area of FAMILY_STAR_AREA_IDS) {
        add(increments, COUNTERS.familyStarBaseline(area), baseline[area]);
        add(increments, COUNTERS.familyStarLatest(area), latest[area]);
      }
    }
  }
  return increments;
}

/** The counter changes for a case write: the case's locality, in the quarter `now` falls in. */
export function caseMetricChanges(
  before: Case | undefined,
  after: Case,
  context: CaseEventContext,
): MetricChange[] {
  const increments = caseIncrements(before, after, context);
  if (Object.keys(increments).length === 0) return [];
  return [{ scope: after.locality, period: quarterOf(londonDate(context.now)).id, increments }];
}

/**
 * The form `updateCase` / `createCase` accept as `metrics`: called with the case as read and as it
 * will be written, inside the same transaction.
 */
export function caseMetrics(context: CaseEventContext) {
  return (before: Case | undefined, after: Case): MetricChange[] => caseMetricChanges(before, after, context);
}

/**
 * A claim candidate that did not last six months (the family re-referred or stepped up): counted
 * against the quarter it closed in, once per event id.
 */
export function recordClaimLapse(
  db: Db,
  eventId: string,
  closed: Pick<Case, 'locality' | 'endedAt'>,
): Promise<boolean> {
  if (!closed.endedAt) throw new RangeError('recordClaimLapse: the case has not ended (endedAt)');
  return incrementMetrics(db, eventId, [
    {
      scope: closed.locality,
      period: quarterOf(londonDate(closed.endedAt)).id,
      increments: { [COUNTERS.claimLapses]: 1 },
    },
  ]);
}
