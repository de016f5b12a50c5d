import * as z from 'zod';
import { taskSummarySchema } from '../../core/schemas/task';
import { leadProfessionalSchema } from '../../core/schemas/case';
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
  IMMEDIATE_RISK,
  RECEIVED_AT,
  REFERENCE,
  referralStatusExample,
  staffReferralExample,
  TASK_ID,
  taskDetailExample,
} from '../openapi-examples';
import {
  caseRecordEntryBodySchema,
  caseRecordEntrySchema,
  caseRecordRevisionBodySchema,
} from '../../core/schemas/case-record';
import { chronologyQuerySchema } from '../case-record-query';
import {
  familyPlanBodySchema,
  planActionStatusBodySchema,
  storedFamilyPlanSchema,
} from '../../core/schemas/family-plan';
import { planViewSchema } from '../family-plan';
import { tafMeetingBodySchema, tafMeetingSchema } from '../../core/schemas/taf-meeting';
import {
  caseOutcomesSchema,
  claimFamilySchema,
  claimFileSchema,
  outcomeEvidenceBodySchema,
  outcomeEvidenceSchema,
} from '../../core/schemas/claims';
import { claimDrillDownQuerySchema, claimFileQuerySchema } from '../../domain/claims/files';
import { progressDrillDownQuerySchema, progressReturnQuerySchema } from '../../domain/progress-return/files';
import { progressFamilySchema, progressReturnSchema } from '../../core/schemas/progress-return';
import {
  caseViewSchema,
  chronologySchema,
  entryVersionsSchema,
  pageOf,
  reportViewSchema,
  sessionChallengeSchema,
  sessionRequestOrAnswerSchema,
  sessionSchema,
  staffReferralReceiptSchema,
  taskCompletedSchema,
  taskDetailSchema,
} from '../views';
import {
  idempotencyKeyHeader,
  listQuery,
  optionalIdempotencyKeyHeader,
  PUBLIC_FORM_THROTTLE,
  STAFF_TOKEN,
} from './common';
import type { HandlerGrants } from './grants';
import { forecastViewSchema } from '../../domain/forecast/view';
import {
  FORECAST_EXAMPLE,
  caseOutcomesExample,
  claimFamilyExample,
  claimFileExample,
  progressFamilyExample,
  progressReturnExample,
  outcomeEvidenceBodyExample,
  outcomeEvidenceExample,
} from '../openapi-examples';
import type { RouteEntry } from './route';
import { TASK_STATUSES } from '../../core/vocabulary/tasks';

// Staff work their tasks and cases through the JSON API as through the pages (docs/api.md).

