import { TASK_TYPES, type TaskType } from '../core/schemas/task';
import { taskTypeDefinition } from '../domain/tasks/types';

// One example per request body and per success answer of the API, by route, as the OpenAPI document
// shows them. tests/unit/openapi/document.test.ts checks each against its zod schema and the
// document's JSON Schema; the requests are sent to the server by tests/integration/api/
// openapi-examples.test.ts and the generated-client journey (tests/integration/stack/
// generated-client.test.ts).
// Every name, address and number is invented.

const CASE_ID = '01KB3ZQ7M2X8F5N6P9R0S1T2V3';
const TASK_ID = '01KB3ZR4D6G8J0K2M4N6P8R0S2';
const REFERENCE = 'SLF-2026-00042';
const RECEIVED_AT = '2026-11-23T10:15:00.000Z';
const UPDATED_AT = '2026-11-24T14:02:00.000Z';

const family = {
  members: [
    { givenName: 'Alex', familyName: 'Example', dateOfBirth: '1990-05-01', relationship: 'parent' },
    { givenName: 'Jo', familyName: 'Example', dateOfBirth: '2015-02-28', relationship: 'child' },
  ],
  address: { line1: '1 Example Street', town: 'Loughborough', postcode: 'LE11 3AB' },
};

export const referralExample = {
  referrer: {
    name: 'Sam Officer',
    organisation: 'Leicestershire Police',
    role: 'Designated Safeguarding Officer',
    email: 'sam.officer@police.example',
    phone: '0116 222 2222',
  },
  consent: { given: true, date: '2026-11-20', givenBy: 'Alex Example', relationship: 'parent' },
  family,
  locality: 'charnwood',
  presentingNeeds: ['looking-after-children', 'financial-difficulty', 'missing-education'],
  reason: 'The family is struggling with school attendance and debts.',
  immediateSafeguardingConcern: false,
  partnerReference: 'LP-2026-1187',
};

const { partnerReference: _partnerReference, ...unreferenced } = referralExample;

export const staffReferralExample = {
  ...unreferenced,
  referrer: {
    name: 'Pat Key',
    organisation: 'Supporting Families, Charnwood',
    role: 'Family support worker',
    phone: '0116 333 4444',
  },
};

export const selfReferralExample = {
  referrer: { name: 'Alex Example', phone: '07700 900123' },
  consent: { given: true, date: '2026-11-20', givenBy: 'Alex Example', relationship: 'parent' },
  family,
  locality: 'charnwood',
  presentingNeeds: ['financial-difficulty'],
  reason: 'We are behind with the rent and Jo has stopped going to school.',
  immediateSafeguardingConcern: false,
};

/** A valid outcome for each task type (dates fit a journey run from December 2026): each type's own. */
export const outcomeExamples = Object.fromEntries(
  TASK_TYPES.map((type) => [type, taskTypeDefinition(type).api.outcomeExample]),
) as Record<TaskType, unknown>;

/** The completion body for a task type, with its `type` (the document's discriminator). */
export function completionExample(type: TaskType): { type: TaskType; outcome: unknown } {
  return { type, outcome: outcomeExamples[type] };
}

const links = { self: `/v1/referrals/${CASE_ID}`, withdraw: `/v1/referrals/${CASE_ID}/withdraw` };

const referralStatus = {
  id: CASE_ID,
  reference: REFERENCE,
  partnerReference: 'LP-2026-1187',
  status: 'HUB_DECISION',
  receivedAt: RECEIVED_AT,
  updatedAt: UPDATED_AT,
  statusChanges: [
    { status: 'RECEIVED', at: RECEIVED_AT },
    { status: 'SCREENING', at: RECEIVED_AT },
    { status: 'HUB_DECISION', at: UPDATED_AT },
  ],
  outcome: { category: 'in-progress' },
  links,
};

const staffMember = {
  id: 'fsw-charnwood-2',
  name: 'Pat Key',
  email: 'pat.key@council.example',
  role: 'family-support-worker',
  area: 'charnwood',
  active: true,
  capacity: 30,
  load: 0,
  openCases: 0,
};

const partner = {
  id: 'demo-housing',
  name: 'Demo Housing',
  organisationType: 'housing',
  clientId: '4kq0m2v9r6s1t3u5w7x8y0z2ab',
  scopes: ['referrals/read', 'referrals/write'],
  active: true,
  createdAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-01T09:00:00.000Z',
};

const taskDetail = {
  id: TASK_ID,
  type: 'hub-decision',
  caseId: CASE_ID,
  caseReference: REFERENCE,
  status: 'OPEN',
  dueDate: '2026-11-30',
  owner: 'role:hub-coordinator:charnwood',
  area: 'charnwood',
  createdAt: UPDATED_AT,
  caseStatus: 'HUB_DECISION',
  links: {
    self: `/v1/tasks/${TASK_ID}`,
    complete: `/v1/tasks/${TASK_ID}/complete`,
    case: `/v1/cases/${CASE_ID}`,
  },
};

const caseActionReason = { reason: 'The family asked to stop; they have moved in with relatives.' };

export interface RouteExamples {
  /** The request body; for a body whose schema depends on the record, one example per case. */
  request?: unknown;
  requests?: Record<string, { summary: string; value: unknown }>;
  response: unknown;
}

/** The default `timescales.immediateRisk` wording, as every referral's answer carries it. */
const IMMEDIATE_RISK =
  "If a child is at immediate risk of harm, do not wait for this referral: phone First Response Children's Duty now on 0116 305 0005, or 999 in an emergency.";

