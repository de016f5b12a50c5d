// The examples' building blocks: the route table's entries (shared/http/route-table) show them in the
// OpenAPI document, one per request body and per success answer. tests/unit/openapi/document.test.ts checks each against its zod schema and the
// document's JSON Schema; the requests are sent to the server by tests/integration/api/
// openapi-examples.test.ts and the generated-client journey (tests/integration/stack/
// generated-client.test.ts).
// Every name, address and number is invented.

export const CASE_ID = '01KB3ZQ7M2X8F5N6P9R0S1T2V3';
export const TASK_ID = '01KB3ZR4D6G8J0K2M4N6P8R0S2';
export const REFERENCE = 'SLF-2026-00042';
export const RECEIVED_AT = '2026-11-23T10:15:00.000Z';
export const UPDATED_AT = '2026-11-24T14:02:00.000Z';

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
    organisation: 'Charnwood Borough Council',
    role: 'Housing officer',
    phone: '0116 333 4444',
  },
  receivedVia: 'phone',
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

export const referralLinks = {
  self: `/v1/referrals/${CASE_ID}`,
  withdraw: `/v1/referrals/${CASE_ID}/withdraw`,
};

export const referralStatusExample = {
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
  links: referralLinks,
};

export const staffMemberExample = {
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

export const partnerExample = {
  id: 'demo-housing',
  name: 'Demo Housing',
  organisationType: 'housing',
  clientId: '4kq0m2v9r6s1t3u5w7x8y0z2ab',
  scopes: ['referrals/read', 'referrals/write'],
  active: true,
  createdAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-01T09:00:00.000Z',
};

export const taskDetailExample = {
  id: TASK_ID,
  type: 'hub-decision',
  caseId: CASE_ID,
  caseReference: REFERENCE,
  status: 'OPEN',
  dueDate: '2026-11-30',
  priority: 'normal',
  owner: 'role:hub-coordinator:charnwood',
  area: 'charnwood',
  createdAt: UPDATED_AT,
  caseStatus: 'HUB_DECISION',
  caseComplexity: 'at-risk',
  links: {
    self: `/v1/tasks/${TASK_ID}`,
    complete: `/v1/tasks/${TASK_ID}/complete`,
    case: `/v1/cases/${CASE_ID}`,
  },
};

export const caseActionReasonExample = {
  reason: 'The family asked to stop; they have moved in with relatives.',
};

/** The default `timescales.immediateRisk` wording, as every referral's answer carries it. */
export const IMMEDIATE_RISK =
  "If a child is at immediate risk of harm, do not wait for this referral: phone First Response Children's Duty now on 0116 305 0005, or 999 in an emergency.";

const band = (p10: number, median: number, p90: number) => ({ p10, median, p90 });

/** A forecast for Charnwood, its first week shown (a real answer has 13 or 26). */
export const FORECAST_EXAMPLE = {
  scope: 'charnwood',
  scopeName: 'Charnwood',
  from: '2026-12-03',
  weeks: 13,
  runs: 40,
  seed: 2026,
  position: {
    openCases: 212,
    waitingList: 61,
    longestWaitDays: 74,
    workers: 15,
    capacityUnits: 450,
    loadUnits: 441,
  },
  basis: {
    quarters: ['2025-26-Q3', '2025-26-Q4', '2026-27-Q1', '2026-27-Q2'],
    monthsLearned: { charnwood: [4, 5, 6, 7, 8, 9] },
    learned: { endings: 412, consent: 230, assessments: 190, reviews: 160, openCases: 150 },
    fallbacks: ['charnwood: 6 months without history take the mean of the months learned'],
  },
  baseline: {
    weeks: [
      {
        week: 1,
        weekEnding: '2026-12-09',
        waitingList: band(60, 64, 69),
        longestWaitDays: band(79, 80, 81),
        allocations: band(2, 4, 6),
        assessmentsOnTimePercent: band(75, 88.9, 100),
        reviewsAt12WeeksPercent: band(66.7, 85.7, 100),
        caseloadPercent: band(96.7, 97.8, 98.9),
      },
    ],
    totals: {
      referrals: band(240, 256, 271),
      allocations: band(58, 66, 73),
      assessments: band(49, 55, 61),
      assessmentsOnTimePercent: band(83.6, 88.2, 92.3),
      reviews: band(70, 77, 84),
      reviewsAt12WeeksPercent: band(80.5, 85.5, 89.9),
      waitingListAtEnd: band(101, 118, 133),
      waitingListPeak: band(101, 118, 133),
      longestWaitDaysAtEnd: band(101, 112, 124),
      caseloadPercentAtEnd: band(95.6, 97.8, 98.9),
    },
  },
};

export const outcomeEvidenceBodyExample = {
  need: 'missing-education',
  positive: true,
  achieved: 'Attendance above 90% over the last three terms; no exclusions.',
  source: { kind: 'data-check', check: 'school-attendance' },
  achievedOn: '2026-10-16',
};

export const outcomeEvidenceExample = {
  ...outcomeEvidenceBodyExample,
  caseId: CASE_ID,
  headline: 'good-education',
  version: 1,
  recordedBy: 'fsw-charnwood-1',
  recordedAt: UPDATED_AT,
  frameworkVersion: '2022-25.1',
};

export const caseOutcomesExample = {
  items: [outcomeEvidenceExample],
  eligibility: {
    caseId: CASE_ID,
    claimable: false,
    frameworkVersion: '2022-25.1',
    headlines: ['financial-stability', 'good-education', 'secure-housing'],
    missing: [
      {
        rule: 'positive-outcome',
        message: 'no outcome evidence for "Poor or overcrowded housing (including homelessness)"',
        need: 'housing',
      },
      { rule: 'closed', message: 'outcomes are sustained from closure: the case is not closed' },
    ],
  },
};

export const claimFamilyExample = {
  caseId: CASE_ID,
  reference: REFERENCE,
  locality: 'charnwood',
  headlines: ['financial-stability', 'good-education', 'secure-housing'],
  sampled: true,
  claimed: true,
};

export const claimFileExample = {
  schemaVersion: 1,
  window: '2026-27-Q3',
  frameworkVersion: '2022-25.1',
  producedAt: UPDATED_AT,
  approved: true,
  rows: [
    {
      scope: 'charnwood',
      headline: 'all',
      claimable: 12,
      sampled: 2,
      audited: 2,
      failedAudit: 1,
      claimed: 11,
    },
    {
      scope: 'partnership',
      headline: 'all',
      claimable: 40,
      sampled: 7,
      audited: 7,
      failedAudit: 1,
      claimed: 39,
    },
  ],
};

export const progressReturnExample = {
  schemaVersion: 1,
  quarter: '2026-27-Q3',
  frameworkVersion: '2022-25.1',
  producedAt: UPDATED_AT,
  claimProduced: true,
  rows: [
    {
      scope: 'charnwood',
      headline: 'all',
      workedWith: 84,
      started: 21,
      open: 63,
      closed: 21,
      outcomesAchieved: 12,
      claimed: 11,
    },
    {
      scope: 'partnership',
      headline: 'all',
      workedWith: 301,
      started: 77,
      open: 226,
      closed: 75,
      outcomesAchieved: 40,
      claimed: 39,
    },
  ],
};

export const progressFamilyExample = {
  caseId: CASE_ID,
  reference: REFERENCE,
  locality: 'charnwood',
  headlines: ['financial-stability', 'good-education', 'secure-housing'],
};
