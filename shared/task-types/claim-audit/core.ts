import * as z from 'zod/mini';
import { caseReferenceSchema, longText, text } from '../../core/schemas/common';
import type { TaskTypeCore } from '../../core/schemas/task-type-core';

// What a completed claim-audit task records, and the type's place among the others. Core rather than
// the domain module beside it: the store, the API and the pages validate outcomes below the domain.

/**
 * A senior's internal audit of the families sampled from a locality's claimable list (Supporting
 * Families programme guidance 2022 to 2025, chapter 5): each failed family by case reference with the
 * reason; every sampled family not listed passed.
 */
export const claimAuditOutcomeSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    failed: z
      .array(z.strictObject({ reference: caseReferenceSchema, reason: text(300) }))
      .check(z.maxLength(500)),
    notes: z.optional(longText(4000)),
  }))();

export const claimAuditCore = {
  order: 120,
  outcomeSchema: claimAuditOutcomeSchema,
} satisfies TaskTypeCore;
