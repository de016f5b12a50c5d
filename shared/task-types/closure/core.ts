import * as z from 'zod/mini';
import { distinctArray, longText } from '../../core/schemas/common';
import { familyStarSchema } from '../../core/schemas/family-star';
import { needIdSchema } from '../../core/schemas/needs';
import { CLOSURE_REASONS, notesField as notes } from '../../core/schemas/outcome-parts';
import type { TaskTypeCore } from '../../core/schemas/task-type-core';
import { NEEDS } from '../../core/vocabulary/needs';

// What a completed closure task records, and the type's place among the others. Core rather than
// the domain module beside it: the store, the API and the pages validate outcomes below the domain.

export const closureOutcomeSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    reason: z.enum(CLOSURE_REASONS),
    outcomes: z.strictObject({
      needsResolved: distinctArray(needIdSchema, NEEDS.length),
      needsOutstanding: distinctArray(needIdSchema, NEEDS.length),
      familyStar: z.optional(familyStarSchema),
      summary: longText(4000),
    }),
    notes,
  }))();

export const closureCore = {
  order: 70,
  dueInWorkingDays: true,
  outcomeSchema: closureOutcomeSchema,
} satisfies TaskTypeCore;
