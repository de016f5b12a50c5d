import * as z from 'zod';
import { TASK_STATUSES, taskSummarySchema } from '../../core/schemas/task';
import { LOCALITY_IDS } from '../../core/config';
import { PARTNERSHIP } from '../../domain/tasks/types/report-scope';
import {
  caseActionReasonSchema,
  caseActionResultSchema,
  caseMatchesSchema,
  matchDecisionBodySchema,
  matchDecisionResultSchema,
  searchBodySchema,
  searchResultSchema,
  caseTransferSchema,
  supportExtensionSchema,
} from '../case-action-bodies';
import {
  CASE_ID,
  caseActionReasonExample,
  RECEIVED_AT,
  REFERENCE,
  referralStatusExample,
  TASK_ID,
  taskDetailExample,
} from '../openapi-examples';
import {
  caseViewSchema,
  pageOf,
  reportViewSchema,
  sessionChallengeSchema,
  sessionRequestOrAnswerSchema,
  sessionSchema,
  taskCompletedSchema,
  taskDetailSchema,
} from '../views';
import { listQuery, PUBLIC_FORM_THROTTLE, STAFF_TOKEN } from './common';
import type { HandlerGrants } from './grants';
import type { RouteEntry } from './route';

// Staff work their tasks and cases through the JSON API as through the pages (docs/api.md).

// A task list item is the task's detail without its area, times, case status and links.
const {
  area: _area,
  createdAt: _createdAt,
  caseStatus: _caseStatus,
  links: _links,
  ...taskSummaryExample
} = taskDetailExample;

const URGENT_CASE_ID = '01KB41A2B3C4D5E6F7G8H9J0K1';
const URGENT_TASK_ID = '01KB41A3C5E7G9J1K3M5N7P9R1';
const MATCHED_CASE_ID = '01JQ3H2D4E5F6G7H8J9K0M1N2P';

// A case action cancels the case's open tasks (answering their tokens) and tells the people concerned.
const CASE_ACTION_GRANTS: HandlerGrants = {
  table: 'readWrite',
  sendsTaskCallbacks: ['human-task'],
  sendsEmail: true,
};

const CASE_ACTION_ERRORS = [400, 401, 403, 404, 409, 413, 415, 422];

