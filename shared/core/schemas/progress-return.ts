import * as z from 'zod';
import { instantSchema, ulidSchema } from './common';
import { HEADLINE_IDS } from '../vocabulary/needs';

// The programme's quarterly progress information (docs/progress-return.md): per scope (each locality and
// `partnership`) and headline outcome area (`all`, or each of the ten: families with an identified need
// under it), the families worked with, started, open at the quarter's end and closed, the families whose
// outcomes were achieved and sustained (the quarter's claim list) and those claimed. Counts only.

export const PROGRESS_FIGURES = [
  'workedWith',
  'started',
  'open',
  'closed',
  'outcomesAchieved',
  'claimed',
] as const;
export type ProgressFigure = (typeof PROGRESS_FIGURES)[number];

export const progressRowSchema = z.strictObject({
  scope: z.string().max(40),
  headline: z.union([z.literal('all'), z.enum(HEADLINE_IDS)]),
  workedWith: z.number().int().min(0),
  started: z.number().int().min(0),
  open: z.number().int().min(0),
  closed: z.number().int().min(0),
  outcomesAchieved: z.number().int().min(0),
  claimed: z.number().int().min(0),
});
export type ProgressRow = z.infer<typeof progressRowSchema>;

export const progressReturnSchema = z.strictObject({
  schemaVersion: z.literal(1),
  quarter: z.string().max(12),
  frameworkVersion: z.string().max(40),
  producedAt: instantSchema,
  /** Whether the quarter's claim cycle has produced its claim (else `outcomesAchieved`/`claimed` may grow). */
  claimProduced: z.boolean(),
  rows: z.array(progressRowSchema).max(200),
});
export type ProgressReturn = z.infer<typeof progressReturnSchema>;

/** One family a figure counts: the case id and reference, for authorised staff; nothing personal. */
export const progressFamilySchema = z.strictObject({
  caseId: ulidSchema,
  reference: z.string().max(40),
  locality: z.string().max(40),
  headlines: z.array(z.enum(HEADLINE_IDS)).max(HEADLINE_IDS.length),
});
export type ProgressFamily = z.infer<typeof progressFamilySchema>;
