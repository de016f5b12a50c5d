import type { IsoDate } from './dates';
import { londonDate } from './london';
import { addWorkingDays } from './working-days';

/** The due date `workingDays` working days after the London day `now` falls on. */
export function dueInWorkingDays(now: Date | string, workingDays: number): IsoDate {
  return addWorkingDays(londonDate(now), workingDays);
}

/** Whether a task due on `dueDate` is late at `now` (the whole due day counts as on time). */
export function isOverdue(dueDate: IsoDate, now: Date | string): boolean {
  return londonDate(now) > dueDate;
}
