import * as z from 'zod/mini';
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

export const progressRowSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    scope: z.string().check(z.maxLength(40)),
    headline: z.union([z.literal('all'), z.enum(HEADLINE_IDS)]),
    workedWith: z.number().check(z.int(), z.gte(0)),
    started: z.number().check(z.int(), z.gte(0)),
    open: z.number().check(z.int(), z.gte(0)),
    closed: z.number().check(z.int(), z.gte(0)),
    outcomesAchieved: z.number().check(z.int(), z.gte(0)),
    claimed: z.number().check(z.int(), z.gte(0)),
  }))();
export type ProgressRow = z.infer<typeof progressRowSchema>;

export const progressReturnSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    schemaVersion: z.literal(1),
    quarter: z.string().check(z.maxLength(12)),
    frameworkVersion: z.string().check(z.maxLength(40)),
    producedAt: instantSchema,
    /** Whether the quarter's claim cycle has produced its claim (else `outcomesAchieved`/`claimed` may grow). */
    claimProduced: z.boolean(),
    rows: z.array(progressRowSchema).check(z.maxLength(200)),
  }))();
export type ProgressReturn = z.infer<typeof progressReturnSchema>;

/** One family a figure counts: the case id and reference, for authorised staff; nothing personal. */
export const progressFamilySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    caseId: ulidSchema,
    reference: z.string().check(z.maxLength(40)),
    locality: z.string().check(z.maxLength(40)),
    headlines: z.array(z.enum(HEADLINE_IDS)).check(z.maxLength(HEADLINE_IDS.length)),
  }))();
export type ProgressFamily = z.infer<typeof progressFamilySchema>;
