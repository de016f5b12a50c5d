import * as z from 'zod/mini';
import { isoDateSchema, longText, text } from '../../core/schemas/common';
import type { TaskTypeCore } from '../../core/schemas/task-type-core';

// What a completed annual-conversation task records, and the type's place among the others. Core rather than
// the domain module beside it: the store, the API and the pages validate outcomes below the domain.

export const annualConversationOutcomeSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    heldOn: isoDateSchema,
    attendees: z.array(text(120)).check(z.minLength(1), z.maxLength(50)),
    notes: longText(10_000),
    actions: z.optional(z.array(text(500)).check(z.maxLength(50))),
  }))();

export const annualConversationCore = {
  order: 100,
  outcomeSchema: annualConversationOutcomeSchema,
} satisfies TaskTypeCore;
