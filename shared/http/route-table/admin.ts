import * as z from 'zod';
import { areaSchema } from '../../core/schemas/common';
import { staffRoleSchema } from '../../core/schemas/roles';
import {
  caseExportQuerySchema,
  personExportBodySchema,
  personExportSchema,
  caseExportSchema,
  createdStaffMemberSchema,
  createPartnerSchema,
  createStaffMemberSchema,
  localityViewSchema,
  matchIndexRebuildSchema,
  matchIndexRebuiltSchema,
  partnerCredentialsSchema,
  partnerViewSchema,
  retentionReindexedSchema,
  retentionReindexSchema,
  staffMemberViewSchema,
  updateStaffMemberSchema,
} from '../admin-bodies';
import { CASE_ID, partnerExample, REFERENCE, staffMemberExample } from '../openapi-examples';
import { pageOf } from '../views';
import { listQuery, STAFF_TOKEN } from './common';
import type { RouteEntry } from './route';

// Administrators manage staff and partner clients (docs/api.md). Changing a sign-in or a client
// needs the user pool's administration; every handler reads the caller's staff record.

const ADMIN: Pick<RouteEntry, 'auth' | 'scopes'> = { auth: 'admin', scopes: STAFF_TOKEN };
const TAG = 'Administration';

export const ADMIN_ROUTES: readonly RouteEntry[] = [
  {
    method: 'POST',
    path: '/v1/admin/subject-access',
    handler: 'export-person',
    ...ADMIN,
    // Reads every case naming the person; writes each export's audit event and view record.
    grants: { table: 'readWrite' },
    doc: {
      summary:
        'A subject access export of one person (name and date of birth, in the body): every case with a family member of that name and date of birth, each exported whole with the others in it marked as third parties; audited',
      tag: TAG,
      body: personExportBodySchema,
      ok: { status: 200, description: 'The export', schema: personExportSchema },
      errors: [400, 401, 403, 413, 415, 422],
    },
    examples: {
      request: { givenName: 'Kerry', familyName: 'Example', dateOfBirth: '1990-04-12' },
      response: {
        exportedAt: '2026-12-01T10:00:00.000Z',
        exportedBy: 'admin',
        searched: { candidates: 2, matched: 1 },
        cases: [],
      },
    },
  },
  {
    method: 'GET',
    path: '/v1/admin/cases/{id}/export',
    handler: 'export-case',
    ...ADMIN,
    // Reads the whole case; writes the export's audit event and view record; the page's template.
    grants: { table: 'readWrite', bundlesPageFiles: true },
    doc: {
      summary:
        'A subject access export of one case (by id or reference): the case, its tasks, every version of its record, the audit trail and who viewed it, with what may concern third parties marked for review; audited',
      tag: TAG,
      query: caseExportQuerySchema,
      ok: {
        status: 200,
        description: 'The export (JSON; a printable page with format=html)',
        schema: caseExportSchema,
        alternatives: { 'text/html': z.string().describe('the printable page') },
      },
      errors: [400, 401, 403, 404],
    },
    examples: {
      response: {
        exportedAt: '2026-12-01T10:00:00.000Z',
        exportedBy: 'admin',
        case: { id: CASE_ID, reference: REFERENCE, status: 'CLOSED' },
        tasks: [],
        chronology: [],
        sharingConsents: [],
        plan: [],
        tafMeetings: [],
        documents: [],
        audit: [{ type: 'case.received', at: '2026-11-23T10:15:00.000Z' }],
        views: [
          {
            id: '01KB45A1B2C3D4E5F6G7H8J9K0',
            caseId: CASE_ID,
            at: '2026-11-30T09:00:00.000Z',
            viewer: 'fsw-charnwood',
            role: 'family-support-worker',
            what: 'case',
            via: 'page',
          },
        ],
        redactions: [
          { path: 'case.referral.referrer.email', reason: 'third party: the professional who referred' },
        ],
      },
    },
  },
  {
    method: 'GET',
    path: '/v1/admin/localities',
    handler: 'list-localities',
    ...ADMIN,
    grants: { table: 'read' },
    doc: {
      summary: 'The localities',
      tag: TAG,
      ok: {
        status: 200,
        description: 'Localities',
        schema: z.object({ items: z.array(localityViewSchema) }),
      },
      errors: [401, 403],
    },
    examples: { response: { items: [{ id: 'charnwood', name: 'Charnwood' }] } },
  },
  {
    method: 'GET',
    path: '/v1/admin/staff',
    handler: 'list-staff',
    ...ADMIN,
    grants: { table: 'read' },
    doc: {
      summary: 'Staff members of one role in one area',
      tag: TAG,
      query: listQuery.extend({
        area: areaSchema.check(z.describe('a locality id, or county for the county-wide roles')),
        role: staffRoleSchema,
      }),
      ok: { status: 200, description: 'A page of staff', schema: pageOf(staffMemberViewSchema) },
      errors: [400, 401, 403],
    },
    examples: { response: { items: [staffMemberExample], nextCursor: null } },
  },
  {
    method: 'POST',
    path: '/v1/admin/staff',
    handler: 'create-staff-member',
    ...ADMIN,
    grants: { table: 'readWrite', userPool: 'admin' },
    doc: {
      summary: 'Add a staff member (and their sign-in)',
      tag: TAG,
      body: createStaffMemberSchema,
      ok: { status: 201, description: 'Added', schema: createdStaffMemberSchema },
      errors: [400, 401, 403, 409, 415, 422],
    },
    examples: {
      request: {
        id: 'fsw-charnwood-2',
        name: 'Pat Key',
        email: 'pat.key@council.example',
        role: 'family-support-worker',
        area: 'charnwood',
        capacity: 30,
      },
      response: { staffMember: staffMemberExample, initialPassword: 'Tq7!mZ2#rV9p' },
    },
  },
  {
    method: 'PATCH',
    path: '/v1/admin/staff/{id}',
    handler: 'update-staff-member',
    ...ADMIN,
    grants: { table: 'readWrite', userPool: 'admin' },
    doc: {
      summary: "Change a staff member's role, area, capacity or active state",
      tag: TAG,
      body: updateStaffMemberSchema,
      ok: { status: 200, description: 'Changed', schema: staffMemberViewSchema },
      errors: [400, 401, 403, 404, 409, 415, 422],
    },
    examples: { request: { capacity: 24 }, response: { ...staffMemberExample, capacity: 24 } },
  },
  {
    method: 'GET',
    path: '/v1/admin/partners',
    handler: 'list-partners',
    ...ADMIN,
    grants: { table: 'read' },
    doc: {
      summary: 'Partner clients',
      tag: TAG,
      ok: { status: 200, description: 'Partners', schema: z.object({ items: z.array(partnerViewSchema) }) },
      errors: [401, 403],
    },
    examples: { response: { items: [partnerExample] } },
  },
  {
    method: 'POST',
    path: '/v1/admin/partners',
    handler: 'create-partner',
    ...ADMIN,
    grants: { table: 'readWrite', userPool: 'admin' },
    doc: {
      summary: 'Register a partner and create its client credentials',
      tag: TAG,
      body: createPartnerSchema,
      ok: {
        status: 201,
        description: 'Registered; the secret is shown once',
        schema: partnerCredentialsSchema,
      },
      errors: [400, 401, 403, 409, 415, 422],
    },
    examples: {
      request: {
        id: 'demo-housing',
        name: 'Demo Housing',
        organisationType: 'housing',
        scopes: ['referrals/read', 'referrals/write'],
        contactEmail: 'it@housing.example',
      },
      response: {
        partner: partnerExample,
        clientId: partnerExample.clientId,
        clientSecret: 'example-secret-shown-once',
      },
    },
  },
  {
    method: 'POST',
    path: '/v1/admin/partners/{id}/rotate-secret',
    handler: 'rotate-partner-secret',
    ...ADMIN,
    grants: { table: 'readWrite', userPool: 'admin' },
    doc: {
      summary: "Replace a partner's client secret",
      tag: TAG,
      ok: { status: 200, description: 'The new secret, shown once', schema: partnerCredentialsSchema },
      errors: [401, 403, 404, 409],
    },
    examples: {
      response: {
        partner: partnerExample,
        clientId: partnerExample.clientId,
        clientSecret: 'another-secret-shown-once',
      },
    },
  },
  {
    method: 'POST',
    path: '/v1/admin/partners/{id}/revoke',
    handler: 'revoke-partner',
    ...ADMIN,
    grants: { table: 'readWrite', userPool: 'admin' },
    doc: {
      summary: "Revoke a partner's access at once",
      tag: TAG,
      ok: { status: 200, description: 'Revoked', schema: partnerViewSchema },
      errors: [401, 403, 404],
    },
    examples: { response: { ...partnerExample, active: false } },
  },
  {
    method: 'POST',
    path: '/v1/admin/match-index',
    handler: 'rebuild-match-index',
    ...ADMIN,
    grants: { table: 'readWrite', timeoutSeconds: 60 },
    doc: {
      summary: 'Re-index a batch of the records held for family matching (after an upgrade or a new key)',
      tag: TAG,
      body: matchIndexRebuildSchema,
      ok: { status: 200, description: 'A batch indexed', schema: matchIndexRebuiltSchema },
      errors: [400, 401, 403, 413, 415, 422],
    },
    examples: { request: {}, response: { indexed: 200, nextCursor: 'eyJzIjozLCJwIjoiLi4uIn0' } },
  },
  {
    method: 'POST',
    path: '/v1/admin/retention-index',
    handler: 'reindex-retention',
    ...ADMIN,
    grants: { table: 'readWrite', timeoutSeconds: 60 },
    doc: {
      summary:
        'Give a batch of cases that ended before the retention index their keys in it (the daily sweep also does this by itself)',
      tag: TAG,
      body: retentionReindexSchema,
      ok: { status: 200, description: 'A batch indexed', schema: retentionReindexedSchema },
      errors: [400, 401, 403, 413, 415, 422],
    },
    examples: { request: {}, response: { indexed: 500, skipped: 0, complete: false } },
  },
];
