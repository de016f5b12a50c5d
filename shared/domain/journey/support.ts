import {
  addMonths,
  addWeeks,
  addWorkingDays,
  type IsoDate,
  londonDate,
  workingDayOnOrAfter,
} from '../../core/calendar';
import { configuredTimescales, type TimescalesConfig } from '../../core/config';
import type { Case, CaseSupport } from '../../core/schemas';
import { isOpenStatus, type SupportLevel } from '../../core/vocabulary/cases';

// The support phase (DESIGN.md: reviews every 12 weeks from allocation, support length from
// allocation; seeds/001 §13: families engaged more than 12 weeks are reviewed). Reviews fall every
// `reviewIntervalWeeks` from the first allocation, support ends `standardMonths` / `enhancedMonths`
// after it unless a senior extends it, and a case drifts only once past its plan.

/** When the case was first allocated (a transfer re-allocates; reviews and support count from the first). */
export function firstAllocatedAt(record: Pick<Case, 'statusHistory' | 'allocatedAt'>): string | undefined {
  return record.statusHistory.find((change) => change.status === 'ALLOCATED')?.at ?? record.allocatedAt;
}

/** A date `weeks` after `from`, moved to the next working day when it falls on a weekend or bank holiday. */
function reviewDay(from: IsoDate, weeks: number): IsoDate {
  return workingDayOnOrAfter(addWeeks(from, weeks));
}

/** The later of two ISO dates (they compare as text). */
function laterOf(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

/** The first review on the allocation's 12-week cadence that falls after `after`. */
function nextOnCadence(allocatedOn: IsoDate, after: IsoDate, intervalWeeks: number): IsoDate {
  let cycles = 1;
  while (reviewDay(allocatedOn, cycles * intervalWeeks) <= after) cycles += 1;
  return reviewDay(allocatedOn, cycles * intervalWeeks);
}

/**
 * Support from an assessment completed on `startedOn` for a family first allocated on `allocatedOn`.
 * Its end and its reviews count from the allocation; a first review that would fall before the worker
 * could prepare it (an assessment finished late) is due once the usual preparation time has passed.
 */
export function startSupport(
  allocatedOn: IsoDate,
  startedOn: IsoDate,
  level: SupportLevel,
  timescales: TimescalesConfig = configuredTimescales(),
): CaseSupport {
  const months = level === 'enhanced' ? timescales.support.enhancedMonths : timescales.support.standardMonths;
  const onCadence = reviewDay(allocatedOn, timescales.reviewIntervalWeeks);
  const prepared = addWorkingDays(startedOn, timescales.reviewOpensWorkingDaysBefore);
  return {
    startedOn,
    reviewsFrom: allocatedOn,
    endsOn: addMonths(allocatedOn, months),
    nextReviewDue: laterOf(onCadence, prepared),
  };
}

/**
 * The support record after a review held on `heldOn`. The next review keeps the allocation's cadence:
 * the first cadence day after both this review's due date and the day it was held (a review held
 * early does not bring the next one forward; one held late covers the cadence days it passed).
 * Records from before reviews were counted from allocation (no `reviewsFrom`) count from `heldOn`.
 */
export function afterReview(
  support: CaseSupport,
  heldOn: IsoDate,
  timescales: TimescalesConfig = configuredTimescales(),
): CaseSupport {
  const due = support.nextReviewDue ?? heldOn;
  const after = laterOf(due, heldOn);
  return {
    ...support,
    lastReviewOn: heldOn,
    nextReviewDue: support.reviewsFrom
      ? nextOnCadence(support.reviewsFrom, after, timescales.reviewIntervalWeeks)
      : reviewDay(heldOn, timescales.reviewIntervalWeeks),
  };
}

/** Whether another review cycle fits before support ends: the next review is due on or before the end. */
export function anotherReviewFits(support: CaseSupport): boolean {
  return support.nextReviewDue !== undefined && support.nextReviewDue <= support.endsOn;
}

/** The day the review task opens (the worker prepares): a few working days before it is due. */
export function reviewOpensOn(due: IsoDate, timescales: TimescalesConfig = configuredTimescales()): IsoDate {
  return addWorkingDays(due, -timescales.reviewOpensWorkingDaysBefore);
}

/**
 * Whether an open case is drifting, computed from the record so it is never stale. A case on its plan
 * never is: one in support drifts once past its plan's end (an extension moves the end); one not yet
 * in support, once open longer than `drift.maxOpenMonthsBeforeSupport`.
 */
export function isDrifting(
  record: Pick<Case, 'status' | 'receivedAt' | 'support'>,
  now: Date | string,
  timescales: TimescalesConfig = configuredTimescales(),
): boolean {
  if (!isOpenStatus(record.status)) return false;
  const today = londonDate(now);
  if (record.support) return record.support.endsOn < today;
  return addMonths(londonDate(record.receivedAt), timescales.drift.maxOpenMonthsBeforeSupport) < today;
}
