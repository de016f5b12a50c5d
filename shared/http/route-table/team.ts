import * as z from 'zod';
import {
  planActionUpdateBodySchema,
  sharedPlanActionListSchema,
  sharedPlanActionSchema,
} from '../../core/schemas/plan-action-update';
import { CASE_ID, REFERENCE } from '../openapi-examples';
import { optionalIdempotencyKeyHeader } from './common';
import type { RouteEntry } from './route';

// Partner agencies on the team around the family (issue #18): the plan actions they own, on the cases
// whose family consented to share plan actions with them, and their updates on those; nothing else
// of a case (docs/api.md). Their own scopes, so an agency that only refers cannot call them.

const ACTION_ID = '01KB47B1C2D3E4F5G6H7J8K9M0';
const sharedActionExample = {
  caseId: CASE_ID,
  reference: REFERENCE,
  planVersion: 3,
  actionId: ACTION_ID,
  what: 'Meet Jay each Monday morning to plan the week at school',
  dueOn: '2026-12-14',
  status: 'in-progress',
  late: false,
  owner: { name: 'Sam Liaison', role: 'Family liaison officer' },
  updates: [],
};

export const TEAM_ROUTES: readonly RouteEntry[] = [
  {
    method: 'GET',
    path: '/v1/shared/plan-actions',
    handler: 'list-shared-plan-actions',
    auth: 'partner',
    scopes: ['team/read'],
    // Writes a view of each case returned (once a day per case and client: shared/domain/case-record/views.ts).
    grants: { table: 'readWrite' },
    doc: {
      summary:
        'The family plan actions your agency owns, on the open cases whose family consented to share plan actions with you, due soonest first',
      tag: 'Partner team',
      ok: { status: 200, description: 'The actions', schema: sharedPlanActionListSchema },
      errors: [401, 403, 429],
    },
    examples: { response: { items: [sharedActionExample] } },
  },
  {
    method: 'POST',
    path: '/v1/shared/plan-actions/{caseId}/{actionId}',
    handler: 'update-shared-plan-action',
    auth: 'partner',
    scopes: ['team/write'],
    grants: { table: 'readWrite', idempotency: true },
    doc: {
      summary:
        "Post an update on an action your agency owns: a status, a note or both (a new status writes the plan's next version); 404 once the family withdraws consent",
      tag: 'Partner team',
      params: z.object({ caseId: z.string(), actionId: z.string() }),
      headers: optionalIdempotencyKeyHeader,
      body: planActionUpdateBodySchema,
      ok: { status: 200, description: 'The action, with its updates', schema: sharedPlanActionSchema },
      errors: [400, 401, 403, 404, 409, 413, 415, 422, 429],
    },
    examples: {
      request: {
        status: 'done',
        note: 'Jay has kept to the plan for four weeks; we will carry on without the meetings.',
      },
      response: {
        ...sharedActionExample,
        planVersion: 4,
        status: 'done',
        updates: [
          {
            id: '01KB47C1D2E3F4G5H6J7K8M9N0',
            caseId: CASE_ID,
            actionId: ACTION_ID,
            partnerId: 'charnwood-primary',
            at: '2026-12-11T15:00:00.000Z',
            status: 'done',
            note: 'Jay has kept to the plan for four weeks; we will carry on without the meetings.',
          },
        ],
      },
    },
  },
];
