import * as z from 'zod/mini';
import { notesField as notes, reasonField as reason } from '../../core/schemas/outcome-parts';
import type { TaskTypeCore } from '../../core/schemas/task-type-core';

// What a completed safeguarding-screen task records, and the type's place among the others. Core rather than
// the domain module beside it: the store, the API and the pages validate outcomes below the domain.

export const safeguardingScreenOutcomeSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    decision: z.enum(['proceed', 'step-up']),
    reason,
    /** The screener's verdict on flagged possible duplicates: ids confirmed as the same family. */
    confirmedDuplicates: z.optional(z.array(z.ulid()).check(z.maxLength(20))),
    notes,
  }))();

export const safeguardingScreenCore = {
  order: 10,
  dueInWorkingDays: true,
  outcomeSchema: safeguardingScreenOutcomeSchema,
} satisfies TaskTypeCore;
