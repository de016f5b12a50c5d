import * as z from 'zod/mini';
import { instantSchema, isoDateSchema, longText, slugIdSchema, text, ulidSchema } from './common';
import { planActionOwnerSchema } from './family-plan';

// A Team Around the Family meeting (issue #18; seeds/003: the team around the family and its lead
// professional): when, who attended by role and agency, whether the family was there, what was
// decided, the actions that go straight into the family plan, and the next meeting's date.

export const tafAttendeeSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    role: text(100),
    agency: text(100),
    /** Optional: the attendee's name (the role and agency are what the record needs). */
    name: z.optional(text(100)),
  }))();

/** An action agreed at the meeting, under a goal of the plan's latest version. */
export const tafActionSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    goalId: ulidSchema,
    what: text(500),
    owner: planActionOwnerSchema,
    dueOn: isoDateSchema,
  }))();

/** The body of `POST /v1/cases/{id}/taf-meetings`. */
export const tafMeetingBodySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    heldOn: isoDateSchema,
    attendees: z.array(tafAttendeeSchema).check(z.minLength(1), z.maxLength(30)),
    familyPresent: z.boolean(),
    decisions: longText(4000),
    /** Written into the plan as its next version, with the meeting, in one transaction. */
    actions: z._default(z.array(tafActionSchema).check(z.maxLength(30)), []),
    /** The next meeting's date: a task for the key worker, due that day (shared/domain/family-plan/plan-tasks.ts). */
    nextMeetingOn: z.optional(isoDateSchema),
  }))();

export const tafMeetingSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    id: ulidSchema,
    caseId: ulidSchema,
    heldOn: isoDateSchema,
    attendees: z.array(tafAttendeeSchema),
    familyPresent: z.boolean(),
    decisions: longText(4000),
    actions: z.array(z.extend(tafActionSchema, { actionId: ulidSchema })),
    nextMeetingOn: z.optional(isoDateSchema),
    /** The plan version the meeting's actions were written in. */
    planVersion: z.optional(z.number().check(z.int(), z.gte(1))),
    recordedBy: slugIdSchema,
    recordedAt: instantSchema,
  }))();

export type TafMeetingBody = z.infer<typeof tafMeetingBodySchema>;
export type TafMeeting = z.infer<typeof tafMeetingSchema>;
