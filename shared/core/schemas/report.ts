import * as z from 'zod/mini';
import { instantSchema, isoDateSchema, localityIdSchema, longText, slugIdSchema, text } from './common';
import { caseStudySchema } from './outcomes';

// A performance report as stored: a draft the workflow builds, frozen when the manager submits.
// A correction is a new version; versions are never overwritten.

const metricKey = /* @__PURE__ */ (() => z.string().check(z.maxLength(80), z.regex(/^[a-zA-Z0-9_.-]+$/)))();
const metricValue = /* @__PURE__ */ (() => z.union([z.number(), z.record(metricKey, z.number())]))();

export const reportFlagSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    metric: metricKey,
    value: z.number(),
    threshold: z.number(),
    message: text(500),
  }))();

const forecastBand = /* @__PURE__ */ (() =>
  z.strictObject({ p10: z.number(), median: z.number(), p90: z.number() }))();

/**
 * Next quarter's forecast (issue 22), made when the draft is built: the model's medians and 10-90%
 * bands over the 13 weeks after the quarter end. Figures only.
 */
export const reportForecastSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    from: isoDateSchema,
    weeks: z.number().check(z.int(), z.gte(1), z.lte(52)),
    runs: z.number().check(z.int(), z.gte(1), z.lte(1000)),
    seed: z.number().check(z.int()),
    figures: z.record(metricKey, z.nullable(forecastBand)),
  }))();

/** How the forecast the previous quarter's report made compares with what happened in this quarter. */
export const reportForecastReviewSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** The report whose forecast is reviewed (the quarter before) and the day it forecast from. */
    forecastPeriod: z.string().check(z.maxLength(12)),
    forecastFrom: isoDateSchema,
    rows: z
      .array(
        z.strictObject({
          figure: metricKey,
          forecast: z.nullable(forecastBand),
          actual: z.nullable(z.number()),
          /** Whether the actual fell within the 10-90% band (null when either is missing). */
          withinBand: z.nullable(z.boolean()),
        }),
      )
      .check(z.maxLength(20)),
  }))();

export const reportSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    kind: z.enum(['quarterly', 'annual']),
    /** A locality id, or `partnership` for the whole county. */
    scope: z.union([localityIdSchema, z.literal('partnership')]),
    /** `2026-27-Q4` (quarterly) or `2026-27` (annual). */
    period: z.string().check(z.trim(), z.maxLength(12), z.regex(/^\d{4}-\d{2}(-Q[1-4])?$/)),
    version: z.number().check(z.int(), z.gte(1), z.lte(1000)),
    status: z.enum(['draft', 'submitted']),
    metrics: z
      .record(metricKey, metricValue)
      .check(z.refine((metrics) => Object.keys(metrics).length <= 500, 'at most 500 metrics')),
    flags: z.array(reportFlagSchema).check(z.maxLength(50)),
    commentary: z.optional(longText(20_000)),
    improvementOptions: z.optional(z.array(text(60)).check(z.maxLength(10))),
    /** The annual report's content beyond the figures (seeds/002 §43). */
    preventedEscalations: z.optional(longText(10_000)),
    caseStudies: z.optional(z.array(caseStudySchema).check(z.maxLength(10))),
    createdAt: instantSchema,
    submittedAt: z.optional(instantSchema),
    submittedBy: z.optional(slugIdSchema),
    forecast: z.optional(reportForecastSchema),
    forecastReview: z.optional(reportForecastReviewSchema),
  }))();

export type Report = z.infer<typeof reportSchema>;
