import * as z from 'zod/mini';
import { longText } from '../../core/schemas/common';
import type { TaskTypeCore } from '../../core/schemas/task-type-core';

// What a completed quarterly-report task records, and the type's place among the others. Core rather than
// the domain module beside it: the store, the API and the pages validate outcomes below the domain.

export const quarterlyReportOutcomeSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    commentary: longText(10_000),
    /** The improvement options the head of service chooses when the report flags under-performance. */
    improvementOptions: z.optional(
      z
        .array(
          z.enum([
            'improvement-plan',
            'additional-capacity',
            'peer-support',
            'amalgamation',
            'referral-to-board',
          ]),
        )
        .check(z.maxLength(5)),
    ),
  }))();

export const quarterlyReportCore = {
  order: 80,
  outcomeSchema: quarterlyReportOutcomeSchema,
} satisfies TaskTypeCore;
