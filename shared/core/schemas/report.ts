import * as z from 'zod';
import { instantSchema, isoDateSchema, localityIdSchema, longText, slugIdSchema, text } from './common';
import { caseStudySchema } from './outcomes';

// A performance report as stored: a draft the workflow builds, frozen when the manager submits.
// A correction is a new version; versions are never overwritten.

const metricKey = z
  .string()
  .max(80)
  .regex(/^[a-zA-Z0-9_.-]+$/);
const metricValue = z.union([z.number(), z.record(metricKey, z.number())]);

export const reportFlagSchema = z.strictObject({
  metric: metricKey,
  value: z.number(),
  threshold: z.number(),
  message: text(500),
});

const forecastBand = z.strictObject({ p10: z.number(), median: z.number(), p90: z.number() });

/**
 * Next quarter's forecast (issue 22), made when the draft is built: the model's medians and 10-90%
 * bands over the 13 weeks after the quarter end. Figures only.
 */
export const reportForecastSchema = z.strictObject({
  from: isoDateSchema,
  weeks: z.number().int().min(1).max(52),
  runs: z.number().int().min(1).max(1000),
  seed: z.number().int(),
  figures: z.record(metricKey, forecastBand.nullable()),
});

/** How the forecast the previous quarter's report made compares with what happened in this quarter. */
export const reportForecastReviewSchema = z.strictObject({
  /** The report whose forecast is reviewed (the quarter before) and the day it forecast from. */
  forecastPeriod: z.string().max(12),
  forecastFrom: isoDateSchema,
  rows: z
    .array(
      z.strictObject({
        figure: metricKey,
        forecast: forecastBand.nullable(),
        actual: z.number().nullable(),
        /** Whether the actual fell within the 10-90% band (null when either is missing). */
        withinBand: z.boolean().nullable(),
      }),
    )
    .max(20),
});

export const reportSchema = z.strictObject({
  kind: z.enum(['quarterly', 'annual']),
  /** A locality id, or `partnership` for the whole county. */
  scope: z.union([localityIdSchema, z.literal('partnership')]),
  /** `2026-27-Q4` (quarterly) or `2026-27` (annual). */
  period: z
    .string()
    .trim()
    .max(12)
    .regex(/^\d{4}-\d{2}(-Q[1-4])?$/),
  version: z.number().int().min(1).max(1000),
  status: z.enum(['draft', 'submitted']),
  metrics: z
    .record(metricKey, metricValue)
    .refine((metrics) => Object.keys(metrics).length <= 500, 'at most 500 metrics'),
  flags: z.array(reportFlagSchema).max(50),
  commentary: longText(20_000).optional(),
  improvementOptions: z.array(text(60)).max(10).optional(),
  /** The annual report's content beyond the figures (seeds/002 §43). */
  preventedEscalations: longText(10_000).optional(),
  caseStudies: z.array(caseStudySchema).max(10).optional(),
  createdAt: instantSchema,
  submittedAt: instantSchema.optional(),
  submittedBy: slugIdSchema.optional(),
  forecast: reportForecastSchema.optional(),
  forecastReview: reportForecastReviewSchema.optional(),
});

export type Report = z.infer<typeof reportSchema>;
