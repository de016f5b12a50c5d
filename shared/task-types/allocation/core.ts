import * as z from 'zod/mini';
import { slugIdSchema } from '../../core/schemas/common';
import { reasonField as reason } from '../../core/schemas/outcome-parts';
import type { TaskTypeCore } from '../../core/schemas/task-type-core';

// What a completed allocation task records, and the type's place among the others. Core rather than
// the domain module beside it: the store, the API and the pages validate outcomes below the domain.

/** The locality manager (or a senior overriding) names the key worker for a waiting case. */
export const allocationOutcomeSchema = /* @__PURE__ */ (() =>
  z.strictObject({ workerId: slugIdSchema, reason: z.optional(reason) }))();

export const allocationCore = {
  order: 30,
  dueInWorkingDays: true,
  outcomeSchema: allocationOutcomeSchema,
} satisfies TaskTypeCore;
