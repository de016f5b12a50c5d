import * as z from 'zod/mini';
import { instantSchema, slugIdSchema, ulidSchema } from './common';

// Who opened a case's records, when and how (seeds/003 single case record: the family's right to know
// who has seen it). Written on every read of a case, its record or an export, and on a partner's read of
// the plan actions its agency owns on the case (once a day per case and API client); ids only.

export const CASE_VIEW_SUBJECTS = [
  'case',
  'case-record',
  'case-record-entry',
  'export',
  'sharing-consents',
  'family-plan',
  'taf-meetings',
  'documents',
  'outcomes',
  'plan-actions',
] as const;

export const caseViewRecordSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    id: ulidSchema,
    caseId: ulidSchema,
    at: instantSchema,
    viewer: slugIdSchema,
    role: z.string().check(z.maxLength(40)),
    what: z.enum(CASE_VIEW_SUBJECTS),
    via: z.enum(['page', 'api']),
    /**
     * A partner practitioner's read through the partner API (`GET /v1/shared/plan-actions`): the agency and
     * the API client, no person's name. `viewer` is then the agency and `role` is `partner`; recorded at
     * most once a day per case and client.
     */
    partner: z.optional(
      z.strictObject({ agency: slugIdSchema, clientId: z.string().check(z.minLength(1), z.maxLength(128)) }),
    ),
  }))();

export type CaseViewRecord = z.infer<typeof caseViewRecordSchema>;
