import { TASK_TYPE_FACTS } from './facts.generated';
import type { StaffRole } from '../../../core/vocabulary/roles';
import { TASK_TYPES, type TaskType } from '../../../core/config/task-types.generated';

// What each task type is (its kind, wording, roles and escalation), read from the types' facts.ts
// files alone: lists, access rules and escalation import this, not the registry of behaviour
// (index.ts), so a handler that only reads labels or roles does not bundle the journeys' code, the
// SES and Step Functions clients with it (docs/decisions.md, "Task type facts apart from behaviour").

export { TASK_TYPE_FACTS };

type Facts = typeof TASK_TYPE_FACTS;

/** The task types of a family's journey (its stages). */
export type CaseTaskType = { [T in TaskType]: Facts[T]['kind'] extends 'case' ? T : never }[TaskType];
/** The task types of the reporting cycle. */
export type ReportTaskType = { [T in TaskType]: Facts[T]['kind'] extends 'report' ? T : never }[TaskType];
/** The task types of the work with a family outside the journey (plan actions). */
export type CaseworkTaskType = { [T in TaskType]: Facts[T]['kind'] extends 'casework' ? T : never }[TaskType];

export function isCaseTaskType(type: TaskType | string): type is CaseTaskType {
  return TASK_TYPE_FACTS[type as TaskType]?.kind === 'case';
}

export function isReportTaskType(type: TaskType | string): type is ReportTaskType {
  return TASK_TYPE_FACTS[type as TaskType]?.kind === 'report';
}

export function isCaseworkTaskType(type: TaskType | string): type is CaseworkTaskType {
  return TASK_TYPE_FACTS[type as TaskType]?.kind === 'casework';
}

/** The journey's task types, in the order of TASK_TYPES. */
export const CASE_TASK_TYPES = TASK_TYPES.filter(isCaseTaskType) as [CaseTaskType, ...CaseTaskType[]];

/** The reporting cycle's task types, in the order of TASK_TYPES. */
export const REPORT_TASK_TYPES = TASK_TYPES.filter(isReportTaskType) as [ReportTaskType, ...ReportTaskType[]];

/** The one wording of each type, for the pages and the emails alike. */
export const TASK_TYPE_LABELS = Object.fromEntries(
  TASK_TYPES.map((type) => [type, TASK_TYPE_FACTS[type].label]),
) as Record<TaskType, string>;

/** The task types a role works on, in the order of TASK_TYPES. */
export function taskTypesOfRole(role: StaffRole): TaskType[] {
  return TASK_TYPES.filter((type) => (TASK_TYPE_FACTS[type].roles as readonly StaffRole[]).includes(role));
}

/** Who is told, in order, when a task of the type is late. */
export function escalationOf(type: TaskType): readonly [StaffRole, ...StaffRole[]] {
  return TASK_TYPE_FACTS[type].escalation;
}

/** Overseers who may complete a task of the type in their area besides its owner. */
export function overseersOf(type: TaskType): readonly StaffRole[] {
  return TASK_TYPE_FACTS[type].overseers;
}
