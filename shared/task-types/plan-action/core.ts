import * as z from 'zod/mini';
import { longText } from '../../core/schemas/common';
import type { TaskTypeCore } from '../../core/schemas/task-type-core';

// What a completed plan-action task records, and the type's place among the others. Core rather than
// the domain module beside it: the store, the API and the pages validate outcomes below the domain.

/**
 * A staff-owned plan action (or the next Team Around the Family meeting) done: completing the task
 * marks its action `done` in the family plan. `note`, optional, says what was done (kept on the task).
 */
export const planActionOutcomeSchema = /* @__PURE__ */ (() =>
  z.strictObject({ note: z.optional(longText(2000)) }))();

export const planActionCore = {
  order: 110,
  outcomeSchema: planActionOutcomeSchema,
} satisfies TaskTypeCore;
