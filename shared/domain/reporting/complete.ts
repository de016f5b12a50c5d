import { type Db, NotFoundError, TaskNotOpenError, tasks } from '../../adapters/data';
import { parseTaskOutcome, type Task } from '../../core/schemas';
import { auditActorOf, type JourneyActor } from '../tasks/actor';
import { resumeTask } from '../../adapters/workflow/callbacks';
import { NotAllowedError, WrongTaskTypeError } from '../tasks/errors';
import { resumeLeftWait } from '../tasks/finish';
import { mayCompleteTask } from '../tasks/owners';
import { isReportTaskType } from '../tasks/types';
import type { TaskType } from '../../core/config/task-types.generated';

// Completing a report task (quarterly report, annual report, annual conversation): the outcome is
// validated with its type's schema, the task is marked COMPLETED under the same condition as every
// task (a second submission is TaskNotOpenError: 409), and the cycle's waiting child is resumed once.
// The cycle then freezes the report as its submitted version (tasks.ts). The head of service, to
// whom an overdue report is escalated, may complete it too (an overseer of every report type).

export { isReportTaskType } from '../tasks/types';

export async function completeReportTask(
  db: Db,
  taskId: string,
  actor: JourneyActor,
  outcome: unknown,
  now: Date | string,
  /** The task as the caller just read it: not read again (written under its version). */
  known?: Task,
): Promise<{ status: 'completed'; taskId: string; type: TaskType }> {
  const task = known?.id === taskId ? known : await tasks.getTask(db, taskId);
  if (!task) throw new NotFoundError(`task ${taskId}`);
  if (!isReportTaskType(task.type)) throw new WrongTaskTypeError(task.id, task.type);
  if (!mayCompleteTask(actor, task)) throw new NotAllowedError(taskId);
  if (task.status !== 'OPEN') {
    await resumeLeftWait(db, task);
    throw new TaskNotOpenError(task.id, task.status);
  }
  const parsed = parseTaskOutcome(task.type, outcome);
  // Written under the version `task` was read at (a token stored meanwhile makes it read again).
  const done = await tasks.completeTask(
    db,
    task.id,
    { actor: auditActorOf(actor), outcome: parsed, now: new Date(now).toISOString() },
    task,
  );
  // A dead token means the wait is between reminders: its next wait finds the task completed. The
  // answered token stays on the task (see resumeLeftWait).
  if (done.taskToken) await resumeTask(done.taskToken);
  return { status: 'completed', taskId: task.id, type: task.type };
}
