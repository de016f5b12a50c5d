import * as z from 'zod/mini';
import { isoDateSchema, text } from '../../core/schemas/common';
import { notesField as notes, reasonField as reason } from '../../core/schemas/outcome-parts';
import type { TaskTypeCore } from '../../core/schemas/task-type-core';
import { RELATIONSHIPS } from '../../core/vocabulary/referrals';

// What a completed consent task records, and the type's place among the others. Core rather than
// the domain module beside it: the store, the API and the pages validate outcomes below the domain.

export const consentOutcomeSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion('decision', [
    z.strictObject({
      decision: z.literal('given'),
      date: isoDateSchema,
      givenBy: text(120),
      relationship: z.enum(RELATIONSHIPS),
      notes,
    }),
    z.strictObject({ decision: z.literal('declined'), date: isoDateSchema, reason, notes }),
    z.strictObject({
      decision: z.literal('no-contact'),
      attempts: z.number().check(z.int(), z.gte(1), z.lte(50)),
      notes,
    }),
  ]))();

export const consentCore = {
  order: 40,
  dueInWorkingDays: true,
  outcomeSchema: consentOutcomeSchema,
} satisfies TaskTypeCore;
