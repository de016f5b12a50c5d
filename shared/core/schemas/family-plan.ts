import * as z from 'zod/mini';
import {
  distinctArray,
  instantSchema,
  isoDateSchema,
  longText,
  slugIdSchema,
  text,
  ulidSchema,
} from './common';
import { carerStarSchema, goalReviewSchema } from './outcomes';
import { needIdSchema } from './needs';
import { HEADLINE_OUTCOMES, type HeadlineOutcomeId, NEEDS } from '../vocabulary/needs';

// The family plan (issue #18; seeds/003: one family, one plan, one key worker): goals, each tied to
// one or more of the family's needs and to outcome areas (the headline outcomes of the Supporting
// Families framework), with actions under each goal that have an owner, a due date and a status. The
// plan is kept as versions, never overwritten: every change (an edit, an action's status, a review,
// a Team Around the Family meeting) writes the next version of the whole plan.

export const PLAN_ACTION_STATUSES = ['not-started', 'in-progress', 'done', 'dropped'] as const;
export type PlanActionStatus = (typeof PLAN_ACTION_STATUSES)[number];
/** An action in one of these is finished: never late. */
export const FINISHED_ACTION_STATUSES: readonly PlanActionStatus[] = ['done', 'dropped'];

/** Why a version was written. */
export const PLAN_CHANGES = ['written', 'action-status', 'review', 'taf-meeting'] as const;

const HEADLINE_IDS = /* @__PURE__ */ (() =>
  HEADLINE_OUTCOMES.map((outcome) => outcome.id) as [HeadlineOutcomeId, ...HeadlineOutcomeId[]])();

/**
 * Who owns an action: the key worker (staff; shown late on the plan and the case page), a
 * family member by name, or a practitioner of a partner agency.
 */
export const planActionOwnerSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('key-worker') }),
    z.strictObject({ kind: z.literal('family-member'), name: text(100) }),
    z.strictObject({
      kind: z.literal('practitioner'),
      name: text(100),
      role: text(100),
      agency: text(100),
      /**
       * The agency in the partner register, when it has one: with the family's consent to share plan
       * actions with it, the practitioner reads and updates this action through the partner API.
       */
      partnerId: z.optional(slugIdSchema),
    }),
  ]))();

const actionShape = /* @__PURE__ */ (() => ({
  what: text(500),
  owner: planActionOwnerSchema,
  dueOn: isoDateSchema,
  status: z._default(z.enum(PLAN_ACTION_STATUSES), 'not-started'),
}))();

const goalShape = /* @__PURE__ */ (() => ({
  goal: text(500),
  /** The family's needs the goal addresses (each one of the needs in force on the case). */
  needs: distinctArray(needIdSchema, NEEDS.length).check(z.minLength(1)),
  /** The headline outcome areas the goal works towards. */
  outcomes: distinctArray(z.enum(HEADLINE_IDS), HEADLINE_IDS.length).check(z.minLength(1)),
  /** Absent: being worked on; a review marks a goal achieved or dropped. */
  status: z.optional(z.enum(['achieved', 'dropped'])),
}))();

/** An action as written: a new one has no id yet (the server gives it one). */
export const planActionBodySchema = /* @__PURE__ */ (() =>
  z.strictObject({ id: z.optional(ulidSchema), ...actionShape }))();
export const planGoalBodySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    id: z.optional(ulidSchema),
    ...goalShape,
    actions: z._default(z.array(planActionBodySchema).check(z.maxLength(30)), []),
  }))();

/** The body of `PUT /v1/cases/{id}/plan`: the whole plan, naming the version it was made from. */
export const familyPlanBodySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    summary: z.optional(longText(4000)),
    goals: z.array(planGoalBodySchema).check(z.minLength(1), z.maxLength(30)),
    /** The version this one was made from (0 when the case has no plan yet): a stale one is refused (409). */
    revises: z.number().check(z.int(), z.gte(0), z.lte(9999)),
  }))();

/** The body of `POST /v1/cases/{id}/plan/actions/{actionId}`: an action's new status. */
export const planActionStatusBodySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    status: z.enum(PLAN_ACTION_STATUSES),
    revises: z.number().check(z.int(), z.gte(1), z.lte(9999)),
  }))();

export const planActionSchema = /* @__PURE__ */ (() => z.strictObject({ id: ulidSchema, ...actionShape }))();
export const planGoalSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    id: ulidSchema,
    ...goalShape,
    actions: z.array(planActionSchema).check(z.maxLength(30)),
  }))();

/** One version of a family's plan, as stored and answered. */
export const storedFamilyPlanSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    caseId: ulidSchema,
    version: z.number().check(z.int(), z.gte(1)),
    summary: z.optional(longText(4000)),
    goals: z.array(planGoalSchema).check(z.minLength(1), z.maxLength(30)),
    change: z.enum(PLAN_CHANGES),
    /** The 12-week review this version was saved by: its goal-by-goal progress and star readings. */
    review: z.optional(
      z.strictObject({
        taskId: ulidSchema,
        heldOn: isoDateSchema,
        goals: z.array(goalReviewSchema).check(z.maxLength(30)),
        carerStars: z.array(carerStarSchema).check(z.maxLength(10)),
      }),
    ),
    writtenBy: slugIdSchema,
    writtenAt: instantSchema,
  }))();

export type FamilyPlanBody = z.infer<typeof familyPlanBodySchema>;
export type PlanActionStatusBody = z.infer<typeof planActionStatusBodySchema>;
export type PlanAction = z.infer<typeof planActionSchema>;
export type PlanGoal = z.infer<typeof planGoalSchema>;
export type FamilyPlan = z.infer<typeof storedFamilyPlanSchema>;
