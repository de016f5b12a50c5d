import * as z from 'zod/mini';
import { instantSchema, isoDateSchema, longText, slugIdSchema, text, ulidSchema } from './common';

// The family's consent to share with one partner agency for one purpose (seeds/002 §24 and §50:
// information sharing; issue #18). Consent is recorded per agency and per purpose; withdrawing it
// removes the agency's access at once. A purpose is something a partner's API can do with a case.

export const SHARING_PURPOSES = ['plan-actions'] as const;
export type SharingPurpose = (typeof SHARING_PURPOSES)[number];

/** What each purpose lets the agency do, in the words the pages and the API document use. */
export const SHARING_PURPOSE_LABELS: Record<SharingPurpose, string> = {
  'plan-actions': 'read the family plan actions the agency owns and post updates on them',
};

export const sharingPurposeSchema = /* @__PURE__ */ (() => z.enum(SHARING_PURPOSES))();

/** The body of `POST /v1/cases/{id}/sharing-consents`: the family agreed to share with an agency. */
export const sharingConsentBodySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** The partner agency (its id in the partner register, as `npm run admin -- partners list` shows). */
    partnerId: slugIdSchema,
    purpose: sharingPurposeSchema,
    /** Who in the family gave consent (a parent or carer, or the young person). */
    givenBy: text(100),
    givenOn: isoDateSchema,
    note: z.optional(longText(1000)),
  }))();

/** The body of `POST /v1/cases/{id}/sharing-consents/{partnerId}/{purpose}/withdraw`. */
export const sharingWithdrawalBodySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** Who in the family withdrew it. */
    withdrawnBy: text(100),
    withdrawnOn: isoDateSchema,
    note: z.optional(longText(1000)),
  }))();

/** One agency's consent for one purpose on a case, as stored and answered. */
export const sharingConsentSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    id: ulidSchema,
    caseId: ulidSchema,
    partnerId: slugIdSchema,
    partnerName: text(120),
    purpose: sharingPurposeSchema,
    status: z.enum(['given', 'withdrawn']),
    givenBy: text(100),
    givenOn: isoDateSchema,
    note: z.optional(longText(1000)),
    recordedBy: slugIdSchema,
    recordedAt: instantSchema,
    withdrawnBy: z.optional(text(100)),
    withdrawnOn: z.optional(isoDateSchema),
    withdrawalNote: z.optional(longText(1000)),
    withdrawalRecordedBy: z.optional(slugIdSchema),
    withdrawalRecordedAt: z.optional(instantSchema),
  }))();

export const sharingConsentListSchema = /* @__PURE__ */ (() =>
  z.strictObject({ items: z.array(sharingConsentSchema) }))();

export type SharingConsentBody = z.infer<typeof sharingConsentBodySchema>;
export type SharingWithdrawalBody = z.infer<typeof sharingWithdrawalBodySchema>;
export type SharingConsent = z.infer<typeof sharingConsentSchema>;
