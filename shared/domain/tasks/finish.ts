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
  const done = await tasks.completeTask(db, task.id, { actor: auditActorOf(actor), outcome, now });
  // A dead token means the wait is between reminders: its next wait finds the task completed.
  if (done.taskToken) {
    await resumeTask(done.taskToken);
    await tasks.clearTaskToken(db, task.id);
  }
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
