import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../../shared/adapters/data/audit';
import { allocatedCase } from '../../support/records';
import { startTestApi, type TestApi } from './harness';

// Team Around the Family meetings through the staff API (issue #18): attendees by role and agency,
// whether the family was there, decisions, and actions that go straight into the family plan as its
// next version in the same transaction; audited with ids and counts only; nobody outside the family's
// workers sees them.

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi('taf-meetings');
});

afterAll(async () => {
  await api?.close();
});

async function as(username: string, method: string, path: string, body?: unknown) {
  return api.call(method, path, { token: await api.staffToken(username), ...(body ? { body } : {}) });
}

const plan = {
  goals: [
    {
      goal: 'Jay is at school every day',
      needs: ['missing-education'],
      outcomes: ['good-education'],
      actions: [{ what: 'Morning routine', owner: { kind: 'key-worker' }, dueOn: '2099-01-10' }],
    },
  ],
  revises: 0,
};

function meeting(goalId?: string) {
  return {
    heldOn: '2026-01-20',
    attendees: [
      { role: 'Key worker', agency: 'Supporting Families' },
      { role: 'Family liaison', agency: 'Blaby Primary School', name: 'Sam Testpractitioner' },
    ],
    familyPresent: true,
    decisions: 'Breakfast club offered; Kerry Testfamily agreed to the money advice referral.',
    actions: goalId
      ? [
          {
            goalId,
            what: 'Offer a breakfast club place',
            owner: {
              kind: 'practitioner',
              name: 'Sam Testpractitioner',
              role: 'Family liaison',
              agency: 'School',
            },
            dueOn: '2099-02-01',
          },
        ]
      : [],
    nextMeetingOn: '2026-02-17',
  };
}