/** By route key (`METHOD /path`): the JSON API's examples. */
export const ROUTE_EXAMPLES: Record<string, RouteExamples> = {
  'POST /v1/referrals': {
    request: referralExample,
    response: { id: CASE_ID, reference: REFERENCE, status: 'RECEIVED', links, immediateRisk: IMMEDIATE_RISK },
  },
  'GET /v1/referrals': {
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
  'GET /v1/referrals/{id}': { response: referralStatus },
  'POST /v1/referrals/{id}/withdraw': {
    request: { reason: 'The family has moved out of the county.' },
    response: {
      ...referralStatus,
      status: 'WITHDRAWN',
      statusChanges: [
        ...referralStatus.statusChanges,
        { status: 'WITHDRAWN', at: '2026-11-25T09:30:00.000Z' },
      ],
      updatedAt: '2026-11-25T09:30:00.000Z',
      outcome: { category: 'withdrawn' },
    },
  },
  'POST /v1/self-referrals': {
    request: selfReferralExample,
    response: { id: CASE_ID, reference: REFERENCE, status: 'RECEIVED', immediateRisk: IMMEDIATE_RISK },
  },
  'POST /v1/session': {
    request: { username: 'hub-charnwood', password: 'correct horse battery staple' },
    response: {
      token: 'eyJraWQiOiJsb2NhbCIsImFsZyI6IlJTMjU2In0.eyJzdWIiOiJodWItY2hhcm53b29kIn0.c2lnbmF0dXJl',
      tokenType: 'Bearer',
      expiresIn: 3600,
      user: { id: 'hub-charnwood', role: 'hub-coordinator', area: 'charnwood' },
    },
  },
  'GET /v1/tasks': {
    response: {
      items: [
        {
          id: TASK_ID,
          type: 'hub-decision',
          caseId: CASE_ID,
          caseReference: REFERENCE,
          status: 'OPEN',
          dueDate: '2026-11-30',
          owner: 'role:hub-coordinator:charnwood',
        },
      ],
      nextCursor: null,
    },
  },
  'GET /v1/tasks/{id}': { response: taskDetail },
  'POST /v1/tasks/{id}/complete': {
    requests: Object.fromEntries(
      (Object.keys(outcomeExamples) as TaskType[]).map((type) => [
        type,
        { summary: `A ${type} task`, value: completionExample(type) },
      ]),
    ),
    response: { id: TASK_ID, status: 'COMPLETED', type: 'hub-decision' },
  },
  'GET /v1/cases/{id}': {
    response: {
      case: { id: CASE_ID, reference: REFERENCE, status: 'HUB_DECISION', locality: 'charnwood' },
      timeline: referralStatus.statusChanges,
      tasks: [
        {
          id: TASK_ID,
          type: 'hub-decision',
          caseId: CASE_ID,
          caseReference: REFERENCE,
          status: 'OPEN',
          dueDate: '2026-11-30',
          owner: 'role:hub-coordinator:charnwood',
        },
      ],
      audit: [{ type: 'case.received', at: RECEIVED_AT }],
    },
  },
  'GET /v1/reports/{locality}/{quarter}': {
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
  'POST /v1/cases/{id}/step-up': {
    request: { reason: 'A disclosure at school today: immediate safeguarding concern.' },
    response: { caseId: CASE_ID, status: 'STEPPED_UP', locality: 'charnwood' },
  },
  'POST /v1/cases/{id}/withdraw': {
    request: caseActionReason,
    response: { caseId: CASE_ID, status: 'WITHDRAWN', locality: 'charnwood' },
  },
  'POST /v1/cases/{id}/transfer': {
    request: { toLocality: 'blaby' },
    response: { caseId: CASE_ID, status: 'CONSENT', locality: 'blaby', keyWorkerId: 'fsw-blaby' },
  },
  'POST /v1/cases/{id}/extend-support': {
    request: { until: '2027-09-30' },
    response: {
      caseId: CASE_ID,
      status: 'SUPPORT',
      locality: 'charnwood',
      keyWorkerId: 'fsw-charnwood',
      supportEndsOn: '2027-09-30',
    },
  },
  'GET /v1/admin/localities': { response: { items: [{ id: 'charnwood', name: 'Charnwood' }] } },
  'GET /v1/admin/staff': { response: { items: [staffMember], nextCursor: null } },
  'POST /v1/admin/staff': {
    request: {
      id: 'fsw-charnwood-2',
      name: 'Pat Key',
      email: 'pat.key@council.example',
      role: 'family-support-worker',
      area: 'charnwood',
      capacity: 30,
    },
    response: { staffMember, initialPassword: 'Tq7!mZ2#rV9p' },
  },
  'PATCH /v1/admin/staff/{id}': {
    request: { capacity: 24 },
    response: { ...staffMember, capacity: 24 },
  },
  'GET /v1/admin/partners': { response: { items: [partner] } },
  'POST /v1/admin/partners': {
    request: {
      id: 'demo-housing',
      name: 'Demo Housing',
      organisationType: 'housing',
      scopes: ['referrals/read', 'referrals/write'],
      contactEmail: 'it@housing.example',
    },
    response: { partner, clientId: partner.clientId, clientSecret: 'example-secret-shown-once' },
  },
  'POST /v1/admin/partners/{id}/rotate-secret': {
    response: { partner, clientId: partner.clientId, clientSecret: 'another-secret-shown-once' },
  },
  'POST /v1/admin/partners/{id}/revoke': { response: { ...partner, active: false } },
};
