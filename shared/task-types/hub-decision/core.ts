import * as z from 'zod/mini';
import { text } from '../../core/schemas/common';
import { notesField as notes, reasonField as reason } from '../../core/schemas/outcome-parts';
import type { TaskTypeCore } from '../../core/schemas/task-type-core';

// What a completed hub-decision task records, and the type's place among the others. Core rather than
// the domain module beside it: the store, the API and the pages validate outcomes below the domain.

export const hubDecisionOutcomeSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion('decision', [
    z.strictObject({
      decision: z.literal('family-support'),
      supportLevel: z.enum(['standard', 'enhanced']),
      reason,
      notes,
    }),
    z.strictObject({ decision: z.literal('redirect'), service: text(120), reason, notes }),
    z.strictObject({ decision: z.literal('nfa'), reason, notes }),
  ]))();

export const hubDecisionCore = {
  order: 20,
  dueInWorkingDays: true,
  outcomeSchema: hubDecisionOutcomeSchema,
} satisfies TaskTypeCore;
