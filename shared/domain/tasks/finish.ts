import { type Db, TaskNotOpenError, tasks } from '../../adapters/data';
import type { TransactItem } from '../../adapters/data/db';
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
  /** Written in the completing transaction (a plan action marked done with its task). */
  also?: () => Promise<TransactItem[]>,
  /** Done once the task is completed and before its wait is resumed (the review's plan sync). */
  beforeResume?: () => Promise<void>,
): Promise<void> {
  // Written under the version `task` was read at: a token stored meanwhile makes it read again.
  const done = await tasks.completeTask(
    db,
    task.id,
    { actor: auditActorOf(actor), outcome, now },
    task,
    also,
  );
  await beforeResume?.();
  // A dead token means the wait is between reminders: its next wait finds the task completed. The
  // token stays on the task once answered (dead, like any used token: see resumeLeftWait).
  if (done.taskToken) await resumeTask(done.taskToken);
}

/**
 * A COMPLETED task still holding its wait's token. Usually that token was answered by the completion
 * and is dead: a completion no longer removes it with a write of its own (one request fewer per task),
 * so answering it again is Step Functions' TaskTimedOut ("the task associated with the token has
 * already been closed"), which changes nothing. But the request that completed the task may have
 * ended between the two steps above (its process died, or Step Functions did not answer), leaving
 * the journey waiting until the task's next reminder, days later. Any later request that finds the
 * task so (the same person retrying, as clients do) answers the token first, which resumes such a
 * wait and is harmless otherwise, and then removes it so the next retry need not ask again; the
 * outcome is already stored.
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
