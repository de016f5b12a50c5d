import * as z from 'zod';
import { instantSchema, isoDateSchema, longText, slugIdSchema, ulidSchema } from './common';
import { needIdSchema } from './needs';
import { HEADLINE_IDS } from '../vocabulary/needs';

// The evidence of an outcome against one of a family's identified needs (Supporting Families programme
// guidance 2022 to 2025, chapter 5: what was achieved, how it is evidenced, when), and a case's claim
// eligibility as the API answers it.

const dataCheckSchema = z.string().regex(/^[a-z][a-z0-9-]{1,59}$/, 'a data check of the outcome framework');

/** How an outcome is evidenced: a named data check of the framework, or the practitioner's evidence. */
export const outcomeEvidenceSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('data-check'), check: dataCheckSchema }),
  z.strictObject({ kind: z.literal('practitioner') }),
]);

export const outcomeEvidenceBodySchema = z.strictObject({
  need: needIdSchema,
  /** False records that the need has no positive outcome (or that one did not last). */
  positive: z.boolean(),
  /** What was achieved, in the practitioner's words (kept in the case record, never in a claim file). */
  achieved: longText(2000),
  source: outcomeEvidenceSourceSchema,
  /** The day the outcome was achieved (or seen not to hold). */
  achievedOn: isoDateSchema,
  /** The stored version this one replaces; left out for the need's first evidence. */
  revises: z.number().int().min(1).max(10_000).optional(),
});
export type OutcomeEvidenceBody = z.infer<typeof outcomeEvidenceBodySchema>;

export const outcomeEvidenceSchema = z.strictObject({
  caseId: ulidSchema,
  need: needIdSchema,
  headline: z.enum(HEADLINE_IDS),
  positive: z.boolean(),
  achieved: longText(2000),
  source: outcomeEvidenceSourceSchema,
  achievedOn: isoDateSchema,
  version: z.number().int().min(1),
  recordedBy: slugIdSchema,
  recordedAt: instantSchema,
  /** The outcome framework version the evidence was recorded under. */
  frameworkVersion: z.string().max(40),
});
export type OutcomeEvidence = z.infer<typeof outcomeEvidenceSchema>;

/** What still stands between a case and a claim, one rule at a time (chapter 5's terms). */
export const CLAIM_RULES = [
  'three-needs',
  'lead-practitioner',
  'whole-family-assessment',
  'whole-family-plan',
  'positive-outcome',
  'closed',
  'sustained',
  'not-re-referred',
  'not-claimed',
] as const;
export type ClaimRule = (typeof CLAIM_RULES)[number];

export const claimEligibilitySchema = z.strictObject({
  caseId: ulidSchema,
  claimable: z.boolean(),
  frameworkVersion: z.string().max(40),
  /** The headline outcome areas of the identified needs. */
  headlines: z.array(z.enum(HEADLINE_IDS)).max(HEADLINE_IDS.length),
  /** The first day every outcome has been sustained for its period (once the case is closed). */
  sustainedFrom: isoDateSchema.optional(),
  missing: z
    .array(
      z.strictObject({
        rule: z.enum(CLAIM_RULES),
        message: z.string().max(300),
        need: needIdSchema.optional(),
      }),
    )
    .max(100),
});
export type ClaimEligibility = z.infer<typeof claimEligibilitySchema>;

export const caseOutcomesSchema = z.strictObject({
  items: z.array(outcomeEvidenceSchema).max(100),
  eligibility: claimEligibilitySchema,
});

/** One family on a claim window's list: ids, the case reference and headline areas; nothing personal. */
export const claimFamilySchema = z.strictObject({
  caseId: ulidSchema,
  reference: z.string().max(40),
  locality: z.string().max(40),
  headlines: z.array(z.enum(HEADLINE_IDS)).max(HEADLINE_IDS.length),
  sampled: z.boolean(),
  /** Why the family left the claim at audit. */
  auditFailed: z.string().max(300).optional(),
  /** Why the family left the claim when it was produced (no longer eligible, claimed before). */
  excluded: z.string().max(300).optional(),
  claimed: z.boolean().optional(),
});
export type ClaimFamily = z.infer<typeof claimFamilySchema>;

export const CLAIM_FIGURES = ['claimable', 'sampled', 'audited', 'failedAudit', 'claimed'] as const;
export type ClaimFigure = (typeof CLAIM_FIGURES)[number];

/**
 * The claim file (docs/claims.md): per scope (each locality and `partnership`) and headline outcome
 * (`all`, or each of the ten: families with an identified need under it), how many families were
 * claimable, sampled, audited, failed audit and claimed. Counts only: no reference, no name.
 */
export const claimFileSchema = z.strictObject({
  schemaVersion: z.literal(1),
  window: z.string().max(12),
  frameworkVersion: z.string().max(40),
  producedAt: instantSchema,
  approved: z.boolean(),
  rows: z
    .array(
      z.strictObject({
        scope: z.string().max(40),
        headline: z.union([z.literal('all'), z.enum(HEADLINE_IDS)]),
        claimable: z.number().int().min(0),
        sampled: z.number().int().min(0),
        audited: z.number().int().min(0),
        failedAudit: z.number().int().min(0),
        claimed: z.number().int().min(0),
      }),
    )
    .max(200),
});
export type ClaimFile = z.infer<typeof claimFileSchema>;

/** `nothing-to-claim`: no family was claimable in the window (no audit, no sign-off). */
export const CLAIM_CYCLE_STATUSES = [
  'audit',
  'sign-off',
  'claimed',
  'not-approved',
  'nothing-to-claim',
] as const;

export const claimCycleSchema = z.strictObject({
  window: z.string().max(12),
  frameworkVersion: z.string().max(40),
  preparedAt: instantSchema,
  status: z.enum(CLAIM_CYCLE_STATUSES),
  version: z.number().int().min(1),
  families: z.array(claimFamilySchema).max(5000),
  file: claimFileSchema.optional(),
});
export type ClaimCycle = z.infer<typeof claimCycleSchema>;