export const STAFF_ROUTES: readonly RouteEntry[] = [
  {
    method: 'POST',
    path: '/v1/session',
    handler: 'create-session',
    auth: 'public',
    throttle: PUBLIC_FORM_THROTTLE,
    grants: { table: 'readWrite', userPool: 'signIn' },
    doc: {
      summary: 'Staff sign-in: a bearer token for the staff API',
      tag: 'Staff',
      body: sessionRequestOrAnswerSchema,
      ok: { status: 201, description: 'Signed in', schema: sessionSchema },
      errors: [400, 401, 415, 422, 429],
      errorSchemas: {
        401: {
          description:
            'Wrong credentials or an ended sign-in (`errors[0].path` is `session`); or, with `type` urn:sfw:problem:sign-in-challenge, a first sign-in step: `challenge` is new-password, mfa-setup or mfa-code; answer with `session` and `newPassword` or `code`',
          schema: sessionChallengeSchema,
        },
        422: {
          description:
            'The body breaks the schema, or a wrong answer to a challenge (the challenge stands: retry)',
        },
        429: {
          description:
            'Too many sign-in attempts from this address (30 in 5 minutes by default, shared with the sign-in page), or too many failed sign-ins for this username (5, then locked for 15 minutes by default; an unknown username is answered the same way); wait for Retry-After seconds',
        },
      },
    },
    examples: {
      request: { username: 'hub-charnwood', password: 'correct horse battery staple' },
      response: {
        token: 'eyJraWQiOiJsb2NhbCIsImFsZyI6IlJTMjU2In0.eyJzdWIiOiJodWItY2hhcm53b29kIn0.c2lnbmF0dXJl',
        tokenType: 'Bearer',
        expiresIn: 3600,
        user: { id: 'hub-charnwood', role: 'hub-coordinator', area: 'charnwood' },
      },
    },
  },
  {
    method: 'GET',
    path: '/v1/tasks',
    handler: 'list-tasks',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    grants: { table: 'read' },
    doc: {
      summary: 'My tasks and my queues: urgent first, then soonest due',
      tag: 'Staff',
      query: listQuery.extend({
        status: z.enum(TASK_STATUSES).optional(),
        due: z
          .enum(['today'])
          .optional()
          .describe('today: only tasks due today or overdue (and every urgent one)'),
      }),
      ok: { status: 200, description: 'A page of tasks', schema: pageOf(taskSummarySchema) },
      errors: [400, 401, 403],
    },
    examples: {
      response: {
        items: [
          {
            id: URGENT_TASK_ID,
            type: 'safeguarding-screen',
            caseId: URGENT_CASE_ID,
            caseReference: 'SLF-2026-00043',
            status: 'OPEN',
            dueDate: '2026-11-24',
            dueAt: '2026-11-24T15:02:00.000Z',
            priority: 'urgent',
            owner: 'role:duty-social-worker:county',
          },
          {
            id: TASK_ID,
            type: 'safeguarding-screen',
            caseId: CASE_ID,
            caseReference: REFERENCE,
            status: 'OPEN',
            dueDate: '2026-11-24',
            priority: 'normal',
            owner: 'role:duty-social-worker:county',
          },
        ],
        nextCursor: null,
      },
    },
  },
  {
    method: 'GET',
    path: '/v1/tasks/{id}',
    handler: 'get-task',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    grants: { table: 'read' },
    doc: {
      summary: 'One task',
      tag: 'Staff',
      ok: { status: 200, description: 'The task', schema: taskDetailSchema },
      errors: [401, 403, 404],
    },
    examples: { response: taskDetailExample },
  },
  {
    method: 'POST',
    path: '/v1/tasks/{id}/complete',
    handler: 'complete-task',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    // Completing answers the task's token (the human-task workflow's wait).
    grants: { table: 'readWrite', sendsTaskCallbacks: ['human-task'] },
    doc: {
      summary: "Complete a task with its type's outcome",
      tag: 'Staff',
      body: 'taskCompletion',
      ok: { status: 200, description: 'Completed', schema: taskCompletedSchema },
      errors: [400, 401, 403, 404, 409, 413, 415, 422],
      errorSchemas: {
        404: { description: 'No such task, or not one the caller may complete' },
        409: {
          description:
            'The task is already completed, cancelled or timed out, or its type is completed on its own page; or the record changed meanwhile (reload and retry)',
        },
        422: {
          description:
            "`type` is not the task's (`rule` `task_type`), or the outcome breaks its type's schema (paths under `outcome.`)",
        },
      },
    },
    examples: {
      requests: 'each task type',
      response: { id: TASK_ID, status: 'COMPLETED', type: 'hub-decision' },
    },
  },
  {
    method: 'GET',
    path: '/v1/cases/{id}',
    handler: 'get-case',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    grants: { table: 'read' },
    doc: {
      summary: 'A case, its timeline, its tasks and its audit events',
      tag: 'Staff',
      ok: { status: 200, description: 'The case', schema: caseViewSchema },
      errors: [401, 403, 404],
    },
    examples: {
      response: {
        case: { id: CASE_ID, reference: REFERENCE, status: 'HUB_DECISION', locality: 'charnwood' },
        timeline: referralStatusExample.statusChanges,
        tasks: [taskSummaryExample],
        audit: [{ type: 'case.received', at: RECEIVED_AT }],
      },
    },
  },
  {
    method: 'GET',
    path: '/v1/reports/{locality}/{quarter}',
    handler: 'get-report',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    grants: { table: 'read' },
    doc: {
      summary:
        "A performance report (the latest version unless `version` names one), as JSON or CSV: a locality manager their locality's, the head of service every locality's and the partnership's",
      tag: 'Staff',
      params: z.object({
        locality: z.enum([...LOCALITY_IDS, PARTNERSHIP]),
        quarter: z
          .string()
          .regex(/^\d{4}-\d{2}(-Q[1-4])?$/)
          .describe(
            'a quarter of the financial year, e.g. 2026-27-Q2; or the year, e.g. 2026-27, for the annual report',
          ),
      }),
      query: z.object({
        version: z.string().optional().describe('a stored version, 1 upwards (default: the latest)'),
        format: z.enum(['json', 'csv']).optional().describe('csv answers text/csv, as does Accept: text/csv'),
      }),
      ok: {
        status: 200,
        description: 'The report (JSON; text/csv when asked)',
        schema: reportViewSchema,
        alternatives: {
          'text/csv': z
            .string()
            .describe(
              'scope,period,version,status,group,metric,label,unit,column,value: one line per figure',
            ),
        },
      },
      errors: [400, 401, 403, 404],
    },
    examples: {
      response: {
        kind: 'quarterly',
        scope: 'charnwood',
        period: '2026-27-Q2',
        version: 2,
        status: 'submitted',
        createdAt: '2026-09-30T23:30:00.000Z',
        submittedAt: '2026-10-10T11:00:00.000Z',
        submittedBy: 'manager-charnwood',
        commentary: 'Assessments on time improved.',
        flags: [],
        metrics: { 'assessments.completed': 3, 'referrals.bySource': { partner: 2, self: 1 } },
        improvementOptions: [],
        rows: [
          {
            key: 'assessments.completed',
            group: 'assessments',
            label: 'Assessments completed',
            unit: 'count',
            column: 'value',
            columnLabel: 'Value',
            value: 3,
          },
        ],
      },
    },
  },
  // Staff change a case's course outside its tasks.
  {
    method: 'POST',
    path: '/v1/cases/{id}/step-up',
    handler: 'step-up-case',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    grants: CASE_ACTION_GRANTS,
    doc: {
      summary: "Step a case up to children's social care (safeguarding), at any stage",
      tag: 'Staff',
      body: caseActionReasonSchema,
      ok: { status: 200, description: 'Stepped up', schema: caseActionResultSchema },
      errors: CASE_ACTION_ERRORS,
    },
    examples: {
      request: { reason: 'A disclosure at school today: immediate safeguarding concern.' },
      response: { caseId: CASE_ID, status: 'STEPPED_UP', locality: 'charnwood' },
    },
  },
  {
    method: 'POST',
    path: '/v1/cases/{id}/withdraw',
    handler: 'withdraw-case',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    grants: CASE_ACTION_GRANTS,
    doc: {
      summary: "Record that the family withdrew; their worker's place is freed",
      tag: 'Staff',
      body: caseActionReasonSchema,
      ok: { status: 200, description: 'Withdrawn', schema: caseActionResultSchema },
      errors: CASE_ACTION_ERRORS,
    },
    examples: {
      request: caseActionReasonExample,
      response: { caseId: CASE_ID, status: 'WITHDRAWN', locality: 'charnwood' },
    },
  },
  {
    method: 'POST',
    path: '/v1/cases/{id}/transfer',
    handler: 'transfer-case',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    grants: CASE_ACTION_GRANTS,
    doc: {
      summary: 'Move a case to another worker or locality (seniors, managers, head of service)',
      tag: 'Staff',
      body: caseTransferSchema,
      ok: { status: 200, description: 'Transferred', schema: caseActionResultSchema },
      errors: CASE_ACTION_ERRORS,
    },
    examples: {
      request: { toLocality: 'blaby' },
      response: { caseId: CASE_ID, status: 'CONSENT', locality: 'blaby', keyWorkerId: 'fsw-blaby' },
    },
  },
  {
    method: 'POST',
    path: '/v1/cases/{id}/extend-support',
    handler: 'extend-case-support',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    grants: { table: 'readWrite' },
    doc: {
      summary: 'Extend support past its planned end (seniors and managers)',
      tag: 'Staff',
      body: supportExtensionSchema,
      ok: { status: 200, description: 'Extended', schema: caseActionResultSchema },
      errors: CASE_ACTION_ERRORS,
    },
    examples: {
      request: { until: '2027-09-30' },
      response: {
        caseId: CASE_ID,
        status: 'SUPPORT',
        locality: 'charnwood',
        keyWorkerId: 'fsw-charnwood',
        supportEndsOn: '2027-09-30',
      },
    },
  },
  {
    method: 'GET',
    path: '/v1/cases/{id}/matches',
    handler: 'list-case-matches',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    grants: { table: 'read' },
    doc: {
      summary:
        'Records that may be the same family (open or closed), with their outcomes, and linked records',
      tag: 'Staff',
      ok: { status: 200, description: 'Possible matches and linked records', schema: caseMatchesSchema },
      errors: [401, 403, 404],
    },
    examples: {
      response: {
        items: [
          {
            caseId: MATCHED_CASE_ID,
            reference: 'SLF-2026-00017',
            status: 'CLOSED',
            locality: 'charnwood',
            receivedAt: '2026-03-02T10:15:00.000Z',
            endedAt: '2026-09-14T15:00:00.000Z',
            closureReason: 'goals-met',
            strength: 'strong',
            kinds: ['person', 'person-variant', 'surname-dob'],
          },
        ],
        total: 1,
        linked: [],
      },
    },
  },
  {
    method: 'POST',
    path: '/v1/cases/{id}/matches/{matchId}',
    handler: 'decide-case-match',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    grants: { table: 'readWrite' },
    doc: {
      summary: 'Link a possible match as the same family, or dismiss it (First Response, head of service)',
      tag: 'Staff',
      body: matchDecisionBodySchema,
      ok: {
        status: 200,
        description: 'Decided (or decided the same way before)',
        schema: matchDecisionResultSchema,
      },
      errors: CASE_ACTION_ERRORS,
    },
    examples: {
      request: { decision: 'link' },
      response: {
        caseId: CASE_ID,
        otherCaseId: MATCHED_CASE_ID,
        decision: 'linked',
        decidedAt: '2026-11-03T09:30:00.000Z',
        changed: true,
      },
    },
  },
  {
    method: 'POST',
    path: '/v1/search',
    handler: 'search-records',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    // Reads the match index and the cases; writes the search's audit event.
    grants: { table: 'readWrite' },
    doc: {
      summary:
        'Find records by reference, name, date of birth or postcode (POST: nothing searched for in a URL); audited',
      tag: 'Staff',
      body: searchBodySchema,
      ok: { status: 200, description: 'The records you may open that match', schema: searchResultSchema },
      errors: [400, 401, 403, 413, 415, 422],
    },
    examples: {
      request: { familyName: 'Example', dateOfBirth: '2015-02-28' },
      response: {
        items: [
          {
            caseId: MATCHED_CASE_ID,
            reference: 'SLF-2026-00017',
            status: 'CLOSED',
            locality: 'charnwood',
            receivedAt: '2026-03-02T10:15:00.000Z',
            endedAt: '2026-09-14T15:00:00.000Z',
            closureReason: 'goals-met',
            strength: 'possible',
            kinds: ['surname-dob'],
          },
        ],
        truncated: false,
      },
    },
  },
];
