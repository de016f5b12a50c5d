import * as z from 'zod/mini';
import { distinctArray, isoDateSchema, longText } from '../../core/schemas/common';
import { familyStarSchema } from '../../core/schemas/family-star';
import { needIdSchema } from '../../core/schemas/needs';
import { carerStarSchema, goalReviewSchema, notesField as notes } from '../../core/schemas/outcome-parts';
import type { TaskTypeCore } from '../../core/schemas/task-type-core';
import { NEEDS } from '../../core/vocabulary/needs';

// What a completed review task records, and the type's place among the others. Core rather than
// the domain module beside it: the store, the API and the pages validate outcomes below the domain.

export const reviewOutcomeSchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      heldOn: isoDateSchema,
      familyStar: familyStarSchema,
      progress: longText(4000),
      decision: z.enum(['continue', 'close', 'step-up']),
      /** Needs now resolved, reported in outcomes. */
      needsResolved: z.optional(distinctArray(needIdSchema, NEEDS.length)),
      /** The plan goal by goal; saved with the plan as its next version (shared/domain/family-plan/review.ts). */
      goals: z.optional(z.array(goalReviewSchema).check(z.maxLength(30))),
      /** A Family Star Plus reading for each parent or carer. */
      carerStars: z.optional(z.array(carerStarSchema).check(z.maxLength(10))),
      notes,
    })
    .check(
      z.superRefine((outcome, context) => {
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
      }),
    ))();

export const reviewCore = {
  order: 60,
  outcomeSchema: reviewOutcomeSchema,
} satisfies TaskTypeCore;
