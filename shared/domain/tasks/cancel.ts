import { type Db, TaskNotOpenError, tasks } from '../../adapters/data';
import type { Actor, Task } from '../../core/schemas';
import { cancelWait } from '../../adapters/workflow/callbacks';
import { notifyTask, type OwnerLookups, ownerLookups } from './notify';

// Cancelling a case's open tasks when the case is withdrawn, stepped up or transferred: each task is
// marked CANCELLED (conditionally), its live wait is ended with TaskCancelled so its workflow moves
// on, and its owner is told it is no longer needed. Nothing is left dangling.

export async function cancelCaseTasks(
  db: Db,
  caseId: string,
  options: { actor: Actor; reason: string; now: string; only?: (task: Task) => boolean },
): Promise<Task[]> {
  const cancelled: Task[] = [];
  // Several of the case's tasks are often one owner's (the key worker's): one lookup tells them all.
  const lookups = ownerLookups(db);
  for (const open of await tasks.listOpenTasksForCase(db, caseId)) {
    if (options.only && !options.only(open)) continue;
    cancelled.push(...(await cancelOne(db, open.id, { ...options, lookups, known: open })));
  }
  return cancelled;
}

export async function cancelOne(
  db: Db,
  taskId: string,
  /**
   * `lookups`: the step's owner lookups, when it tells an owner of more than one task (notify.ts).
   * `known`: the task as the caller just read or listed it: the cancel is written under its version
   * without reading it again; a task changed since fails that condition and is read again, as before.
   */
  options: { actor: Actor; reason: string; now: string; lookups?: OwnerLookups; known?: Task },
): Promise<Task[]> {
  let task: Task;
  try {
    task = await tasks.cancelTask(db, taskId, options, options.known);
  } catch (error) {
    if (error instanceof TaskNotOpenError) return [];
    throw error;
  }
  // The answered token stays on the cancelled task: dead, and nothing reads a cancelled task's token.
  if (task.taskToken) await cancelWait(task.taskToken, options.reason);
  await notifyTask(db, 'cancelled', task, task.owner, options.lookups?.(task.owner));
  return [task];
}