describe('Team Around the Family meetings', () => {
  it('records a meeting and writes its actions straight into the plan, audited by counts only', async () => {
    // Prepare
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const written = await as('fsw-blaby', 'PUT', `/v1/cases/${record.id}/plan`, plan);
    const goalId = written.body.goals[0].id;

    // Act
    const recorded = await as('senior-blaby', 'POST', `/v1/cases/${record.id}/taf-meetings`, meeting(goalId));
    const second = await as('fsw-blaby', 'POST', `/v1/cases/${record.id}/taf-meetings`, {
      ...meeting(),
      heldOn: '2026-02-17',
      familyPresent: false,
      nextMeetingOn: undefined,
    });
    const list = await as('fsw-blaby', 'GET', `/v1/cases/${record.id}/taf-meetings`);
    const planNow = await as('fsw-blaby', 'GET', `/v1/cases/${record.id}/plan`);

    // Assess
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ caseId: record.id, planVersion: 2, recordedBy: 'senior-blaby' });
    expect(second.status).toBe(201);
    expect(second.body.planVersion).toBeUndefined();
    expect(list.body.items.map((item: { heldOn: string }) => item.heldOn)).toEqual([
      '2026-02-17',
      '2026-01-20',
    ]);
    expect(planNow.body.versions.map((version: { change: string }) => version.change)).toEqual([
      'written',
      'taf-meeting',
    ]);
    expect(
      planNow.body.plan.goals[0].actions.map((action: { id: string; what: string }) => action.what),
    ).toEqual(['Morning routine', 'Offer a breakfast club place']);
    expect(planNow.body.plan.goals[0].actions[1].id).toBe(recorded.body.actions[0].actionId);
    const audit = (await listAuditEvents(api.tables.db, `case#${record.id}`)).items.filter(
      (event) => event.action === 'case.taf-meeting-recorded',
    );
    expect(audit.map((event) => [event.details?.meetingId, event.details?.actions])).toEqual([
      [recorded.body.id, 1],
      [second.body.id, 0],
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/Testfamily|Testpractitioner|breakfast/i);
  });

  it('puts every plan version and meeting in the subject access export, third parties marked', async () => {
    // Prepare
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const written = await as('fsw-blaby', 'PUT', `/v1/cases/${record.id}/plan`, plan);
    await as('fsw-blaby', 'POST', `/v1/cases/${record.id}/taf-meetings`, meeting(written.body.goals[0].id));

    // Act
    const exported = await as('admin', 'GET', `/v1/admin/cases/${record.id}/export`);

    // Assess
    expect(exported.status).toBe(200);
    expect(exported.body.plan.map((version: { version: number }) => version.version)).toEqual([1, 2]);
    expect(exported.body.tafMeetings).toHaveLength(1);
    const marked = exported.body.redactions.map((redaction: { path: string }) => redaction.path);
    expect(marked).toEqual(
      expect.arrayContaining([
        'plan.1.goals.0.actions.1.owner',
        'tafMeetings.0.attendees',
        'tafMeetings.0.decisions',
      ]),
    );
  });

  it('refuses what breaks the rules, naming the field, and writes nothing', async () => {
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const path = `/v1/cases/${record.id}/taf-meetings`;

    const noPlan = await as('fsw-blaby', 'POST', path, meeting('01KB45G1H2J3K4M5N6P7Q8R9S0'));
    const future = await as('fsw-blaby', 'POST', path, {
      ...meeting(),
      heldOn: '2999-01-01',
      nextMeetingOn: undefined,
    });
    const nextBefore = await as('fsw-blaby', 'POST', path, { ...meeting(), nextMeetingOn: '2026-01-01' });
    const noAttendees = await as('fsw-blaby', 'POST', path, { ...meeting(), attendees: [] });
    const noAgency = await as('fsw-blaby', 'POST', path, {
      ...meeting(),
      attendees: [{ role: 'Key worker' }],
    });

    expect([noPlan.status, future.status, nextBefore.status, noAttendees.status, noAgency.status]).toEqual([
      422, 422, 422, 422, 422,
    ]);
    expect(noPlan.body.errors.map((error: { path: string }) => error.path)).toEqual(['actions']);
    expect(future.body.errors.map((error: { path: string }) => error.path)).toEqual(['heldOn']);
    expect(nextBefore.body.errors.map((error: { path: string }) => error.path)).toEqual(['nextMeetingOn']);
    expect(noAttendees.body.errors.map((error: { path: string }) => error.path)).toEqual(['attendees']);
    expect(noAgency.body.errors.map((error: { path: string }) => error.path)).toEqual(['attendees.0.agency']);
    expect((await as('fsw-blaby', 'GET', path)).body.items).toEqual([]);
  });

  it('refuses an action for a goal that already holds the most actions a goal may', async () => {
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const [goal] = plan.goals;
    const full = Array.from({ length: 30 }, (_, n) => ({ ...goal!.actions[0]!, what: `Action ${n}` }));
    const written = await as('fsw-blaby', 'PUT', `/v1/cases/${record.id}/plan`, {
      ...plan,
      goals: [{ ...goal, actions: full }],
    });

    const refused = await as(
      'fsw-blaby',
      'POST',
      `/v1/cases/${record.id}/taf-meetings`,
      meeting(written.body.goals[0].id),
    );

    expect(refused.status).toBe(422);
    expect(refused.body.errors).toMatchObject([{ path: 'actions.0.goalId', rule: 'too_many_actions' }]);
    expect((await as('fsw-blaby', 'GET', `/v1/cases/${record.id}/plan`)).body.versions).toHaveLength(1);
  });

  it.each([
    ['a worker of another locality', 'fsw-melton'],
    ['a senior of another locality', 'senior-melton'],
    ["the locality's manager, who sees a case's facts only", 'manager-blaby'],
  ])('answers 404 to %s, for reading and writing alike', async (_who, username) => {
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const path = `/v1/cases/${record.id}/taf-meetings`;
    await as('fsw-blaby', 'POST', path, meeting());

    const read = await as(username, 'GET', path);
    const write = await as(username, 'POST', path, meeting());

    expect([read.status, write.status]).toEqual([404, 404]);
    expect((await as('fsw-blaby', 'GET', path)).body.items).toHaveLength(1);
  });
});
