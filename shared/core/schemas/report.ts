import * as z from 'zod';
import { instantSchema, localityIdSchema, longText, slugIdSchema, text } from './common';

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
  createdAt: instantSchema,
  submittedAt: instantSchema.optional(),
  submittedBy: slugIdSchema.optional(),
});

export type Report = z.infer<typeof reportSchema>;
