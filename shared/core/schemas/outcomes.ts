import * as z from 'zod';
import {
  caseReferenceSchema,
  distinctArray,
  isoDateSchema,
  longText,
  slugIdSchema,
  text,
  ulidSchema,
} from './common';
import { familyStarSchema } from './family-star';
import { NEEDS, needIdSchema } from './needs';
import { RELATIONSHIPS } from './referral';

// What each human task records when it is completed. The decision names are the product's contract.

const reason = longText(2000);
const notes = longText(4000).optional();

export const safeguardingScreenOutcomeSchema = z.strictObject({
  decision: z.enum(['proceed', 'step-up']),
  reason,
  /** The screener's verdict on flagged possible duplicates: ids confirmed as the same family. */
  confirmedDuplicates: z.array(z.ulid()).max(20).optional(),
  notes,
});

export const hubDecisionOutcomeSchema = z.discriminatedUnion('decision', [
  z.strictObject({
    decision: z.literal('family-support'),
    supportLevel: z.enum(['standard', 'enhanced']),
    reason,
    notes,
  }),
  z.strictObject({ decision: z.literal('redirect'), service: text(120), reason, notes }),
  z.strictObject({ decision: z.literal('nfa'), reason, notes }),
]);

/** The locality manager (or a senior overriding) names the key worker for a waiting case. */
export const allocationOutcomeSchema = z.strictObject({ workerId: slugIdSchema, reason: reason.optional() });

export const consentOutcomeSchema = z.discriminatedUnion('decision', [
  z.strictObject({
    decision: z.literal('given'),
    date: isoDateSchema,
    givenBy: text(120),
    relationship: z.enum(RELATIONSHIPS),
    notes,
  }),
  z.strictObject({ decision: z.literal('declined'), date: isoDateSchema, reason, notes }),
  z.strictObject({ decision: z.literal('no-contact'), attempts: z.number().int().min(1).max(50), notes }),
]);

export const planGoalSchema = z.strictObject({
  need: needIdSchema,
  goal: text(500),
  actions: longText(2000),
  byDate: isoDateSchema.optional(),
});

export const familyPlanSchema = z.strictObject({
  summary: longText(4000),
  goals: z.array(planGoalSchema).min(1).max(30),
});

export const assessmentOutcomeSchema = z
  .strictObject({
    completedOn: isoDateSchema,
    needs: distinctArray(needIdSchema, NEEDS.length).min(1),
    familyStar: familyStarSchema,
    plan: familyPlanSchema,
    notes,
  })
  .superRefine((outcome, context) => {
    outcome.plan.goals.forEach((goal, index) => {
      if (!outcome.needs.includes(goal.need)) {
        context.addIssue({
          code: 'custom',
          message: 'a plan goal must address one of the needs assessed',
          path: ['plan', 'goals', index, 'need'],
          params: { rule: 'need_assessed' },
        });
      }
    });
  });

/** What a review decides for one goal of the family plan. */
export const GOAL_REVIEW_NEXT = ['continue', 'achieved', 'dropped'] as const;

/** One goal of the family plan, reviewed (issue #18: the review goes through the plan goal by goal). */
export const goalReviewSchema = z.strictObject({
  /** A goal of the plan's latest version. */
  goalId: ulidSchema,
  /** How far the family has come towards the goal, 0 (not begun) to 10 (achieved): the scaling question. */
  progress: z.number().int().min(0).max(10),
  /** What changes: the goal carries on, is achieved, or is dropped. */
  next: z.enum(GOAL_REVIEW_NEXT),
  comment: longText(2000).optional(),
});

/** A Family Star Plus reading for one parent or carer. */
export const carerStarSchema = z.strictObject({ carer: text(100), familyStar: familyStarSchema });

