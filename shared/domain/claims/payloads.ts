import * as z from 'zod/mini';

// What the claim cycle's workflow hands its Lambdas. Versioned: an open execution carries its payloads
// for weeks, so a new shape is added beside the old one, never in its place.

const instant = /* @__PURE__ */ (() => z.iso.datetime({ offset: true }))();
const window = /* @__PURE__ */ (() => z.string().check(z.regex(/^\d{4}-\d{2}-Q[1-4]$/)))();

export const prepareClaimsPayloadSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion('schemaVersion', [
    z.object({
      schemaVersion: z.literal(1),
      /** The execution's input: the schedule's `{schedule, scheduledTime}` or `{window}` for a manual run. */
      input: z.object({
        schedule: z.optional(z.string().check(z.maxLength(64))),
        scheduledTime: z.optional(instant),
        window: z.optional(window),
      }),
      now: instant,
    }),
  ]))();

export const recordClaimAuditsPayloadSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion('schemaVersion', [
    z.object({
      schemaVersion: z.literal(1),
      window,
      audits: z.array(z.object({ taskId: z.ulid() })).check(z.maxLength(100)),
      now: instant,
    }),
  ]))();

export const produceClaimFilePayloadSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion('schemaVersion', [
    z.object({
      schemaVersion: z.literal(1),
      window,
      /** Empty when no family was claimable (nothing to sign off). */
      signOff: z.array(z.object({ taskId: z.ulid() })).check(z.maxLength(1)),
      now: instant,
    }),
  ]))();
