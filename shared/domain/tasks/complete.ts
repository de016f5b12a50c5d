import { type Db, NotFoundError, TaskNotOpenError, tasks } from '../../adapters/data';
import { getCase } from '../../adapters/data/cases';
import type { Task } from '../../core/schemas/task';
import type { FamilyPlan } from '../../core/schemas/family-plan';
import { syncPlanTasks } from '../family-plan/plan-tasks';
import { parseTaskOutcome } from '../../core/schemas';
import { auditActorOf, type JourneyActor } from './actor';
import { NotAllowedError, WrongTaskTypeError } from './errors';
import { finishTask, resumeLeftWait } from './finish';
import { mayCompleteTask } from './owners';
import { caseTaskDefinition, caseworkTaskDefinition, isCaseTaskType, isCaseworkTaskType } from './types';
import type { TaskType } from '../../core/config/task-types.generated';

// Completing a human task: the outcome is validated with its type's schema, the actor's right is
// checked, the task is marked COMPLETED under a condition (so a second click, a completion after a
// cancel or a timeout, or a retried request is answered TaskNotOpenError: 409), and its live wait is
// resumed once. A retry that finds the task completed but its wait never resumed (the first request
// died in between) resumes it before answering 409. A type may do its own work first (an allocation task allocates the named worker,
// under the capacity transaction: shared/domain/tasks/types/allocation.ts), or write with the task in
// its completing transaction (the review's plan version). A type whose completion writes the family
// plan (the review: goals achieved or dropped) then syncs the plan's tasks at once, before the wait is
// resumed, and a retry that finds the task completed syncs again (idempotent).

export interface CompletedTask {
  status: 'completed';
  taskId: string;
  type: TaskType;
}

export async function completeTask(
  db: Db,
  taskId: string,
  actor: JourneyActor,
  outcome: unknown,
  now: Date | string,
  /**
   * The task as the caller just read it (the HTTP handler, to check the caller may complete it): not
   * read again. The completion is written under its version, so a task changed since is read again.
   */
  known?: Task,
): Promise<CompletedTask> {
  const at = new Date(now).toISOString();
  const task = known?.id === taskId ? known : await tasks.getTask(db, taskId);
  if (!task) throw new NotFoundError(`task ${taskId}`);
  if (!mayCompleteTask(actor, task)) throw new NotAllowedError(taskId);
  if (task.status !== 'OPEN') {
    // A retry after the first request completed a review (its plan version written with it) but died
    // before the plan's tasks were synced: sync them now (idempotent), before the wait is resumed.
    if (
      task.status === 'COMPLETED' &&
      isCaseTaskType(task.type) &&
      caseTaskDefinition(task.type).writesPlan
    ) {
      await syncAfterPlanWrite(db, task, actor, at);
    }
    await resumeLeftWait(db, task);
    // A retry after the first request completed the task but died before its after-work (the plan's
    // action marked done): do that work now; it writes nothing twice.
    if (task.status === 'COMPLETED' && isCaseworkTaskType(task.type) && task.outcome !== undefined) {
      await caseworkTaskDefinition(task.type).afterComplete?.(
        db,
        task,
        parseTaskOutcome(task.type, task.outcome),
        actor,
        at,
      );
    }
    throw new TaskNotOpenError(task.id, task.status);
  }
  if (isCaseworkTaskType(task.type)) {
    const parsed = parseTaskOutcome(task.type, outcome);
    const definition = caseworkTaskDefinition(task.type);
    if (definition.completionWrites) {
      const writes = definition.completionWrites.bind(definition);
      await finishTask(db, task, parsed, actor, at, () => writes(db, task, parsed, actor, at));
    } else {
      await finishTask(db, task, parsed, actor, at);
      await definition.afterComplete?.(db, task, parsed, actor, at);
    }
    return { status: 'completed', taskId: task.id, type: task.type };
  }
  if (!isCaseTaskType(task.type)) throw new WrongTaskTypeError(task.id, task.type);
  const parsed = parseTaskOutcome(task.type, outcome);
  const definition = caseTaskDefinition(task.type);
  await definition.onComplete?.(db, task, parsed, actor, at);
  const writes = definition.completionWrites?.bind(definition);
  // The plan's versions as the attempt that landed left them (each attempt asks its writes again).
  let planVersions: readonly FamilyPlan[] | undefined;
  await finishTask(
    db,
    task,
    parsed,
    actor,
    at,
    writes
      ? () =>
          writes(db, task, parsed, actor, at, (versions) => {
            planVersions = versions;
          })
      : undefined,
    definition.writesPlan ? () => syncAfterPlanWrite(db, task, actor, at, planVersions) : undefined,
  );
  return { status: 'completed', taskId: task.id, type: task.type };
}

/**
 * The case's plan-action tasks brought in line with the plan a completion just wrote (idempotent).
 * `written`: the versions as the completing transaction left them, one round trip ago (the sync reads
 * them when not given: a retry that found the task completed).
 */
async function syncAfterPlanWrite(
  db: Db,
  task: Task,
  actor: JourneyActor,
  at: string,
  written?: readonly FamilyPlan[],
): Promise<void> {
  const record = task.caseId ? await getCase(db, task.caseId) : undefined;
  if (record) await syncPlanTasks(db, record, at, auditActorOf(actor), written);
}
