import * as z from 'zod/mini';
import {
  caseReferenceSchema,
  distinctArray,
  emailSchema,
  instantSchema,
  isoDateSchema,
  localityIdSchema,
  longText,
  phoneSchema,
  slugIdSchema,
  text,
  ulidSchema,
} from './common';
import { familyStarSchema } from './family-star';
import { needIdSchema } from './needs';
import { referralSchema } from './referral';
import { CASE_STATUSES, SUPPORT_LEVELS } from '../vocabulary/cases';
import { NEEDS } from '../vocabulary/needs';

export const caseStatusSchema = /* @__PURE__ */ (() => z.enum(CASE_STATUSES))();

export const statusChangeSchema = /* @__PURE__ */ (() =>
  z.strictObject({ status: caseStatusSchema, at: instantSchema }))();

export const caseAssessmentSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    completedOn: isoDateSchema,
    dueDate: isoDateSchema,
    onTime: z.boolean(),
    needs: distinctArray(needIdSchema, NEEDS.length),
    familyStar: familyStarSchema,
  }))();

/** The support phase: planned length by level (config support) and reviews, both from the first allocation. */
export const caseSupportSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    startedOn: isoDateSchema,
    /** The first allocation's day: reviews fall every reviewIntervalWeeks from it (older records lack it). */
    reviewsFrom: z.optional(isoDateSchema),
    /** Support ends by this day unless a senior extends it (standard ~3 months, enhanced up to 12). */
    endsOn: isoDateSchema,
    /** The senior who extended support past its planned end, if any. */
    extendedBy: z.optional(slugIdSchema),
    lastReviewOn: z.optional(isoDateSchema),
    nextReviewDue: z.optional(isoDateSchema),
  }))();

export const caseClosureSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    on: isoDateSchema,
    reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(40)),
    summary: z.optional(longText(4000)),
  }))();

/**
 * The lead professional of the Team Around the Family (seeds/003, single family plan and team): the key
 * worker by default, or a practitioner of a partner agency (a school's family liaison, a health visitor).
 */
export const leadProfessionalSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('key-worker') }),
    z.strictObject({
      kind: z.literal('practitioner'),
      name: text(100),
      role: text(100),
      agency: text(100),
      email: z.optional(emailSchema),
      phone: z.optional(phoneSchema),
    }),
  ]))();
export type LeadProfessional = z.infer<typeof leadProfessionalSchema>;

export const caseSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    id: ulidSchema,
    reference: caseReferenceSchema,
    status: caseStatusSchema,
    locality: localityIdSchema,
    referral: referralSchema,
    receivedAt: instantSchema,
    updatedAt: instantSchema,
    /** Optimistic lock: every update names the version it read and bumps it. */
    version: z.number().check(z.int(), z.gte(1)),
    /** The needs in force: the referral's presenting needs until the assessment records its own. */
    needs: distinctArray(needIdSchema, NEEDS.length),
    /** Five or more needs (seeds/003): weighs more on a worker's caseload. */
    complex: z.boolean(),
    supportLevel: z.optional(z.enum(SUPPORT_LEVELS)),
    keyWorkerId: z.optional(slugIdSchema),
    /** Who leads the Team Around the Family (seeds/003); absent: the key worker. */
    leadProfessional: z.optional(leadProfessionalSchema),
    /** Caseload units taken from the key worker at allocation, given back at closure or transfer. */
    allocatedWeight: z.optional(z.number().check(z.int(), z.gte(0), z.lte(1000))),
    allocatedAt: z.optional(instantSchema),
    waitingSince: z.optional(instantSchema),
    /**
     * The first few open cases with the same child (name + date of birth) or address, flagged for the
     * screener; `possibleDuplicateCount` says how many there were in all (shared/adapters/data/cases.ts).
     */
    possibleDuplicates: z.array(ulidSchema).check(z.maxLength(20)),
    possibleDuplicateCount: z.optional(z.number().check(z.int(), z.gte(0))),
    /**
     * The family's earlier record that ended in the twelve months before this referral (the same child
     * by name and date of birth): a re-referral, a report figure (shared/domain/matching/re-referral.ts).
     */
    reReferralOf: z.optional(ulidSchema),
    assessment: z.optional(caseAssessmentSchema),
    reviewCount: z.number().check(z.int(), z.gte(0), z.lte(1000)),
    latestFamilyStar: z.optional(familyStarSchema),
    /** The day the family agreed to work with the service (the consent task). */
    consentGivenOn: z.optional(isoDateSchema),
    support: z.optional(caseSupportSchema),
    closure: z.optional(caseClosureSchema),
    endedAt: z.optional(instantSchema),
    /** The day after which the closed record must be deleted. */
    retainUntil: z.optional(isoDateSchema),
    executionArn: z.optional(z.string().check(z.trim(), z.maxLength(2048))),
    /** The last task whose outcome the journey applied: a retried step finds it applied already. */
    lastTaskApplied: z.optional(ulidSchema),
    statusHistory: z.array(statusChangeSchema).check(z.maxLength(200)),
  }))();

export type Case = z.infer<typeof caseSchema>;
/** @public */
export type StatusChange = z.infer<typeof statusChangeSchema>;
export type CaseSupport = z.infer<typeof caseSupportSchema>;
