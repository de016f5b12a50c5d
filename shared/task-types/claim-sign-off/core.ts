import * as z from 'zod/mini';
import { longText } from '../../core/schemas/common';
import type { TaskTypeCore } from '../../core/schemas/task-type-core';

// What a completed claim-sign-off task records, and the type's place among the others. Core rather than
// the domain module beside it: the store, the API and the pages validate outcomes below the domain.

/** The head of service's sign-off of a claim window's results claim. */
export const claimSignOffOutcomeSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    approved: z.boolean(),
    commentary: longText(4000),
  }))();

export const claimSignOffCore = {
  order: 130,
  outcomeSchema: claimSignOffOutcomeSchema,
} satisfies TaskTypeCore;
