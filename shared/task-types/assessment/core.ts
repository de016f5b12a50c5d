import * as z from 'zod/mini';
import { distinctArray, isoDateSchema } from '../../core/schemas/common';
import { familyStarSchema } from '../../core/schemas/family-star';
import { needIdSchema } from '../../core/schemas/needs';
import { familyPlanSchema, notesField as notes } from '../../core/schemas/outcome-parts';
import type { TaskTypeCore } from '../../core/schemas/task-type-core';
import { NEEDS } from '../../core/vocabulary/needs';

// What a completed assessment task records, and the type's place among the others. Core rather than
// the domain module beside it: the store, the API and the pages validate outcomes below the domain.

export const assessmentOutcomeSchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      completedOn: isoDateSchema,
      needs: distinctArray(needIdSchema, NEEDS.length).check(z.minLength(1)),
      familyStar: familyStarSchema,
      plan: familyPlanSchema,
      notes,
    })
    .check(
      z.superRefine((outcome, context) => {
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
      }),
    ))();

export const assessmentCore = {
  order: 50,
  dueInWorkingDays: true,
  outcomeSchema: assessmentOutcomeSchema,
} satisfies TaskTypeCore;
