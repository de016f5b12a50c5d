import * as z from 'zod/mini';
import { instantSchema, isoDateSchema, longText, slugIdSchema, ulidSchema } from './common';
import { needIdSchema } from './needs';
import { HEADLINE_IDS } from '../vocabulary/needs';

// The evidence of an outcome against one of a family's identified needs (Supporting Families programme
// guidance 2022 to 2025, chapter 5: what was achieved, how it is evidenced, when), and a case's claim
// eligibility as the API answers it.

const dataCheckSchema = /* @__PURE__ */ (() =>
  z.string().check(z.regex(/^[a-z][a-z0-9-]{1,59}$/, 'a data check of the outcome framework')))();

/** How an outcome is evidenced: a named data check of the framework, or the practitioner's evidence. */
export const outcomeEvidenceSourceSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('data-check'), check: dataCheckSchema }),
    z.strictObject({ kind: z.literal('practitioner') }),
  ]))();

export const outcomeEvidenceBodySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    need: needIdSchema,
    /** False records that the need has no positive outcome (or that one did not last). */
    positive: z.boolean(),
    /** What was achieved, in the practitioner's words (kept in the case record, never in a claim file). */
    achieved: longText(2000),
    source: outcomeEvidenceSourceSchema,
    /** The day the outcome was achieved (or seen not to hold). */
    achievedOn: isoDateSchema,
    /** The stored version this one replaces; left out for the need's first evidence. */
    revises: z.optional(z.number().check(z.int(), z.gte(1), z.lte(10_000))),
  }))();
export type OutcomeEvidenceBody = z.infer<typeof outcomeEvidenceBodySchema>;

export const outcomeEvidenceSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    caseId: ulidSchema,
    need: needIdSchema,
    headline: z.enum(HEADLINE_IDS),
    positive: z.boolean(),
    achieved: longText(2000),
    source: outcomeEvidenceSourceSchema,
    achievedOn: isoDateSchema,
    version: z.number().check(z.int(), z.gte(1)),
    recordedBy: slugIdSchema,
    recordedAt: instantSchema,
    /** The outcome framework version the evidence was recorded under. */
    frameworkVersion: z.string().check(z.maxLength(40)),
  }))();
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

export const claimEligibilitySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    caseId: ulidSchema,
    claimable: z.boolean(),
    frameworkVersion: z.string().check(z.maxLength(40)),
    /** The headline outcome areas of the identified needs. */
    headlines: z.array(z.enum(HEADLINE_IDS)).check(z.maxLength(HEADLINE_IDS.length)),
    /** The first day every outcome has been sustained for its period (once the case is closed). */
    sustainedFrom: z.optional(isoDateSchema),
    missing: z
      .array(
        z.strictObject({
          rule: z.enum(CLAIM_RULES),
          message: z.string().check(z.maxLength(300)),
          need: z.optional(needIdSchema),
        }),
      )
      .check(z.maxLength(100)),
  }))();
export type ClaimEligibility = z.infer<typeof claimEligibilitySchema>;

export const caseOutcomesSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    items: z.array(outcomeEvidenceSchema).check(z.maxLength(100)),
    eligibility: claimEligibilitySchema,
  }))();

/** One family on a claim window's list: ids, the case reference and headline areas; nothing personal. */
export const claimFamilySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    caseId: ulidSchema,
    reference: z.string().check(z.maxLength(40)),
    locality: z.string().check(z.maxLength(40)),
    headlines: z.array(z.enum(HEADLINE_IDS)).check(z.maxLength(HEADLINE_IDS.length)),
    sampled: z.boolean(),
    /** Why the family left the claim at audit. */
    auditFailed: z.optional(z.string().check(z.maxLength(300))),
    /** Why the family left the claim when it was produced (no longer eligible, claimed before). */
    excluded: z.optional(z.string().check(z.maxLength(300))),
    claimed: z.optional(z.boolean()),
  }))();
export type ClaimFamily = z.infer<typeof claimFamilySchema>;

export const CLAIM_FIGURES = ['claimable', 'sampled', 'audited', 'failedAudit', 'claimed'] as const;
export type ClaimFigure = (typeof CLAIM_FIGURES)[number];

/**
 * The claim file (docs/claims.md): per scope (each locality and `partnership`) and headline outcome
 * (`all`, or each of the ten: families with an identified need under it), how many families were
 * claimable, sampled, audited, failed audit and claimed. Counts only: no reference, no name.
 */
export const claimFileSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    schemaVersion: z.literal(1),
    window: z.string().check(z.maxLength(12)),
    frameworkVersion: z.string().check(z.maxLength(40)),
    producedAt: instantSchema,
    approved: z.boolean(),
    rows: z
      .array(
        z.strictObject({
          scope: z.string().check(z.maxLength(40)),
          headline: z.union([z.literal('all'), z.enum(HEADLINE_IDS)]),
          claimable: z.number().check(z.int(), z.gte(0)),
          sampled: z.number().check(z.int(), z.gte(0)),
          audited: z.number().check(z.int(), z.gte(0)),
          failedAudit: z.number().check(z.int(), z.gte(0)),
          claimed: z.number().check(z.int(), z.gte(0)),
        }),
      )
      .check(z.maxLength(200)),
  }))();
export type ClaimFile = z.infer<typeof claimFileSchema>;

/** `nothing-to-claim`: no family was claimable in the window (no audit, no sign-off). */
export const CLAIM_CYCLE_STATUSES = [
  'audit',
  'sign-off',
  'claimed',
  'not-approved',
  'nothing-to-claim',
] as const;

export const claimCycleSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    window: z.string().check(z.maxLength(12)),
    frameworkVersion: z.string().check(z.maxLength(40)),
    preparedAt: instantSchema,
    status: z.enum(CLAIM_CYCLE_STATUSES),
    version: z.number().check(z.int(), z.gte(1)),
    families: z.array(claimFamilySchema).check(z.maxLength(5000)),
    file: z.optional(claimFileSchema),
  }))();
export type ClaimCycle = z.infer<typeof claimCycleSchema>;
