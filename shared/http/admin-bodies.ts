import { sharingConsentSchema } from '../core/schemas/sharing-consent';
import * as z from 'zod/mini';
import { storedFamilyPlanSchema } from '../core/schemas/family-plan';
import { tafMeetingSchema } from '../core/schemas/taf-meeting';
import { caseDocumentSchema } from '../core/schemas/documents';
import { caseRecordEntrySchema } from '../core/schemas/case-record';
import { caseViewRecordSchema } from '../core/schemas/case-view-record';
import { areaSchema, instantSchema, isoDateSchema, slugIdSchema, text } from '../core/schemas/common';
import { partnerSchema } from '../core/schemas/partner';
import { staffRoleSchema } from '../core/schemas/roles';
import { workerSchema } from '../core/schemas/worker';

// Request bodies of the administration routes, built from the domain's field rules.

const worker = workerSchema.shape;
const partner = partnerSchema.shape;

export const createStaffMemberSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    id: slugIdSchema,
    name: worker.name,
    email: worker.email,
    role: staffRoleSchema,
    area: areaSchema,
    capacity: z.optional(worker.capacity),
  }))();

export const updateStaffMemberSchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      name: z.optional(worker.name),
      email: z.optional(worker.email),
      role: z.optional(staffRoleSchema),
      area: z.optional(areaSchema),
      capacity: z.optional(worker.capacity),
      active: z.optional(z.boolean()),
    })
    .check(z.refine((body) => Object.keys(body).length > 0, { message: 'change at least one field' })))();

export const createPartnerSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    id: slugIdSchema,
    name: partner.name,
    organisationType: partner.organisationType,
    scopes: partner.scopes,
    contactEmail: partner.contactEmail,
  }))();

export const partnerViewSchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    name: z.string(),
    organisationType: z.string(),
    clientId: z.string(),
    scopes: z.array(z.string()),
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }))();

export const partnerCredentialsSchema = /* @__PURE__ */ (() =>
  z.object({
    partner: partnerViewSchema,
    clientId: z.string(),
    /** Shown once; store it in the partner's secret store. */
    clientSecret: z.string(),
  }))();

export const staffMemberViewSchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: staffRoleSchema,
    area: z.string(),
    active: z.boolean(),
    capacity: z.number(),
    load: z.number(),
    openCases: z.number(),
  }))();

export const createdStaffMemberSchema = /* @__PURE__ */ (() =>
  z.object({
    staffMember: staffMemberViewSchema,
    /** Shown once: the first sign-in password; hand it over securely. */
    initialPassword: z.string(),
  }))();

export const localityViewSchema = /* @__PURE__ */ (() => z.object({ id: z.string(), name: z.string() }))();

/** `GET /v1/admin/cases/{id}/export`'s query. */
export const caseExportQuerySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    person: z
      .optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200)))
      .check(
        z.describe(
          'the person the request is from or about (given and family name): other people are marked as third parties',
        ),
      ),
    format: z
      ._default(z.enum(['json', 'html']), 'json')
      .check(z.describe('html: a printable page with the marked items highlighted')),
  }))();

/** A subject access export (shared/domain/case-record/subject-access.ts). */
export const caseExportSchema = /* @__PURE__ */ (() =>
  z.object({
    exportedAt: instantSchema,
    exportedBy: z.string(),
    subject: z.optional(z.string()),
    case: z.record(z.string(), z.unknown()),
    tasks: z.array(z.record(z.string(), z.unknown())),
    chronology: z.array(caseRecordEntrySchema),
    sharingConsents: z.array(sharingConsentSchema),
    plan: z.array(storedFamilyPlanSchema).check(z.describe('every version of the family plan, oldest first')),
    tafMeetings: z
      .array(tafMeetingSchema)
      .check(z.describe('Team Around the Family meetings, in the order held')),
    documents: z.array(caseDocumentSchema).check(z.describe('what each file is (never its bytes)')),
    audit: z.array(z.record(z.string(), z.unknown())),
    views: z.array(caseViewRecordSchema),
    redactions: z.array(
      z.object({
        path: z.string().check(z.describe('where in this export, e.g. case.referral.referrer.email')),
        reason: z.string(),
      }),
    ),
  }))();

/** `POST /v1/admin/subject-access`: the person a request is from or about (in the body: never in a URL). */
export const personExportBodySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    givenName: text(100),
    familyName: text(100),
    dateOfBirth: isoDateSchema,
  }))();

export const personExportSchema = /* @__PURE__ */ (() =>
  z.object({
    exportedAt: instantSchema,
    exportedBy: z.string(),
    searched: z.object({
      candidates: z.number().check(z.int(), z.describe('records the family-match index offered')),
      matched: z
        .number()
        .check(z.int(), z.describe('records with a family member of this name and date of birth')),
    }),
    cases: z
      .array(caseExportSchema)
      .check(z.describe('each case naming the person, exported whole, oldest first')),
  }))();

export const matchIndexRebuildSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    cursor: z
      .optional(z.string().check(z.maxLength(4096)))
      .check(z.describe('where the previous batch stopped (its nextCursor)')),
  }))();

export const matchIndexRebuiltSchema = /* @__PURE__ */ (() =>
  z.object({
    indexed: z.number().check(z.int(), z.describe('records indexed in this batch')),
    nextCursor: z
      .optional(z.string())
      .check(z.describe('send it back for the next batch; absent when every record is done')),
  }))();

export const retentionReindexSchema = /* @__PURE__ */ (() => z.strictObject({}))();

export const retentionReindexedSchema = /* @__PURE__ */ (() =>
  z.object({
    indexed: z
      .number()
      .check(z.int(), z.describe('ended cases given their retention index keys in this batch')),
    skipped: z
      .number()
      .check(
        z.int(),
        z.describe('ended cases left alone because they changed (reopened, deleted, saved) since read'),
      ),
    complete: z
      .boolean()
      .check(z.describe('every ended case has its keys (the pass reached the end); false: call again')),
  }))();
