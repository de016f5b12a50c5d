import { COUNTY } from './areas';
import type { StaffRole } from './roles';

// A task's statuses, priorities and owners as plain values: task lists and access rules use them
// without loading the task schema (schemas/task.ts), which is built from them.

export const TASK_STATUSES = ['OPEN', 'COMPLETED', 'CANCELLED', 'TIMED_OUT'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** CONTRACT.md: an urgent task (a screen of an immediate safeguarding concern) comes first in every list. */
export const TASK_PRIORITIES = ['urgent', 'normal'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

/** A task owner that is one person (schemas/task.ts `taskOwnerSchema` says what an owner may be). */
export function workerOwner(workerId: string): string {
  return `worker:${workerId}`;
}

/** A task owner that is a role's queue in an area (`role:hub-coordinator:charnwood`). */
export function roleOwner(role: StaffRole, area: string = COUNTY): string {
  return `role:${role}:${area}`;
}

export type TaskOwner =
  | { kind: 'worker'; workerId: string }
  | { kind: 'role'; role: StaffRole; area: string };

/** A stored task is urgent or, with no priority, normal. */
export function priorityOf(task: { priority?: 'urgent' | undefined }): TaskPriority {
  return task.priority ?? 'normal';
}
