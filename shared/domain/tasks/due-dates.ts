import { addWorkingMinutes, type IsoDate, isInWorkingHours, londonDate } from '../../core/calendar';
import { configuredTimescales } from '../../core/config';
import { type CaseTaskType, caseTaskDefinition, type DueDateContext } from './types';

// The due date of each case task, by its type's rule (shared/domain/tasks/types): most count working
// days from when the task opens; the assessment counts from allocation (its timescale runs while
// consent is sought); a review is due on the date the support phase scheduled.

export { CASE_TASK_TYPES, type CaseTaskType, type DueDateContext } from './types';

export function taskDueDate(type: CaseTaskType, context: DueDateContext): IsoDate {
  return caseTaskDefinition(type).due(context, configuredTimescales());
}

export interface UrgentDue {
  /** The instant it is due: `urgent.dueInWorkingHours` working hours after it opened. */
  dueAt: string;
  /** The London day of `dueAt`. */
  dueDate: IsoDate;
  /**
   * The duty team cannot screen it within today's working hours (it opened outside them, or so late
   * that its working hour runs into the next working day): the out-of-hours team is told at once.
   */
  outOfHours: boolean;
}

/** When an urgent task of the type opened at `openedAt` is due, in working hours (timescales.workingHours). */
export function urgentDue(type: CaseTaskType, openedAt: Date | string): UrgentDue {
  const timescales = configuredTimescales();
  const rule = timescales.tasks[type].urgent;
  if (!rule) throw new RangeError(`timescales.tasks.${type}.urgent is not set: ${type} has no urgent tasks`);
  const dueAt = addWorkingMinutes(openedAt, rule.dueInWorkingHours * 60, timescales.workingHours);
  const dueDate = londonDate(dueAt);
  return {
    dueAt: dueAt.toISOString(),
    dueDate,
    outOfHours: !isInWorkingHours(openedAt, timescales.workingHours) || dueDate !== londonDate(openedAt),
  };
}
