import { dueInWorkingDays, type IsoDate } from '../../core/calendar';
import { getConfig, type TaskType, type TimescalesConfig } from '../../core/config';

// The due date of each case task. Most count working days from when the task opens; the assessment
// counts from allocation (its timescale runs while consent is sought); a review is due on the date
// the support phase scheduled (shared/domain/journey/support.ts).

export type CaseTaskType =
  | 'safeguarding-screen'
  | 'hub-decision'
  | 'allocation'
  | 'consent'
  | 'assessment'
  | 'review'
  | 'closure';

export const CASE_TASK_TYPES: readonly CaseTaskType[] = [
  'safeguarding-screen',
  'hub-decision',
  'allocation',
  'consent',
  'assessment',
  'review',
  'closure',
];

export interface DueDateContext {
  openedAt: Date | string;
  /** When the key worker was allocated: the assessment's timescale starts here. */
  allocatedAt?: string;
  /** The review's scheduled date. */
  reviewDue?: IsoDate;
}

export function taskDueDate(
  type: CaseTaskType,
  context: DueDateContext,
  timescales: TimescalesConfig = getConfig().timescales,
): IsoDate {
  if (type === 'review') {
    if (!context.reviewDue) throw new RangeError('a review task needs its scheduled date (reviewDue)');
    return context.reviewDue;
  }
  const days = timescales.tasks[type as TaskType].dueInWorkingDays;
  if (days === undefined) throw new RangeError(`timescales.tasks.${type}.dueInWorkingDays is not set`);
  if (type === 'assessment') {
    if (!context.allocatedAt)
      throw new RangeError('an assessment task needs the allocation time (allocatedAt)');
    return dueInWorkingDays(context.allocatedAt, days);
  }
  return dueInWorkingDays(context.openedAt, days);
}
