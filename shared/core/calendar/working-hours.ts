import { addDays } from './dates';
import { londonDate, londonTime } from './london';
import { isWorkingDay } from './working-days';

// Working hours: a London wall-clock window (e.g. 09:00-17:00) on England's working days. An urgent
// task is due a number of working hours after it opens, counted only inside that window, so time
// outside it (evenings, weekends, bank holidays) does not count.

export interface WorkingHours {
  /** `HH:MM`, London time: the window opens. */
  start: string;
  /** `HH:MM`, London time: the window closes (later than `start` on the same day). */
  end: string;
}

const MINUTE_MS = 60_000;

function windowOf(date: string, hours: WorkingHours): { open: Date; close: Date } {
  return { open: londonTime(date, hours.start), close: londonTime(date, hours.end) };
}

/** Whether `instant` is inside working hours: a working day, from `start` (inclusive) to `end` (exclusive). */
export function isInWorkingHours(instant: Date | string, hours: WorkingHours): boolean {
  const at = new Date(instant);
  const day = londonDate(at);
  if (!isWorkingDay(day)) return false;
  const { open, close } = windowOf(day, hours);
  return at.getTime() >= open.getTime() && at.getTime() < close.getTime();
}

/**
 * The instant `minutes` working minutes after `from`. Only time inside working hours counts: from
 * 16:30 with a 17:00 close, 60 minutes end at 09:30 on the next working day; from outside working
 * hours the count starts when they next open. 0 minutes from outside working hours is that opening.
 */
export function addWorkingMinutes(from: Date | string, minutes: number, hours: WorkingHours): Date {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`Working minutes must be zero or more, got ${minutes}`);
  }
  let at = new Date(from);
  let remaining = minutes * MINUTE_MS;
  let day = londonDate(at);
  // Bounded: a year of days is far more than any configured number of working hours needs.
  for (let guard = 0; guard < 400; guard += 1) {
    if (isWorkingDay(day)) {
      const { open, close } = windowOf(day, hours);
      if (at.getTime() < open.getTime()) at = open;
      const available = close.getTime() - at.getTime();
      if (available > 0 && remaining <= available) return new Date(at.getTime() + remaining);
      if (available > 0) remaining -= available;
    }
    day = addDays(day, 1);
    at = londonTime(day, '00:00');
  }
  throw new RangeError(`No working hours within a year of ${new Date(from).toISOString()}`);
}
