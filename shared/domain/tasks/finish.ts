import { type Db, TaskNotOpenError, tasks } from '../../adapters/data';
import { resumeTask } from '../../adapters/workflow/callbacks';
import { parseTaskOutcome, type Task } from '../../core/schemas';
import { auditActorOf, type JourneyActor, SYSTEM } from './actor';

// Marking a task COMPLETED under a condition (a second click, a completion after a cancel or a
// timeout, or a retried request is answered TaskNotOpenError: 409) and resuming its live wait once.

export async function finishTask(
  db: Db,
  task: Task,
  outcome: unknown,
  actor: JourneyActor,
  now: string,
): Promise<void> {
  // Written under the version `task` was read at: a token stored meanwhile makes it read again.
  const done = await tasks.completeTask(db, task.id, { actor: auditActorOf(actor), outcome, now }, task);
  // A dead token means the wait is between reminders: its next wait finds the task completed.
  if (done.taskToken) {
    await resumeTask(done.taskToken);
    await tasks.clearTaskToken(db, task.id);
  }
}

/**
 * A COMPLETED task still holding its wait's token: the request that completed it ended between the
 * two steps above (its process died, or Step Functions did not answer), so the journey was never
 * resumed and would only notice at the task's next reminder, days later. Any later request that finds
 * the task so (the same person retrying, as clients do) resumes the wait first; resuming twice is
 * harmless (the second token answer is dead) and the outcome is already stored.
 */
export async function resumeLeftWait(db: Db, task: Task): Promise<void> {
  if (task.status !== 'COMPLETED' || !task.taskToken) return;
  await resumeTask(task.taskToken);
  await tasks.clearTaskToken(db, task.id);
}

/**
 * The system completes a task whose work was done another way: a waiting case allocated automatically
 * the moment capacity freed completes the locality manager's allocation task.
 */
export async function completeAsSystem(db: Db, task: Task, outcome: unknown, now: string): Promise<boolean> {
  try {
    await finishTask(db, task, parseTaskOutcome(task.type, outcome), SYSTEM, now);
    return true;
  } catch (error) {
    if (error instanceof TaskNotOpenError) return false;
    throw error;
  }
}
