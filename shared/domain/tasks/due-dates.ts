import type { IsoDate } from '../../core/calendar';
import { getConfig } from '../../core/config';
import { type CaseTaskType, caseTaskDefinition, type DueDateContext } from './types';

// The due date of each case task, by its type's rule (shared/domain/tasks/types): most count working
// days from when the task opens; the assessment counts from allocation (its timescale runs while
// consent is sought); a review is due on the date the support phase scheduled.

export { CASE_TASK_TYPES, type CaseTaskType, type DueDateContext } from './types';

export function taskDueDate(type: CaseTaskType, context: DueDateContext): IsoDate {
  return caseTaskDefinition(type).due(context, getConfig().timescales);
}
