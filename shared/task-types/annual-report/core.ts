import * as z from 'zod/mini';
import { longText } from '../../core/schemas/common';
import { caseStudySchema } from '../../core/schemas/outcome-parts';
import type { TaskTypeCore } from '../../core/schemas/task-type-core';

// What a completed annual-report task records, and the type's place among the others. Core rather than
// the domain module beside it: the store, the API and the pages validate outcomes below the domain.

export const annualReportOutcomeSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    commentary: longText(20_000),
    /** The service interventions the year's work is likely to have prevented (seeds/002 §43). */
    preventedEscalations: z.optional(longText(10_000)),
    /** Anonymised case studies of successful interventions, chosen by managers (seeds/002 §43). */
    caseStudies: z.optional(z.array(caseStudySchema).check(z.maxLength(10))),
  }))();

export const annualReportCore = {
  order: 90,
  outcomeSchema: annualReportOutcomeSchema,
} satisfies TaskTypeCore;
