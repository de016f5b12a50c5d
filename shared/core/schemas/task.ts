import * as z from 'zod';
import { TASK_TYPES, type TaskType } from '../config/task-types.generated';
import { ValidationError, toFieldErrors } from './errors';
import {
  areaSchema,
  caseReferenceSchema,
  instantSchema,
  isoDateSchema,
  longText,
  slugIdSchema,
  text,
  ulidSchema,
} from './common';
import { type TaskOutcomes, taskOutcomeSchemas } from './outcomes';
import { staffRoleSchema } from './roles';
import type { StaffRole } from '../vocabulary/roles';
import { TASK_PRIORITIES, TASK_STATUSES, type TaskOwner } from '../vocabulary/tasks';

export const taskTypeSchema = z.enum(TASK_TYPES);

/**
 * Who a task waits on, as one string: a person (`worker:<id>`) or a role's queue in an area
 * (`role:hub-coordinator:charnwood`, `role:duty-social-worker:county`).
 */
export const taskOwnerSchema = z
  .string()
  .trim()
  .max(100)
  .regex(
    /^(worker:[A-Za-z0-9][A-Za-z0-9_-]{0,63}|role:[a-z-]+:[a-z0-9-]+)$/,
    'worker:<id> or role:<role>:<area>',
  )
  .refine((owner) => {
    if (!owner.startsWith('role:')) return true;
    const [, role, area] = owner.split(':');
    return staffRoleSchema.safeParse(role).success && areaSchema.safeParse(area).success;
  }, 'an known role and area');

export function parseOwner(owner: string): TaskOwner {
  const parsed = taskOwnerSchema.parse(owner);
  const [kind, a, b] = parsed.split(':');
  return kind === 'worker'
    ? { kind: 'worker', workerId: a! }
    : { kind: 'role', role: a as StaffRole, area: b! };
}

export const taskSchema = z.strictObject({
  id: ulidSchema,
  type: taskTypeSchema,
  status: z.enum(TASK_STATUSES),
  /** Case tasks name their case; report tasks name their period instead. */
  caseId: ulidSchema.optional(),
  caseReference: caseReferenceSchema.optional(),
  /** `2026-27-Q4` for a quarterly report, `2026-27` for annual tasks. */
  period: z
    .string()
    .trim()
    .max(12)
    .regex(/^\d{4}-\d{2}(-Q[1-4])?$/)
    .optional(),
  area: areaSchema,
  owner: taskOwnerSchema,
  /** A plan-action task's action in the family plan (absent for the next-meeting one). */
  planActionId: ulidSchema.optional(),
  /** A plan-action task for the next Team Around the Family meeting: the meeting that set its date. */
  tafMeetingId: ulidSchema.optional(),
  /** The London day it is due; for an urgent task, the day of `dueAt`. */
  dueDate: isoDateSchema,
  /** `urgent`: first in every list, due in working hours (`dueAt`). Absent on a normal task. */
  priority: z.literal('urgent').optional(),
  /** The instant an urgent task is due (working hours from when it opened). */
  dueAt: instantSchema.optional(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
  completedAt: instantSchema.optional(),
  completedBy: slugIdSchema.optional(),
  /** Validated against the task type's outcome schema before it is stored. */
  outcome: z.unknown().optional(),
  cancelReason: text(200).optional(),
  remindersSent: z.number().int().min(0).max(100),
  escalationLevel: z.number().int().min(0).max(10),
  /** The live Step Functions task token: server side only, never in a page, email, URL or log. */
  taskToken: z.string().min(1).max(8192).optional(),
  notes: longText(4000).optional(),
  version: z.number().int().min(1),
});

export type Task = z.infer<typeof taskSchema>;

/** A task as task lists show it (CONTRACT.md): never the token. */
export const taskSummarySchema = z.strictObject({
  id: ulidSchema,
  type: taskTypeSchema,
  caseId: ulidSchema.optional(),
  caseReference: caseReferenceSchema.optional(),
  status: z.enum(TASK_STATUSES),
  dueDate: isoDateSchema,
  dueAt: instantSchema
    .optional()
    .describe('Only on an urgent task: the instant it is due (within working hours); dueDate is its day'),
  priority: z
    .enum(TASK_PRIORITIES)
    .describe(
      'urgent: a screen of an immediate safeguarding concern, due within working hours; urgent items come first in every list',
    ),
  owner: taskOwnerSchema,
});
export type TaskSummary = z.infer<typeof taskSummarySchema>;

/** Validates a completion's outcome with its task type's schema; throws ValidationError with field paths. */
export function parseTaskOutcome<T extends TaskType>(type: T, outcome: unknown): TaskOutcomes[T] {
  const result = taskOutcomeSchemas[type].safeParse(outcome);
  if (!result.success) throw new ValidationError(toFieldErrors(result.error, outcome));
  return result.data as TaskOutcomes[T];
}
