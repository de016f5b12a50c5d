import type { FamilyStar, Task, TaskOutcomes } from '../../../core/schemas';
import { TASK_TYPE_DEFINITIONS } from './registry.generated';
import { CASE_TASK_TYPES, type CaseTaskType, type CaseworkTaskType, type ReportTaskType } from './facts';
import type {
  CaseTaskDefinition,
  CaseworkTaskDefinition,
  FamilyStarReading,
  ReportTaskDefinition,
  TaskTypeDefinition,
  TaskTypeRegistry,
} from './definition';
import type { TaskType } from '../../../core/config/task-types.generated';

// The registry of task types: one folder per type (shared/task-types/<type>/domain.ts), gathered by
// the generated registry.generated.ts and keyed by the TaskType union. A type without a module, or a
// module missing a piece, is a compile error there; every list and table of task types elsewhere is
// derived from this one.

export { TASK_TYPE_DEFINITIONS };
// The facts (kind, labels, roles) live apart so that what reads only them loads no behaviour.
export * from './facts';

/** The registry seen through the definition types, for lookups by a type known only at run time. */
const REGISTRY: TaskTypeRegistry = TASK_TYPE_DEFINITIONS;

/** A type's definition. */
export function taskTypeDefinition<T extends TaskType>(type: T): TaskTypeDefinition<T> {
  return REGISTRY[type];
}

/** A casework task type's definition. */
export function caseworkTaskDefinition<T extends CaseworkTaskType>(type: T): CaseworkTaskDefinition<T> {
  return REGISTRY[type] as CaseworkTaskDefinition<T>;
}

/** A journey task type's definition. */
export function caseTaskDefinition<T extends CaseTaskType>(type: T): CaseTaskDefinition<T> {
  return REGISTRY[type] as CaseTaskDefinition<T>;
}

/** A reporting task type's definition. */
export function reportTaskDefinition<T extends ReportTaskType>(type: T): ReportTaskDefinition<T> {
  return REGISTRY[type] as ReportTaskDefinition<T>;
}

/**
 * The block of states each journey task type needs in workflows/journey.asl.json, for
 * `checkTaskBlocks` (workflows/definitions.ts). A function, not a constant worked out at import: a
 * module-level call keeps the whole registry in every bundle that imports this module.
 */
export function journeyTaskBlocks() {
  return CASE_TASK_TYPES.map((type) => {
    const { asl, routedInExecution } = caseTaskDefinition(type).journey;
    return { type, ...asl, inExecution: routedInExecution };
  });
}

/**
 * The Family Star reading a completed task carries, for the case page's chart, when its type takes
 * one (review, closure); `label` names the `count`th reading of the type.
 */
export function familyStarReadingOf(
  task: Task,
): { star?: FamilyStar; on?: string; label(count: number): string } | undefined {
  const definition = REGISTRY[task.type];
  if (definition.kind !== 'case' || !definition.familyStar) return undefined;
  const reading = definition.familyStar as FamilyStarReading<TaskType>;
  return { ...reading.read(task.outcome as TaskOutcomes[TaskType], task), label: reading.label };
}

export type * from './definition';
