import * as z from 'zod';
import * as zm from 'zod/mini';
import { caseStatusSchema } from '../../core/schemas/case';
import { instantSchema } from '../../core/schemas/common';
import {
  CASE_ID,
  IMMEDIATE_RISK,
  RECEIVED_AT,
  REFERENCE,
  referralExample,
  referralLinks,
  referralStatusExample,
  selfReferralExample,
  UPDATED_AT,
} from '../openapi-examples';
import {
  pageOf,
  referralReceiptSchema,
  referralStatusSchema,
  referralSummarySchema,
  withdrawalSchema,
} from '../views';
import { idempotencyKeyHeader, listQuery, PUBLIC_FORM_THROTTLE } from './common';
import type { RouteEntry } from './route';

// Partners (police, schools, housing, health) refer families and follow their referrals; families
// refer themselves (docs/partners.md).

export const PARTNER_ROUTES: readonly RouteEntry[] = [
  {
    method: 'POST',
    path: '/v1/referrals',
    handler: 'create-referral',
    auth: 'partner',
    grants: { table: 'readWrite', startsExecutions: ['journey'] },
    doc: {
      summary: 'Submit a multi-agency referral (MARF)',
      tag: 'Partner referrals',
      headers: idempotencyKeyHeader,
      body: 'partnerReferral',
      ok: { status: 201, description: 'Received; the journey has started', schema: referralReceiptSchema },
      errors: [400, 401, 403, 409, 413, 415, 422, 429],
      errorSchemas: {
        400: {
          description:
            'Malformed JSON, or the Idempotency-Key is missing or malformed (`errors[0].path` is `headers.Idempotency-Key`, `rule` `required` or `format`)',
        },
        409: {
          description:
            'A request with this Idempotency-Key is still being processed: retry after Retry-After seconds (the retry gets the first answer)',
        },
        422: {
          description:
            'The body breaks the schema or a rule of PartnerReferral (`errors` lists each field path and rule); or the Idempotency-Key was used before with a different body (`rule` `idempotency_key_reused`, path empty)',
        },
      },
    },
    examples: {
      request: referralExample,
      response: {
        id: CASE_ID,
        reference: REFERENCE,
        status: 'RECEIVED',
        links: referralLinks,
        immediateRisk: IMMEDIATE_RISK,
      },
    },
  },
  {
    method: 'GET',
    path: '/v1/referrals',
    handler: 'list-referrals',
    auth: 'partner',
    grants: { table: 'read' },
    doc: {
      summary: "List this partner's referrals",
      tag: 'Partner referrals',
      query: listQuery.extend({
        status: z.optional(caseStatusSchema).describe('a case status, e.g. SUPPORT'),
        since: z
          .optional(instantSchema)
          .describe('only referrals received at or after this instant (ISO 8601 with an offset)'),
      }),
      ok: { status: 200, description: 'A page of referrals', schema: pageOf(referralSummarySchema) },
      errors: [400, 401, 403, 429],
    },
    examples: {
      response: {
        items: [
          {
            id: CASE_ID,
            reference: REFERENCE,
            partnerReference: 'LP-2026-1187',
            status: 'HUB_DECISION',
            receivedAt: RECEIVED_AT,
            updatedAt: UPDATED_AT,
          },
        ],
        nextCursor: null,
      },
    },
  },
  {
    method: 'GET',
    path: '/v1/referrals/{id}',
    handler: 'get-referral',
    auth: 'partner',
    grants: { table: 'read' },
    doc: {
      summary: "A referral's status, its dated status changes and its outcome category",
      tag: 'Partner referrals',
      ok: { status: 200, description: 'The referral', schema: referralStatusSchema },
      errors: [401, 403, 404, 429],
    },
    examples: { response: referralStatusExample },
  },
  {
    method: 'POST',
    path: '/v1/referrals/{id}/withdraw',
    handler: 'withdraw-referral',
    auth: 'partner',
    // Withdrawing answers the open task's token, and the people working on it are told.
    grants: { table: 'readWrite', sendsTaskCallbacks: ['human-task'], sendsEmail: true },
    doc: {
      summary: 'Withdraw an open referral',
      tag: 'Partner referrals',
      body: withdrawalSchema,
      ok: { status: 200, description: 'Withdrawn', schema: referralStatusSchema },
      errors: [400, 401, 403, 404, 409, 413, 415, 422, 429],
    },
    examples: {
      request: { reason: 'The family has moved out of the county.' },
      response: {
        ...referralStatusExample,
        status: 'WITHDRAWN',
        statusChanges: [
          ...referralStatusExample.statusChanges,
          { status: 'WITHDRAWN', at: '2026-11-25T09:30:00.000Z' },
        ],
        updatedAt: '2026-11-25T09:30:00.000Z',
        outcome: { category: 'withdrawn' },
      },
    },
  },
  {
    method: 'POST',
    path: '/v1/self-referrals',
    handler: 'create-self-referral',
    auth: 'public',
    throttle: PUBLIC_FORM_THROTTLE,
    grants: { table: 'readWrite', startsExecutions: ['journey'] },
    doc: {
      summary: 'A parent or carer refers their own family (no sign-in; stricter limits)',
      tag: 'Self-referral',
      body: 'selfReferral',
      ok: { status: 201, description: 'Received', schema: zm.omit(referralReceiptSchema, { links: true }) },
      errors: [400, 413, 415, 422, 429],
    },
    examples: {
      request: selfReferralExample,
      response: { id: CASE_ID, reference: REFERENCE, status: 'RECEIVED', immediateRisk: IMMEDIATE_RISK },
    },
  },
];
