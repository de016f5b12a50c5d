import {
  addMonths,
  addWeeks,
  addWorkingDays,
  type IsoDate,
  londonDate,
  workingDayOnOrAfter,
} from '../../core/calendar';
import { getConfig, type TimescalesConfig } from '../../core/config';
import { type Case, type CaseSupport, isOpenStatus, type SupportLevel } from '../../core/schemas';

// The support phase: a review every `reviewIntervalWeeks` from the start of support (or the last
// review), support ending by `standardMonths` / `enhancedMonths` unless a senior extends it, and the
// drifting flag for cases open too long or reviewed too often.

/** A date `weeks` after `from`, moved to the next working day when it falls on a weekend or bank holiday. */
function reviewDay(from: IsoDate, weeks: number): IsoDate {
  return workingDayOnOrAfter(addWeeks(from, weeks));
}

export function startSupport(
  startedOn: IsoDate,
  level: SupportLevel,
  timescales: TimescalesConfig = getConfig().timescales,
): CaseSupport {
  const months = level === 'enhanced' ? timescales.support.enhancedMonths : timescales.support.standardMonths;
  return {
    startedOn,
    endsOn: addMonths(startedOn, months),
    nextReviewDue: reviewDay(startedOn, timescales.reviewIntervalWeeks),
  };
}

/** The support record after a review held on `heldOn`: the next review is counted from it. */
export function afterReview(
  support: CaseSupport,
  heldOn: IsoDate,
  timescales: TimescalesConfig = getConfig().timescales,
): CaseSupport {
  return {
    ...support,
    lastReviewOn: heldOn,
    nextReviewDue: reviewDay(heldOn, timescales.reviewIntervalWeeks),
  };
}

/** Whether another review cycle fits before support ends: the next review is due on or before the end. */
export function anotherReviewFits(support: CaseSupport): boolean {
  return support.nextReviewDue !== undefined && support.nextReviewDue <= support.endsOn;
}

/** The day the review task opens (the worker prepares): a few working days before it is due. */
export function reviewOpensOn(due: IsoDate, timescales: TimescalesConfig = getConfig().timescales): IsoDate {
  return addWorkingDays(due, -timescales.reviewOpensWorkingDaysBefore);
}

/**
 * A case open over a year (drift.maxOpenMonths) or reviewed more than drift.maxReviews times is
 * drifting: computed from the record, so it is never stale.
 */
export function isDrifting(
  record: Pick<Case, 'status' | 'receivedAt' | 'reviewCount'>,
  now: Date | string,
  timescales: TimescalesConfig = getConfig().timescales,
): boolean {
  if (!isOpenStatus(record.status)) return false;
  const openTooLong =
    addMonths(londonDate(record.receivedAt), timescales.drift.maxOpenMonths) < londonDate(now);
  return openTooLong || record.reviewCount > timescales.drift.maxReviews;
}
