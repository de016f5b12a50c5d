import * as z from 'zod/mini';
import { isoDateSchema, longText, text, ulidSchema } from './common';
import { familyStarSchema } from './family-star';
import { needIdSchema } from './needs';

// The parts several task types' outcomes share (each type's own outcome schema is in its
// shared/task-types/<type>/core.ts). The decision names are the product's contract.

/** Why a decision was made, as every outcome with a `reason` field writes it. */
export const reasonField = /* @__PURE__ */ (() => longText(2000))();
export const notesField = /* @__PURE__ */ (() => z.optional(longText(4000)))();

export const planGoalSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    need: needIdSchema,
    goal: text(500),
    actions: longText(2000),
    byDate: z.optional(isoDateSchema),
  }))();

export const familyPlanSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    summary: longText(4000),
    goals: z.array(planGoalSchema).check(z.minLength(1), z.maxLength(30)),
  }))();

/** What a review decides for one goal of the family plan. */
export const GOAL_REVIEW_NEXT = ['continue', 'achieved', 'dropped'] as const;

/** One goal of the family plan, reviewed (issue #18: the review goes through the plan goal by goal). */
export const goalReviewSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** A goal of the plan's latest version. */
    goalId: ulidSchema,
    /** How far the family has come towards the goal, 0 (not begun) to 10 (achieved): the scaling question. */
    progress: z.number().check(z.int(), z.gte(0), z.lte(10)),
    /** What changes: the goal carries on, is achieved, or is dropped. */
    next: z.enum(GOAL_REVIEW_NEXT),
    comment: z.optional(longText(2000)),
  }))();

/** A Family Star Plus reading for one parent or carer. */
export const carerStarSchema = /* @__PURE__ */ (() =>
  z.strictObject({ carer: text(100), familyStar: familyStarSchema }))();

export const CLOSURE_REASONS = [
  'plan-completed',
  'family-disengaged',
  'consent-withdrawn',
  /** Consent declined, no contact, or no answer in time (the journey closes these itself). */
  'consent-not-given',
  /** The planned support period ended (the journey's closure task after the last review). */
  'support-ended',
  'moved-away',
  'stepped-up',
  'transferred',
  'other',
] as const;

/** An anonymised case study a manager chose for the annual report (seeds/002 §43): no names. */
export const caseStudySchema = /* @__PURE__ */ (() =>
  z.strictObject({ title: text(120), story: longText(5000) }))();
