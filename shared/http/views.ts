import * as z from 'zod/mini';
import { type Case, caseStatusSchema, statusChangeSchema } from '../core/schemas/case';
import { caseRecordEntrySchema } from '../core/schemas/case-record';
import { caseReferenceSchema, instantSchema, ulidSchema } from '../core/schemas/common';
import { CLOSURE_REASONS } from '../core/schemas/outcomes';
import { reportSchema } from '../core/schemas/report';
import { staffRoleSchema } from '../core/schemas/roles';
import { type Task, taskSummarySchema, taskTypeSchema } from '../core/schemas/task';
import { TASK_STATUSES } from '../core/vocabulary/tasks';
import { complexityFromNeeds, type NeedId } from '../core/vocabulary/needs';
import { isStepDown } from '../core/vocabulary/referrals';
import { toTaskSummary } from '../core/task-summary';

// What the API answers, as zod schemas (the OpenAPI document is generated from them) and the
// functions that build each view from a domain record. A partner's view carries nothing personal:
// only what the partner itself sent back as its own reference, statuses and dates.

export const linksSchema = /* @__PURE__ */ (() => z.record(z.string(), z.string()))();

export const OUTCOME_CATEGORIES = [
  'in-progress',
  'stepped-up',
  'redirected',
  'no-further-action',
  'withdrawn',
  'closed',
] as const;

export const referralReceiptSchema = /* @__PURE__ */ (() =>
  z.object({
    id: ulidSchema,
    reference: caseReferenceSchema,
    status: caseStatusSchema,
    links: linksSchema,
    immediateRisk: z
      .string()
      .check(
        z.describe(
          'In words, for the referrer: an immediate risk to a child must also be phoned to First Response or 999 at once; this referral does not replace that call.',
        ),
      ),
  }))();

/** A staff referral's answer: as a partner's, linking the case (staff follow it there). */
export const staffReferralReceiptSchema = /* @__PURE__ */ (() =>
  z.extend(referralReceiptSchema, {
    links: z.object({ case: z.string().check(z.describe('The case, `GET /v1/cases/{id}`')) }),
  }))();

export const referralStatusSchema = /* @__PURE__ */ (() =>
  z.object({
    id: ulidSchema,
    reference: caseReferenceSchema,
    partnerReference: z.optional(z.string()),
    status: caseStatusSchema,
    receivedAt: instantSchema,
    updatedAt: instantSchema,
    statusChanges: z.array(statusChangeSchema),
    outcome: z.object({
      category: z.enum(OUTCOME_CATEGORIES),
      closureReason: z.optional(z.enum(CLOSURE_REASONS)),
    }),
    links: linksSchema,
  }))();

export const referralSummarySchema = /* @__PURE__ */ (() =>
  z.pick(referralStatusSchema, {
    id: true,
    reference: true,
    partnerReference: true,
    status: true,
    receivedAt: true,
    updatedAt: true,
  }))();

export const pageOf = <T extends z.core.SomeType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) });

export const sessionRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    username: z.string().check(z.trim(), z.minLength(1), z.maxLength(128)),
    password: z.string().check(z.minLength(1), z.maxLength(256)),
    /** The six-digit code from the authenticator app, when the user pool requires a second factor. */
    code: z.optional(z.string().check(z.regex(/^\d{6}$/, 'six digits'))),
  }))();

/** The answer to a sign-in challenge, under the reference id the challenge answer gave as `session`. */
export const sessionChallengeAnswerSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    session: z
      .string()
      .check(
        z.regex(/^[A-Za-z0-9_-]{43}$/, 'the session reference from the challenge answer'),
        z.describe('the `session` reference from the 401 challenge answer (not a Cognito Session)'),
      ),
    /** new-password: the password to use from now on. */
    newPassword: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
    /** mfa-setup, mfa-code: the six-digit code the authenticator app shows now. */
    code: z.optional(z.string().check(z.regex(/^\d{6}$/, 'six digits'))),
  }))();

export const sessionRequestOrAnswerSchema = /* @__PURE__ */ (() =>
  z.union([sessionRequestSchema, sessionChallengeAnswerSchema]))();

/** A 401 that is a step of a first sign-in, not a refusal: answer it with `session` and the field. */
export const sessionChallengeSchema = /* @__PURE__ */ (() =>
  z.object({
    type: z.literal('urn:sfw:problem:sign-in-challenge'),
    title: z.string(),
    status: z.literal(401),
    detail: z.string(),
    challenge: z.enum(['new-password', 'mfa-setup', 'mfa-code']),
    session: z.string().check(z.describe('send back with the answer; valid until `validUntil`')),
    validUntil: z.string(),
    secretCode: z
      .optional(z.string())
      .check(z.describe('mfa-setup: the base32 secret for the authenticator app')),
    otpauthUri: z.optional(z.string()).check(z.describe('mfa-setup: the same as an otpauth://totp/ link')),
    errors: z.optional(z.array(z.object({ path: z.string(), rule: z.string(), message: z.string() }))),
  }))();

export const sessionSchema = /* @__PURE__ */ (() =>
  z.object({
    token: z.string(),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().check(z.int()),
    user: z.object({ id: z.string(), role: staffRoleSchema, area: z.string() }),
  }))();

