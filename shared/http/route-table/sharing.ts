import * as z from 'zod';
import {
  sharingConsentBodySchema,
  sharingConsentListSchema,
  sharingConsentSchema,
  sharingWithdrawalBodySchema,
} from '../../core/schemas/sharing-consent';
import { CASE_ID } from '../openapi-examples';
import { STAFF_TOKEN } from './common';
import type { RouteEntry } from './route';

// What the family agreed to share with partner agencies (issue #18, Team Around the Family): recorded
// and withdrawn by the key worker or their senior; a partner's access follows it (docs/api.md).

const consentBodyExample = {
  partnerId: 'charnwood-primary',
  purpose: 'plan-actions',
  givenBy: 'Mother',
  givenOn: '2026-11-20',
};
const consentExample = {
  ...consentBodyExample,
  id: '01KB46A1B2C3D4E5F6G7H8J9K0',
  caseId: CASE_ID,
  partnerName: 'Charnwood Primary School',
  status: 'given',
  recordedBy: 'fsw-charnwood',
  recordedAt: '2026-11-20T14:03:00.000Z',
};
const withdrawalExample = { withdrawnBy: 'Mother', withdrawnOn: '2026-12-01' };

export const SHARING_ROUTES: readonly RouteEntry[] = [
  {
    method: 'GET',
    path: '/v1/cases/{id}/sharing-consents',
    handler: 'list-sharing-consents',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    // Every read of a case is recorded (who viewed it: shared/domain/case-record/views.ts).
    grants: { table: 'readWrite' },
    doc: {
      summary:
        'What the family agreed to share, with which partner agency and for what purpose, in force first, then withdrawn',
      tag: 'Staff',
      ok: { status: 200, description: 'The consents', schema: sharingConsentListSchema },
      errors: [401, 403, 404],
    },
    examples: { response: { items: [consentExample] } },
  },
  {
    method: 'POST',
    path: '/v1/cases/{id}/sharing-consents',
    handler: 'give-sharing-consent',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    grants: { table: 'readWrite' },
    doc: {
      summary:
        'Record that the family agreed to share with a partner agency for a purpose (key worker or senior); 409 when it is already in force',
      tag: 'Staff',
      body: sharingConsentBodySchema,
      ok: {
        status: 201,
        description: 'Recorded; the agency may now do what the purpose allows',
        schema: sharingConsentSchema,
      },
      errors: [400, 401, 403, 404, 409, 413, 415, 422],
    },
    examples: { request: consentBodyExample, response: consentExample },
  },
  {
    method: 'POST',
    path: '/v1/cases/{id}/sharing-consents/{partnerId}/{purpose}/withdraw',
    handler: 'withdraw-sharing-consent',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    grants: { table: 'readWrite' },
    doc: {
      summary:
        "Record that the family withdrew a consent: the agency's access ends at once; 409 when it is not in force",
      tag: 'Staff',
      params: z.object({ id: z.string(), partnerId: z.string(), purpose: z.string() }),
      body: sharingWithdrawalBodySchema,
      ok: { status: 200, description: 'Withdrawn', schema: sharingConsentSchema },
      errors: [400, 401, 403, 404, 409, 413, 415, 422],
    },
    examples: {
      request: withdrawalExample,
      response: {
        ...consentExample,
        status: 'withdrawn',
        ...withdrawalExample,
        withdrawalRecordedBy: 'fsw-charnwood',
        withdrawalRecordedAt: '2026-12-01T10:00:00.000Z',
      },
    },
  },
];