export const reviewOutcomeSchema = z
  .strictObject({
    heldOn: isoDateSchema,
    familyStar: familyStarSchema,
    progress: longText(4000),
    decision: z.enum(['continue', 'close', 'step-up']),
    /** Needs now resolved, reported in outcomes. */
    needsResolved: distinctArray(needIdSchema, NEEDS.length).optional(),
    /** The plan goal by goal; saved with the plan as its next version (shared/domain/family-plan/review.ts). */
    goals: z.array(goalReviewSchema).max(30).optional(),
    /** A Family Star Plus reading for each parent or carer. */
    carerStars: z.array(carerStarSchema).max(10).optional(),
    notes,
  })
  .superRefine((outcome, context) => {
    const seen = new Set<string>();
    outcome.goals?.forEach((goal, index) => {
      if (seen.has(goal.goalId)) {
        context.addIssue({
          code: 'custom',
          message: 'each goal is reviewed once',
          path: ['goals', index, 'goalId'],
          params: { rule: 'duplicate' },
        });
      }
      seen.add(goal.goalId);
    });
  });

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

export const closureOutcomeSchema = z.strictObject({
  reason: z.enum(CLOSURE_REASONS),
  outcomes: z.strictObject({
    needsResolved: distinctArray(needIdSchema, NEEDS.length),
    needsOutstanding: distinctArray(needIdSchema, NEEDS.length),
    familyStar: familyStarSchema.optional(),
    summary: longText(4000),
  }),
  notes,
});

export const quarterlyReportOutcomeSchema = z.strictObject({
  commentary: longText(10_000),
  /** The improvement options the head of service chooses when the report flags under-performance. */
  improvementOptions: z
    .array(
      z.enum([
        'improvement-plan',
        'additional-capacity',
        'peer-support',
        'amalgamation',
        'referral-to-board',
      ]),
    )
    .max(5)
    .optional(),
});

/** An anonymised case study a manager chose for the annual report (seeds/002 §43): no names. */
export const caseStudySchema = z.strictObject({ title: text(120), story: longText(5000) });

export const annualReportOutcomeSchema = z.strictObject({
  commentary: longText(20_000),
  /** The service interventions the year's work is likely to have prevented (seeds/002 §43). */
  preventedEscalations: longText(10_000).optional(),
  /** Anonymised case studies of successful interventions, chosen by managers (seeds/002 §43). */
  caseStudies: z.array(caseStudySchema).max(10).optional(),
});

export const annualConversationOutcomeSchema = z.strictObject({
  heldOn: isoDateSchema,
  attendees: z.array(text(120)).min(1).max(50),
  notes: longText(10_000),
  actions: z.array(text(500)).max(50).optional(),
});

/**
 * A staff-owned plan action (or the next Team Around the Family meeting) done: completing the task
 * marks its action `done` in the family plan. `note`, optional, says what was done (kept on the task).
 */
export const planActionOutcomeSchema = z.strictObject({ note: longText(2000).optional() });

/**
 * A senior's internal audit of the families sampled from a locality's claimable list (Supporting
 * Families programme guidance 2022 to 2025, chapter 5): each failed family by case reference with the
 * reason; every sampled family not listed passed.
 */
export const claimAuditOutcomeSchema = z.strictObject({
  failed: z.array(z.strictObject({ reference: caseReferenceSchema, reason: text(300) })).max(500),
  notes: longText(4000).optional(),
});

/** The head of service's sign-off of a claim window's results claim. */
export const claimSignOffOutcomeSchema = z.strictObject({
  approved: z.boolean(),
  commentary: longText(4000),
});

export const taskOutcomeSchemas = {
  'safeguarding-screen': safeguardingScreenOutcomeSchema,
  'hub-decision': hubDecisionOutcomeSchema,
  allocation: allocationOutcomeSchema,
  consent: consentOutcomeSchema,
  assessment: assessmentOutcomeSchema,
  review: reviewOutcomeSchema,
  closure: closureOutcomeSchema,
  'quarterly-report': quarterlyReportOutcomeSchema,
  'annual-report': annualReportOutcomeSchema,
  'annual-conversation': annualConversationOutcomeSchema,
  'plan-action': planActionOutcomeSchema,
  'claim-audit': claimAuditOutcomeSchema,
  'claim-sign-off': claimSignOffOutcomeSchema,
} as const;

export type TaskOutcomes = {
  [K in keyof typeof taskOutcomeSchemas]: z.infer<(typeof taskOutcomeSchemas)[K]>;
};
export type SafeguardingScreenOutcome = TaskOutcomes['safeguarding-screen'];
export type HubDecisionOutcome = TaskOutcomes['hub-decision'];
export type ConsentOutcome = TaskOutcomes['consent'];
export type ReviewOutcome = TaskOutcomes['review'];