export const taskDetailSchema = /* @__PURE__ */ (() =>
  z.extend(taskSummarySchema, {
    area: z.string(),
    createdAt: instantSchema,
    completedAt: z.optional(instantSchema),
    completedBy: z.optional(z.string()),
    outcome: z.optional(z.unknown()),
    caseStatus: z.optional(caseStatusSchema),
    caseComplexity: z
      .optional(z.enum(['below-threshold', 'at-risk', 'complex']))
      .check(
        z.describe(
          "The case's needs against the thresholds (two or more: at risk, five or more: complex). A hub decision below the threshold is not refused; its usual outcome is `redirect` (other early help or a single agency).",
        ),
      ),
    stepDown: z
      .optional(z.literal(true))
      .check(z.describe("Present on a step-down from children's social care: it had no safeguarding screen")),
    links: linksSchema,
  }))();

export const caseViewSchema = /* @__PURE__ */ (() =>
  z.object({
    case: z.record(z.string(), z.unknown()),
    timeline: z.array(statusChangeSchema),
    tasks: z.array(taskSummarySchema),
    audit: z.array(z.record(z.string(), z.unknown())),
  }))();

/** `GET /v1/cases/{id}/record`: each entry at its latest version, with how many versions it has. */
export const chronologySchema = /* @__PURE__ */ (() =>
  z.object({
    items: z.array(z.extend(caseRecordEntrySchema, { versions: z.number().check(z.int(), z.gte(1)) })),
  }))();

/** `GET /v1/cases/{id}/record/{entryId}`: every version of one entry, oldest first. */
export const entryVersionsSchema = /* @__PURE__ */ (() =>
  z.object({ versions: z.array(caseRecordEntrySchema) }))();

export const withdrawalSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(1000)),
  }))();

/**
 * `outcome` is validated by the task's own type (shared/core/schemas/outcomes.ts). `type`, when sent, must
 * be that type: it lets a client's generated types pick the outcome's schema (the document's
 * discriminator), and a client completing the wrong task learns it rather than failing on fields.
 */
export const taskCompletionSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    type: z.optional(taskTypeSchema),
    outcome: z.unknown(),
  }))();

export const taskCompletedSchema = /* @__PURE__ */ (() =>
  z.object({
    id: ulidSchema,
    status: z.enum(TASK_STATUSES),
    type: taskTypeSchema,
  }))();

function outcomeOf(record: Case): z.infer<typeof referralStatusSchema>['outcome'] {
  switch (record.status) {
    case 'STEPPED_UP':
      return { category: 'stepped-up' };
    case 'REDIRECTED':
      return { category: 'redirected' };
    case 'NFA':
      return { category: 'no-further-action' };
    case 'WITHDRAWN':
      return { category: 'withdrawn' };
    case 'CLOSED': {
      const reason = (CLOSURE_REASONS as readonly string[]).includes(record.closure?.reason ?? '')
        ? (record.closure!.reason as (typeof CLOSURE_REASONS)[number])
        : undefined;
      return { category: 'closed', ...(reason ? { closureReason: reason } : {}) };
    }
    default:
      return { category: 'in-progress' };
  }
}

export function referralLinks(id: string): Record<string, string> {
  return { self: `/v1/referrals/${id}`, withdraw: `/v1/referrals/${id}/withdraw` };
}

export function toReferralStatus(record: Case): z.infer<typeof referralStatusSchema> {
  return {
    id: record.id,
    reference: record.reference,
    ...(record.referral.partnerReference ? { partnerReference: record.referral.partnerReference } : {}),
    status: record.status,
    receivedAt: record.receivedAt,
    updatedAt: record.updatedAt,
    statusChanges: record.statusHistory.map(({ status, at }) => ({ status, at })),
    outcome: outcomeOf(record),
    links: referralLinks(record.id),
  };
}

export function toReferralSummary(record: Case): z.infer<typeof referralSummarySchema> {
  const { id, reference, partnerReference, status, receivedAt, updatedAt } = toReferralStatus(record);
  return { id, reference, ...(partnerReference ? { partnerReference } : {}), status, receivedAt, updatedAt };
}

export function toTaskDetail(
  task: Task,
  record?: Pick<Case, 'status' | 'needs' | 'referral'>,
): z.infer<typeof taskDetailSchema> {
  return {
    ...toTaskSummary(task),
    area: task.area,
    createdAt: task.createdAt,
    ...(task.completedAt ? { completedAt: task.completedAt } : {}),
    ...(task.completedBy ? { completedBy: task.completedBy } : {}),
    ...(task.outcome !== undefined ? { outcome: task.outcome } : {}),
    ...(record
      ? {
          caseStatus: record.status,
          caseComplexity: complexityFromNeeds(record.needs as NeedId[]),
          ...(isStepDown(record.referral) ? { stepDown: true as const } : {}),
        }
      : {}),
    links: {
      self: `/v1/tasks/${task.id}`,
      complete: `/v1/tasks/${task.id}/complete`,
      ...(task.caseId ? { case: `/v1/cases/${task.caseId}` } : {}),
    },
  };
}

/** A report's JSON view (shared/domain/reporting/render.ts `reportView`), for the OpenAPI document. */
export const reportViewSchema = /* @__PURE__ */ (() =>
  z.extend(
    z.pick(reportSchema, {
      kind: true,
      scope: true,
      period: true,
      version: true,
      status: true,
      createdAt: true,
      submittedAt: true,
      submittedBy: true,
      commentary: true,
      flags: true,
      metrics: true,
      forecast: true,
      forecastReview: true,
    }),
    {
      improvementOptions: z.array(z.string()),
      rows: z.array(
        z.object({
          key: z.string(),
          group: z.string(),
          label: z.string(),
          unit: z.string(),
          column: z.string(),
          columnLabel: z.string(),
          value: z.number(),
        }),
      ),
    },
  ))();
