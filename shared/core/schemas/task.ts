import * as z from 'zod/mini';
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

export const taskTypeSchema = /* @__PURE__ */ (() => z.enum(TASK_TYPES))();

/**
 * Who a task waits on, as one string: a person (`worker:<id>`) or a role's queue in an area
 * (`role:hub-coordinator:charnwood`, `role:duty-social-worker:county`).
 */
export const taskOwnerSchema = /* @__PURE__ */ (() =>
  z.string().check(
    z.trim(),
    z.maxLength(100),
    z.regex(
      /^(worker:[A-Za-z0-9][A-Za-z0-9_-]{0,63}|role:[a-z-]+:[a-z0-9-]+)$/,
      'worker:<id> or role:<role>:<area>',
    ),
    z.refine((owner) => {
      if (!owner.startsWith('role:')) return true;
      const [, role, area] = owner.split(':');
      return staffRoleSchema.safeParse(role).success && areaSchema.safeParse(area).success;
    }, 'an known role and area'),
  ))();

export function parseOwner(owner: string): TaskOwner {
  const parsed = taskOwnerSchema.parse(owner);
  const [kind, a, b] = parsed.split(':');
  return kind === 'worker'
    ? { kind: 'worker', workerId: a! }
    : { kind: 'role', role: a as StaffRole, area: b! };
}

export const taskSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    id: ulidSchema,
    type: taskTypeSchema,
    status: z.enum(TASK_STATUSES),
    /** Case tasks name their case; report tasks name their period instead. */
    caseId: z.optional(ulidSchema),
    caseReference: z.optional(caseReferenceSchema),
    /** `2026-27-Q4` for a quarterly report, `2026-27` for annual tasks. */
    period: z.optional(z.string().check(z.trim(), z.maxLength(12), z.regex(/^\d{4}-\d{2}(-Q[1-4])?$/))),
    area: areaSchema,
    owner: taskOwnerSchema,
    /** A plan-action task's action in the family plan (absent for the next-meeting one). */
    planActionId: z.optional(ulidSchema),
    /** A plan-action task for the next Team Around the Family meeting: the meeting that set its date. */
    tafMeetingId: z.optional(ulidSchema),
    /** The London day it is due; for an urgent task, the day of `dueAt`. */
    dueDate: isoDateSchema,
    /** `urgent`: first in every list, due in working hours (`dueAt`). Absent on a normal task. */
    priority: z.optional(z.literal('urgent')),
    /** The instant an urgent task is due (working hours from when it opened). */
    dueAt: z.optional(instantSchema),
    createdAt: instantSchema,
    updatedAt: instantSchema,
    completedAt: z.optional(instantSchema),
    completedBy: z.optional(slugIdSchema),
    /** Validated against the task type's outcome schema before it is stored. */
    outcome: z.optional(z.unknown()),
    cancelReason: z.optional(text(200)),
    remindersSent: z.number().check(z.int(), z.gte(0), z.lte(100)),
    escalationLevel: z.number().check(z.int(), z.gte(0), z.lte(10)),
    /** The live Step Functions task token: server side only, never in a page, email, URL or log. */
    taskToken: z.optional(z.string().check(z.minLength(1), z.maxLength(8192))),
    notes: z.optional(longText(4000)),
    version: z.number().check(z.int(), z.gte(1)),
  }))();

export type Task = z.infer<typeof taskSchema>;

/** A task as task lists show it (CONTRACT.md): never the token. */
export const taskSummarySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    id: ulidSchema,
    type: taskTypeSchema,
    caseId: z.optional(ulidSchema),
    caseReference: z.optional(caseReferenceSchema),
    status: z.enum(TASK_STATUSES),
    dueDate: isoDateSchema,
    dueAt: z
      .optional(instantSchema)
      .check(
        z.describe(
          'Only on an urgent task: the instant it is due (within working hours); dueDate is its day',
        ),
      ),
    priority: z
      .enum(TASK_PRIORITIES)
      .check(
        z.describe(
          'urgent: a screen of an immediate safeguarding concern, due within working hours; urgent items come first in every list',
        ),
      ),
    owner: taskOwnerSchema,
  }))();
export type TaskSummary = z.infer<typeof taskSummarySchema>;

/** Validates a completion's outcome with its task type's schema; throws ValidationError with field paths. */
export function parseTaskOutcome<T extends TaskType>(type: T, outcome: unknown): TaskOutcomes[T] {
  const result = taskOutcomeSchemas[type].safeParse(outcome);
  if (!result.success) throw new ValidationError(toFieldErrors(result.error, outcome));
  return result.data as TaskOutcomes[T];
}
