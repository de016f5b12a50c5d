import {
  type FamilyStar,
  type StaffRole,
  TASK_TYPES,
  type Task,
  type TaskOutcomes,
  type TaskType,
} from '../../../core/schemas';
import { TASK_TYPE_DEFINITIONS } from './registry.generated';
import type {
  CaseTaskDefinition,
  CaseworkTaskDefinition,
  FamilyStarReading,
  ReportTaskDefinition,
  TaskTypeDefinition,
  TaskTypeRegistry,
} from './definition';

// The registry of task types: one folder per type (shared/task-types/<type>/domain.ts), gathered by
// the generated registry.generated.ts and keyed by the TaskType union. A type without a module, or a
// module missing a piece, is a compile error there; every list and table of task types elsewhere is
// derived from this one.

export { TASK_TYPE_DEFINITIONS };

type Registry = typeof TASK_TYPE_DEFINITIONS;
/** The registry seen through the definition types, for lookups by a type known only at run time. */
const REGISTRY: TaskTypeRegistry = TASK_TYPE_DEFINITIONS;

/** The task types of a family's journey (its stages). */
export type CaseTaskType = { [T in TaskType]: Registry[T]['kind'] extends 'case' ? T : never }[TaskType];
/** The task types of the reporting cycle. */
export type ReportTaskType = { [T in TaskType]: Registry[T]['kind'] extends 'report' ? T : never }[TaskType];

/** The task types of the work with a family outside the journey (plan actions). */
export type CaseworkTaskType = {
  [T in TaskType]: Registry[T]['kind'] extends 'casework' ? T : never;
}[TaskType];

/** A type's definition. */
export function taskTypeDefinition<T extends TaskType>(type: T): TaskTypeDefinition<T> {
  return REGISTRY[type];
}

export function isCaseTaskType(type: TaskType | string): type is CaseTaskType {
  return TASK_TYPE_DEFINITIONS[type as TaskType]?.kind === 'case';
}

export function isReportTaskType(type: TaskType | string): type is ReportTaskType {
  return TASK_TYPE_DEFINITIONS[type as TaskType]?.kind === 'report';
}

export function isCaseworkTaskType(type: TaskType | string): type is CaseworkTaskType {
  return TASK_TYPE_DEFINITIONS[type as TaskType]?.kind === 'casework';
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

/** The journey's task types, in the order of TASK_TYPES. */
export const CASE_TASK_TYPES = TASK_TYPES.filter(isCaseTaskType) as [CaseTaskType, ...CaseTaskType[]];

/** The reporting cycle's task types, in the order of TASK_TYPES. */
export const REPORT_TASK_TYPES = TASK_TYPES.filter(isReportTaskType) as [ReportTaskType, ...ReportTaskType[]];

/** The one wording of each type, for the pages and the emails alike. */
export const TASK_TYPE_LABELS = Object.fromEntries(
  TASK_TYPES.map((type) => [type, TASK_TYPE_DEFINITIONS[type].label]),
) as Record<TaskType, string>;

/** The task types a role works on, in the order of TASK_TYPES. */
export function taskTypesOfRole(role: StaffRole): TaskType[] {
  return TASK_TYPES.filter((type) =>
    (TASK_TYPE_DEFINITIONS[type].roles as readonly StaffRole[]).includes(role),
  );
}

/**
 * The block of states each journey task type needs in workflows/journey.asl.json, for
 * `checkTaskBlocks` (workflows/definitions.ts).
 */
export const JOURNEY_TASK_BLOCKS = CASE_TASK_TYPES.map((type) => {
  const { asl, routedInExecution } = caseTaskDefinition(type).journey;
  return { type, ...asl, inExecution: routedInExecution };
});

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
