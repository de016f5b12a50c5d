import * as z from 'zod';
import { REPORT_TASK_TYPES } from '../tasks/types';

// What the reporting cycle's workflow hands its Lambdas. Versioned: an open execution carries its
// payloads for months, so a new shape is added beside the old one, never in its place.

const instant = z.iso.datetime({ offset: true });

export const reportTaskSpecSchema = z.object({
  type: z.enum(REPORT_TASK_TYPES),
  scope: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/),
  period: z.string().regex(/^\d{4}-\d{2}(-Q[1-4])?$/),
  owner: z.string().max(100),
  area: z.string().max(40),
  dueDate: z.iso.date(),
  opensAt: instant,
  uniqueKey: z.string().max(120),
  executionName: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/),
});

export const prepareReportsPayloadSchema = z.discriminatedUnion('schemaVersion', [
  z.object({
    schemaVersion: z.literal(1),
    /** The execution's input: the schedule's `{schedule, scheduledTime}` or `{quarter}` for a manual run. */
    input: z.object({
      schedule: z.string().max(64).optional(),
      scheduledTime: instant.optional(),
      quarter: z.string().max(12).optional(),
    }),
    now: instant,
  }),
]);

export const openReportTaskPayloadSchema = z.discriminatedUnion('schemaVersion', [
  z.object({ schemaVersion: z.literal(1), task: reportTaskSpecSchema, now: instant }),
]);

export const recordReportTaskPayloadSchema = z.discriminatedUnion('schemaVersion', [
  z.object({
    schemaVersion: z.literal(1),
    task: reportTaskSpecSchema,
    taskId: z.ulid(),
    generation: z.number().int().min(1).max(100),
    childStatus: z.enum(['completed', 'cancelled', 'timed-out', 'renew', 'exists']),
    now: instant,
  }),
]);
