import * as z from 'zod/mini';
import { REPORT_TASK_TYPES } from '../tasks/types';

// What the reporting cycle's workflow hands its Lambdas. Versioned: an open execution carries its
// payloads for months, so a new shape is added beside the old one, never in its place.

const instant = /* @__PURE__ */ (() => z.iso.datetime({ offset: true }))();

export const reportTaskSpecSchema = /* @__PURE__ */ (() =>
  z.object({
    type: z.enum(REPORT_TASK_TYPES),
    scope: z.string().check(z.regex(/^[a-z][a-z0-9-]{1,39}$/)),
    period: z.string().check(z.regex(/^\d{4}-\d{2}(-Q[1-4])?$/)),
    owner: z.string().check(z.maxLength(100)),
    area: z.string().check(z.maxLength(40)),
    dueDate: z.iso.date(),
    opensAt: instant,
    uniqueKey: z.string().check(z.maxLength(120)),
    executionName: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,80}$/)),
  }))();

export const prepareReportsPayloadSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion('schemaVersion', [
    z.object({
      schemaVersion: z.literal(1),
      /** The execution's input: the schedule's `{schedule, scheduledTime}` or `{quarter}` for a manual run. */
      input: z.object({
        schedule: z.optional(z.string().check(z.maxLength(64))),
        scheduledTime: z.optional(instant),
        quarter: z.optional(z.string().check(z.maxLength(12))),
      }),
      now: instant,
    }),
  ]))();

export const openReportTaskPayloadSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion('schemaVersion', [
    z.object({ schemaVersion: z.literal(1), task: reportTaskSpecSchema, now: instant }),
  ]))();

export const recordReportTaskPayloadSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion('schemaVersion', [
    z.object({
      schemaVersion: z.literal(1),
      task: reportTaskSpecSchema,
      taskId: z.ulid(),
      generation: z.number().check(z.int(), z.gte(1), z.lte(100)),
      childStatus: z.enum(['completed', 'cancelled', 'timed-out', 'renew', 'exists']),
      now: instant,
    }),
  ]))();