// A task list item is the task's detail without its area, times, case facts and links.
const {
  area: _area,
  createdAt: _createdAt,
  caseStatus: _caseStatus,
  caseComplexity: _caseComplexity,
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

const ENTRY_ID = '01KB44E1F2G3H4J5K6M7N8P9Q0';
const caseRecordEntryExample = {
  type: 'child-voice',
  occurredAt: '2026-11-24T15:30:00.000Z',
  present: { family: ['Amy'], agencies: ['Charnwood Primary School'] },
  child: 'Amy',
  text: 'Amy said she likes it when mum walks her to school and does not like the shouting at night.',
};
const storedEntryExample = {
  ...caseRecordEntryExample,
  id: ENTRY_ID,
  caseId: CASE_ID,
  version: 1,
  writtenBy: 'fsw-charnwood',
  writtenAt: '2026-11-24T17:02:00.000Z',
};
const CASE_RECORD_PARAMS = z.object({ id: z.string(), entryId: z.string() });

const GOAL_ID = '01KB45G1H2J3K4M5N6P7Q8R9S0';
const ACTION_ID = '01KB45G1H2J3K4M5N6P7Q8R9S1';
const planBodyExample = {
  summary: 'Calmer mornings, full school attendance and the rent arrears cleared.',
  goals: [
    {
      goal: 'Jay is at school every day, on time',
      needs: ['missing-education'],
      outcomes: ['good-education'],
      actions: [
        {
          what: 'Agree a morning routine with the family',
          owner: { kind: 'key-worker' },
          dueOn: '2026-12-18',
          status: 'in-progress',
        },
        {
          what: 'Attendance review with the school',
          owner: {
            kind: 'practitioner',
            name: 'Sam Lee',
            role: 'Family liaison',
            agency: 'Charnwood Primary School',
          },
          dueOn: '2027-01-15',
        },
      ],
    },
  ],
  revises: 0,
};
const storedPlanExample = {
  caseId: CASE_ID,
  version: 1,
  summary: planBodyExample.summary,
  goals: [
    {
      ...planBodyExample.goals[0]!,
      id: GOAL_ID,
      actions: [
        { ...planBodyExample.goals[0]!.actions[0]!, id: ACTION_ID },
        { ...planBodyExample.goals[0]!.actions[1]!, id: '01KB45G1H2J3K4M5N6P7Q8R9S2', status: 'not-started' },
      ],
    },
  ],
  change: 'written',
  writtenBy: 'fsw-charnwood',
  writtenAt: '2026-12-04T10:00:00.000Z',
};
const PLAN_ACTION_PARAMS = z.object({ id: z.string(), actionId: z.string() });
const tafMeetingBodyExample = {
  heldOn: '2026-12-10',
  attendees: [
    { role: 'Key worker', agency: 'Supporting Families' },
    { role: 'Family liaison', agency: 'Charnwood Primary School', name: 'Sam Lee' },
    { role: 'Health visitor', agency: 'Leicestershire Partnership NHS Trust' },
  ],
  familyPresent: true,
  decisions: 'School to offer breakfast club; money advice referral to be made this week.',
  actions: [
    {
      goalId: GOAL_ID,
      what: 'Offer a breakfast club place',
      owner: {
        kind: 'practitioner',
        name: 'Sam Lee',
        role: 'Family liaison',
        agency: 'Charnwood Primary School',
      },
      dueOn: '2027-01-08',
    },
  ],
  nextMeetingOn: '2027-01-21',
};
const storedTafMeetingExample = {
  ...tafMeetingBodyExample,
  id: '01KB46T1A2B3C4D5E6F7G8H9J0',
  caseId: CASE_ID,
  actions: tafMeetingBodyExample.actions.map((action) => ({
    ...action,
    actionId: '01KB46T1A2B3C4D5E6F7G8H9J1',
  })),
  planVersion: 2,
  recordedBy: 'fsw-charnwood',
  recordedAt: '2026-12-10T15:00:00.000Z',
};

/** An earlier record of the family, as a match and a search show it (facts, no names). */
const matchedRecordExample = {
  caseId: MATCHED_CASE_ID,
  reference: 'SLF-2026-00017',
  status: 'CLOSED',
  locality: 'charnwood',
  receivedAt: '2026-03-02T10:15:00.000Z',
  endedAt: '2026-09-14T15:00:00.000Z',
  closureReason: 'goals-met',
};

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
    method: 'POST',
    path: '/v1/staff-referrals',
    handler: 'create-staff-referral',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    grants: { table: 'readWrite', startsExecutions: ['journey'] },
    doc: {
      summary:
        "Record a referral: a contact taken by phone, email, in person or by letter, or a step-down from children's social care",
      tag: 'Staff',
      headers: idempotencyKeyHeader,
      body: 'staffReferral',
      ok: {
        status: 201,
        description:
          'Received; the journey has started (a step-down at the locality hub decision, every other referral at the safeguarding screen)',
        schema: staffReferralReceiptSchema,
      },
      errors: [400, 401, 403, 409, 413, 415, 422],
      errorSchemas: {
        403: {
          description:
            "The role may not record this referral: contacts are recorded by First Response's duty social workers and duty manager and by a locality's hub coordinator (their own locality); a step-down only by First Response (children's social care)",
        },
        409: {
          description:
            'A request with this Idempotency-Key is still being processed: retry after Retry-After seconds (the retry gets the first answer)',
        },
      },
    },
    examples: {
      request: staffReferralExample,
      response: {
        id: CASE_ID,
        reference: REFERENCE,
        status: 'RECEIVED',
        links: { case: `/v1/cases/${CASE_ID}` },
        immediateRisk: IMMEDIATE_RISK,
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
    // Completing answers the task's token (the human-task workflow's wait); a review's plan write syncs
    // the plan's tasks (cancels, completes or makes plan-action tasks: emails and their executions).
    grants: {
      table: 'readWrite',
      sendsTaskCallbacks: ['human-task'],
      startsExecutions: ['human-task'],
      sendsEmail: true,
    },
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
    // Every read of a case is recorded (who viewed it: shared/domain/case-record/views.ts).
    grants: { table: 'readWrite' },
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
    path: '/v1/cases/{id}/record',
    handler: 'list-case-record',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    // Every read of a case is recorded (who viewed it: shared/domain/case-record/views.ts).
    grants: { table: 'readWrite' },
    doc: {
      summary:
        "A case's chronology (the case record), each entry at its latest version, newest first: for the people who work with the family",
      tag: 'Staff',
      query: chronologyQuerySchema,
      ok: { status: 200, description: 'The chronology', schema: chronologySchema },
      errors: [400, 401, 403, 404],
    },
    examples: { response: { items: [{ ...storedEntryExample, versions: 1 }] } },
  },
  {
    method: 'POST',
    path: '/v1/cases/{id}/record',
    handler: 'add-case-record-entry',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    grants: { table: 'readWrite', idempotency: true },
    doc: {
      summary:
        "Add an entry to a case's chronology: a visit, call, meeting, message, observation, the child's voice or a note",
      tag: 'Staff',
      headers: optionalIdempotencyKeyHeader,
      body: caseRecordEntryBodySchema,
      ok: { status: 201, description: 'Written (version 1)', schema: caseRecordEntrySchema },
      errors: [400, 401, 403, 404, 409, 413, 415, 422],
    },
    examples: { request: caseRecordEntryExample, response: storedEntryExample },
  },
  {
    method: 'GET',
    path: '/v1/cases/{id}/record/{entryId}',
    handler: 'get-case-record-entry',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    // Every read of a case is recorded (who viewed it: shared/domain/case-record/views.ts).
    grants: { table: 'readWrite' },
    doc: {
      summary: 'Every version of one chronology entry, oldest first',
      tag: 'Staff',
      params: CASE_RECORD_PARAMS,
      ok: { status: 200, description: 'The versions', schema: entryVersionsSchema },
      errors: [401, 403, 404],
    },
    examples: { response: { versions: [storedEntryExample] } },
  },
  {
    method: 'POST',
    path: '/v1/cases/{id}/record/{entryId}',
    handler: 'revise-case-record-entry',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    grants: { table: 'readWrite' },
    doc: {
      summary:
        'Revise a chronology entry: writes its next version (the earlier ones stay readable); 409 when `revises` is not the latest version',
      tag: 'Staff',
      params: CASE_RECORD_PARAMS,
      body: caseRecordRevisionBodySchema,
      ok: { status: 201, description: 'The new version', schema: caseRecordEntrySchema },
      errors: [400, 401, 403, 404, 409, 413, 415, 422],
    },
    examples: {
      request: { ...caseRecordEntryExample, revises: 1 },
      response: { ...storedEntryExample, version: 2, writtenAt: '2026-11-25T09:10:00.000Z' },
    },
  },
  {
    method: 'GET',
    path: '/v1/cases/{id}/plan',
    handler: 'get-family-plan',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    // Every read of a case is recorded (who viewed it: shared/domain/case-record/views.ts).
    grants: { table: 'readWrite' },
    doc: {
      summary:
        "The family's plan at its latest version (goals, actions, what is late) and every version's when, who and why: for the people who work with the family",
      tag: 'Staff',
      ok: { status: 200, description: 'The plan', schema: planViewSchema },
      errors: [401, 403, 404],
    },
    examples: {
      response: {
        plan: {
          ...storedPlanExample,
          goals: storedPlanExample.goals.map((goal) => ({
            ...goal,
            actions: goal.actions.map((action) => ({ ...action, late: false })),
          })),
        },
        versions: [
          {
            version: 1,
            change: 'written',
            writtenBy: 'fsw-charnwood',
            writtenAt: storedPlanExample.writtenAt,
          },
        ],
        late: [],
        partnerUpdates: [],
      },
    },
  },
  {
    method: 'PUT',
    path: '/v1/cases/{id}/plan',
    handler: 'write-family-plan',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    grants: {
      table: 'readWrite',
      idempotency: true,
      // Staff-owned actions become tasks (email, own human-task execution); finished ones are cancelled.
      sendsEmail: true,
      startsExecutions: ['human-task'],
      sendsTaskCallbacks: ['human-task'],
    },
    doc: {
      summary:
        "Write the family's plan as its next version (the earlier ones stay readable): goals tied to the family's needs and outcome areas, actions with an owner, a due date and a status; 409 when `revises` is not the latest version or the case is not open with a key worker",
      tag: 'Staff',
      headers: optionalIdempotencyKeyHeader,
      body: familyPlanBodySchema,
      ok: { status: 201, description: 'The new version', schema: storedFamilyPlanSchema },
      errors: [400, 401, 403, 404, 409, 413, 415, 422],
    },
    examples: { request: planBodyExample, response: storedPlanExample },
  },
  {
    method: 'POST',
    path: '/v1/cases/{id}/plan/actions/{actionId}',
    handler: 'set-plan-action-status',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    grants: {
      table: 'readWrite',
      // Staff-owned actions become tasks (email, own human-task execution); finished ones are cancelled.
      sendsEmail: true,
      startsExecutions: ['human-task'],
      sendsTaskCallbacks: ['human-task'],
    },
    doc: {
      summary:
        "Set a plan action's status (not-started, in-progress, done, dropped): the plan's next version (201); the status it already has changes nothing (200)",
      tag: 'Staff',
      params: PLAN_ACTION_PARAMS,
      body: planActionStatusBodySchema,
      ok: { status: 201, description: 'The new version', schema: storedFamilyPlanSchema },
      errors: [400, 401, 403, 404, 409, 413, 415, 422],
    },
    examples: {
      request: { status: 'done', revises: 1 },
      response: {
        ...storedPlanExample,
        version: 2,
        change: 'action-status',
        goals: storedPlanExample.goals.map((goal) => ({
          ...goal,
          actions: goal.actions.map((action) =>
            action.id === ACTION_ID ? { ...action, status: 'done' } : action,
          ),
        })),
      },
    },
  },
  {
    method: 'GET',
    path: '/v1/cases/{id}/taf-meetings',
    handler: 'list-taf-meetings',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    // Every read of a case is recorded (who viewed it: shared/domain/case-record/views.ts).
    grants: { table: 'readWrite' },
    doc: {
      summary:
        "A case's Team Around the Family meetings, the latest held first: for the people who work with the family",
      tag: 'Staff',
      ok: {
        status: 200,
        description: 'The meetings',
        schema: z.object({ items: z.array(tafMeetingSchema) }),
      },
      errors: [401, 403, 404],
    },
    examples: { response: { items: [storedTafMeetingExample] } },
  },
  {
    method: 'POST',
    path: '/v1/cases/{id}/taf-meetings',
    handler: 'record-taf-meeting',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    grants: {
      table: 'readWrite',
      idempotency: true,
      // Staff-owned actions become tasks (email, own human-task execution); finished ones are cancelled.
      sendsEmail: true,
      startsExecutions: ['human-task'],
      sendsTaskCallbacks: ['human-task'],
    },
    doc: {
      summary:
        'Record a Team Around the Family meeting: attendees by role and agency, whether the family was there, decisions, and actions that go straight into the family plan (its next version, in the same transaction; 409 when the plan changed meanwhile)',
      tag: 'Staff',
      headers: optionalIdempotencyKeyHeader,
      body: tafMeetingBodySchema,
      ok: { status: 201, description: 'Recorded', schema: tafMeetingSchema },
      errors: [400, 401, 403, 404, 409, 413, 415, 422],
    },
    examples: { request: tafMeetingBodyExample, response: storedTafMeetingExample },
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
    // A transfer moves the family plan's tasks to the new key worker (and makes any missing).
    grants: { ...CASE_ACTION_GRANTS, startsExecutions: ['human-task'] },
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
    path: '/v1/cases/{id}/lead-professional',
    handler: 'set-lead-professional',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    grants: { table: 'readWrite' },
    doc: {
      summary:
        'Name the lead professional of the team around the family: the key worker or a partner practitioner (the key worker or a senior)',
      tag: 'Staff',
      body: leadProfessionalSchema,
      ok: { status: 200, description: 'Changed', schema: caseActionResultSchema },
      errors: CASE_ACTION_ERRORS,
    },
    examples: {
      request: {
        kind: 'practitioner',
        name: 'Sam Liaison',
        role: 'Family liaison officer',
        agency: 'Charnwood Primary School',
        email: 'sam.liaison@school.example',
      },
      response: {
        caseId: CASE_ID,
        status: 'SUPPORT',
        locality: 'charnwood',
        keyWorkerId: 'fsw-charnwood',
        leadProfessional: {
          kind: 'practitioner',
          name: 'Sam Liaison',
          role: 'Family liaison officer',
          agency: 'Charnwood Primary School',
          email: 'sam.liaison@school.example',
        },
      },
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
            ...matchedRecordExample,
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
    method: 'GET',
    path: '/v1/forecast',
    handler: 'get-forecast',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    // Reads aggregates (open cases' shapes, workers, counters); writes the forecast's audit event.
    grants: { table: 'readWrite' },
    doc: {
      summary:
        "The next 13 or 26 weeks projected from today (waiting list, longest wait, allocations, assessments on time, reviews at 12 weeks, caseload), medians with 10-90% bands, and one what-if beside the baseline: a locality manager their locality's, the head of service every locality's and the partnership's; audited",
      tag: 'Staff',
      query: z.object({
        locality: z
          .enum([...LOCALITY_IDS, PARTNERSHIP])
          .optional()
          .describe("default: the caller's locality, or the partnership for the head of service"),
        weeks: z.enum(['13', '26']).optional().describe('default 13'),
        workers: z
          .string()
          .optional()
          .describe(
            'what-if: workers added or removed, locality:change:from, comma-separated (charnwood:+2:2027-01-04)',
          ),
        referralRate: z
          .string()
          .optional()
          .describe('what-if: referrals as a percentage of the usual rate, 10-300'),
        referralRateFrom: z.string().optional().describe('what-if: from this date (default today)'),
        assessmentDays: z
          .string()
          .optional()
          .describe('what-if: the assessment timescale in working days, 5-120'),
        reviewWeeks: z.string().optional().describe('what-if: weeks between reviews, 4-26'),
      }),
      ok: { status: 200, description: 'The forecast', schema: forecastViewSchema },
      errors: [400, 401, 403, 404],
    },
    examples: { response: FORECAST_EXAMPLE },
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
            ...matchedRecordExample,
            strength: 'possible',
            kinds: ['surname-dob'],
          },
        ],
        truncated: false,
      },
    },
  },
  {
    method: 'GET',
    path: '/v1/cases/{id}/outcomes',
    handler: 'list-case-outcomes',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    // Every read of a case is recorded (who viewed it: shared/domain/case-record/views.ts).
    grants: { table: 'readWrite' },
    doc: {
      summary:
        "A case's outcome evidence per identified need and its Supporting Families claim eligibility (claimable, or each rule still unmet): for the people who keep the case record",
      tag: 'Staff',
      ok: { status: 200, description: 'The evidence and the eligibility', schema: caseOutcomesSchema },
      errors: [401, 403, 404],
    },
    examples: { response: caseOutcomesExample },
  },
  {
    method: 'POST',
    path: '/v1/cases/{id}/outcomes',
    handler: 'record-case-outcome',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    grants: { table: 'readWrite' },
    doc: {
      summary:
        "Record the evidence of an outcome against one of the family's identified needs: what was achieved, its source (a data check the outcome framework names, or the practitioner's evidence) and the date; 201 when written, 200 when it was already so, 409 when `revises` is not the stored version",
      tag: 'Staff',
      body: outcomeEvidenceBodySchema,
      ok: { status: 201, description: 'Recorded', schema: outcomeEvidenceSchema },
      errors: [400, 401, 403, 404, 409, 413, 415, 422],
    },
    examples: { request: outcomeEvidenceBodyExample, response: outcomeEvidenceExample },
  },
  {
    method: 'GET',
    path: '/v1/claims/{window}',
    handler: 'get-claim-file',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    grants: { table: 'read' },
    doc: {
      summary:
        "A claim window's Supporting Families results claim file (docs/claims.md): per scope and headline outcome, the families claimable, sampled, audited, failed audit and claimed; counts only, as JSON or CSV. The head of service reads every row, a locality manager their locality's",
      tag: 'Staff',
      params: z.object({ window: z.string().describe('a quarter of the financial year, e.g. 2026-27-Q3') }),
      query: claimFileQuerySchema,
      ok: { status: 200, description: 'The claim file', schema: claimFileSchema },
      errors: [400, 401, 403, 404],
    },
    examples: { response: claimFileExample },
  },
  {
    method: 'GET',
    path: '/v1/claims/{window}/families',
    handler: 'list-claim-families',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    grants: { table: 'read' },
    doc: {
      summary:
        'The families one figure of a claim file counts (case ids and references, and why a family left the claim): every figure traced to its cases, for the head of service and, for their locality, a locality manager',
      tag: 'Staff',
      params: z.object({ window: z.string().describe('a quarter of the financial year, e.g. 2026-27-Q3') }),
      query: claimDrillDownQuerySchema,
      ok: {
        status: 200,
        description: 'The families',
        schema: z.object({
          window: z.string(),
          scope: z.string(),
          headline: z.string(),
          figure: z.string(),
          items: z.array(claimFamilySchema),
        }),
      },
      errors: [400, 401, 403, 404],
    },
    examples: {
      response: {
        window: '2026-27-Q3',
        scope: 'charnwood',
        headline: 'all',
        figure: 'claimed',
        items: [claimFamilyExample],
      },
    },
  },
  {
    method: 'GET',
    path: '/v1/progress-returns/{quarter}',
    handler: 'get-progress-return',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    grants: { table: 'read' },
    doc: {
      summary:
        "A quarter's Supporting Families progress information (docs/progress-return.md): per scope and headline outcome area, the families worked with, started, open at the quarter's end and closed, outcomes achieved and claimed; counts only, as JSON or CSV. The head of service reads every row, a locality manager their locality's",
      tag: 'Staff',
      params: z.object({ quarter: z.string().describe('a quarter of the financial year, e.g. 2026-27-Q3') }),
      query: progressReturnQuerySchema,
      ok: { status: 200, description: 'The progress return', schema: progressReturnSchema },
      errors: [400, 401, 403],
    },
    examples: { response: progressReturnExample },
  },
  {
    method: 'GET',
    path: '/v1/progress-returns/{quarter}/families',
    handler: 'list-progress-return-families',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    grants: { table: 'read' },
    doc: {
      summary:
        'The families one figure of the quarterly progress information counts (case ids and references): every figure traced to its cases, for the head of service and, for their locality, a locality manager',
      tag: 'Staff',
      params: z.object({ quarter: z.string().describe('a quarter of the financial year, e.g. 2026-27-Q3') }),
      query: progressDrillDownQuerySchema,
      ok: {
        status: 200,
        description: 'The families',
        schema: z.object({
          quarter: z.string(),
          scope: z.string(),
          headline: z.string(),
          figure: z.string(),
          items: z.array(progressFamilySchema),
        }),
      },
      errors: [400, 401, 403, 404],
    },
    examples: {
      response: {
        quarter: '2026-27-Q3',
        scope: 'charnwood',
        headline: 'all',
        figure: 'closed',
        items: [progressFamilyExample],
      },
    },
  },
];
