import { type Db, TaskNotOpenError, tasks } from '../../adapters/data';
import type { Actor, Task } from '../../core/schemas';
import { cancelWait } from '../../adapters/workflow/callbacks';
import { notifyTask } from './notify';

// Cancelling a case's open tasks when the case is withdrawn, stepped up or transferred: each task is
// marked CANCELLED (conditionally), its live wait is ended with TaskCancelled so its workflow moves
// on, and its owner is told it is no longer needed. Nothing is left dangling.

export async function cancelCaseTasks(
  db: Db,
  caseId: string,
  options: { actor: Actor; reason: string; now: string; only?: (task: Task) => boolean },
): Promise<Task[]> {
  const cancelled: Task[] = [];
  for (const open of await tasks.listOpenTasksForCase(db, caseId)) {
    if (options.only && !options.only(open)) continue;
    cancelled.push(...(await cancelOne(db, open.id, options)));
  }
  return cancelled;
}

export async function cancelOne(
  db: Db,
  taskId: string,
  options: { actor: Actor; reason: string; now: string },
): Promise<Task[]> {
  let task: Task;
  try {
    task = await tasks.cancelTask(db, taskId, options);
  } catch (error) {
    if (error instanceof TaskNotOpenError) return [];
    throw error;
  }
  // The answered token stays on the cancelled task: dead, and nothing reads a cancelled task's token.
  if (task.taskToken) await cancelWait(task.taskToken, options.reason);
  await notifyTask(db, 'cancelled', task);
  return [task];
}
