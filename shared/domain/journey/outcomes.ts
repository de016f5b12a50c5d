import type { Db } from '../../adapters/data';
import { type Case, parseTaskOutcome, type Task } from '../../core/schemas';
import { isCaseTaskType, taskTypeDefinition } from '../tasks/types';
import type { Route } from './route';

// What a completed task's outcome does to the case: each journey task type's module says
// (shared/domain/tasks/types/<type>.ts, `journey.applyOutcome`). A case records the last task it
// applied, so a retried step recognises its own work and only answers the route.

/** Applies a completed task's outcome and answers where the journey goes next. */
export async function applyOutcome(db: Db, record: Case, task: Task, now: string): Promise<Route> {
  const definition = taskTypeDefinition(task.type);
  if (definition.kind !== 'case' || !isCaseTaskType(task.type)) {
    throw new RangeError(`task ${task.id} of type ${task.type} is not a journey task`);
  }
  const type = task.type;
  return definition.journey.applyOutcome({
    db,
    record,
    task,
    now,
    applied: record.lastTaskApplied === task.id,
    outcome: () => parseTaskOutcome(type, task.outcome),
  });
}
