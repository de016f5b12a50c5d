import * as z from 'zod/mini';
import { LOCALITY_IDS } from '../core/config';
import { caseReferenceSchema, isoDateSchema, postcodeSchema, text } from '../core/schemas/common';
import { caseStatusSchema, leadProfessionalSchema } from '../core/schemas/case';

// Bodies of the staff's case actions (POST /v1/cases/{id}/...): the course of a case changed outside
// its tasks, as DESIGN.md allows at any point (step up, withdraw, transfer, extend support).

export const caseActionReasonSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    reason: z
      .string()
      .check(
        z.trim(),
        z.minLength(1),
        z.maxLength(1000),
        z.describe('why, in a sentence or two (kept in the audit trail)'),
      ),
  }))();

export const caseTransferSchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      toWorkerId: z
        .optional(z.string().check(z.minLength(1), z.maxLength(64)))
        .check(z.describe("a named worker (their area becomes the case's)")),
      toLocality: z
        .optional(z.enum(LOCALITY_IDS))
        .check(z.describe('a locality: its worker with the most room takes the case')),
    })
    .check(
      z.refine((body) => body.toWorkerId !== undefined || body.toLocality !== undefined, {
        path: ['toWorkerId'],
        message: 'name a worker (toWorkerId) or a locality (toLocality)',
      }),
    ))();

export const supportExtensionSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    until: isoDateSchema.check(
      z.describe('the new planned end of support, YYYY-MM-DD, after the current one'),
    ),
  }))();

export const caseActionResultSchema = /* @__PURE__ */ (() =>
  z.object({
    caseId: z.string(),
    status: caseStatusSchema,
    locality: z.string(),
    keyWorkerId: z.optional(z.string()),
    leadProfessional: z.optional(leadProfessionalSchema),
    supportEndsOn: z.optional(z.string()),
  }))();

/** A duty officer's decision on one possible match (POST /v1/cases/{id}/matches/{matchId}). */
export const matchDecisionBodySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    decision: z
      .enum(['link', 'dismiss'])
      .check(
        z.describe(
          '`link`: the same family (both records then show the other); `dismiss`: not the same family',
        ),
      ),
  }))();

export const matchDecisionResultSchema = /* @__PURE__ */ (() =>
  z.object({
    caseId: z.string(),
    otherCaseId: z.string(),
    decision: z.enum(['linked', 'dismissed']),
    decidedAt: z.string(),
    changed: z
      .boolean()
      .check(z.describe('false when the same decision had been made already (nothing changed)')),
  }))();

const matchViewSchema = /* @__PURE__ */ (() =>
  z.object({
    caseId: z.string(),
    reference: z.string(),
    status: caseStatusSchema,
    locality: z.string(),
    receivedAt: z.string(),
    endedAt: z.optional(z.string()),
    closureReason: z.optional(z.string()),
    strength: z
      .optional(z.enum(['strong', 'possible']))
      .check(z.describe('`strong`: a person with the same name and date of birth')),
    kinds: z
      .array(z.string())
      .check(
        z.describe(
          'which rules matched: person, person-variant (nickname, double-barrelled name, day and month swapped), surname-dob, address, surname-postcode',
        ),
      ),
    decision: z.optional(z.enum(['linked', 'dismissed'])),
    decidedAt: z.optional(z.string()),
  }))();

export const caseMatchesSchema = /* @__PURE__ */ (() =>
  z.object({
    items: z
      .array(matchViewSchema)
      .check(z.describe('possible matches among every record held, strong first')),
    total: z.number().check(z.int(), z.describe('how many possible matches in all (items holds at most 20)')),
    linked: z.array(matchViewSchema).check(z.describe('records linked to this one as the same family')),
  }))();

/**
 * A staff search (POST, so nothing searched for sits in a URL, a log line or a browser's history):
 * a reference alone; or a family name with a given name, a date of birth or a postcode; or a postcode.
 */
export const searchBodySchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      reference: z.optional(caseReferenceSchema).check(z.describe('a case reference, e.g. SLF-2027-00042')),
      givenName: z.optional(text(100)),
      familyName: z.optional(text(100)),
      dateOfBirth: z
        .optional(isoDateSchema)
        .check(z.describe('YYYY-MM-DD; day and month swapped is found too')),
      postcode: z.optional(postcodeSchema),
    })
    .check(
      z.refine(
        (body) =>
          body.reference !== undefined ||
          body.postcode !== undefined ||
          (body.familyName !== undefined && (body.givenName !== undefined || body.dateOfBirth !== undefined)),
        {
          path: ['familyName'],
          message: 'give a reference; a family name with a given name or date of birth; or a postcode',
        },
      ),
    ))();

export const searchResultSchema = /* @__PURE__ */ (() =>
  z.object({
    items: z
      .array(matchViewSchema)
      .check(z.describe('records you may open that match, strong first (facts only: no names)')),
    truncated: z.boolean().check(z.describe('more records matched than were read: narrow the search')),
  }))();
