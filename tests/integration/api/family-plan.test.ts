import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../../shared/adapters/data/audit';
import { allocatedCase } from '../../support/records';
import { startTestApi, type TestApi } from './harness';

// The family plan through the staff API (issue #18): goals tied to the family's needs and outcome
// areas, actions with an owner, a due date and a status; every change is the plan's next version
// (conditional: a stale one is 409), what is late is shown, each write is audited with ids and counts
// only, and only the people who work with the family see it.

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi('family-plan');
});

afterAll(async () => {
  await api?.close();
});

const plan = {
  summary: 'Calmer mornings and full school attendance.',
  goals: [
    {
      goal: 'Jay is at school every day, on time',
      needs: ['missing-education'],
      outcomes: ['good-education'],
      actions: [
        { what: 'Agree a morning routine', owner: { kind: 'key-worker' }, dueOn: '2020-01-10' },
        {
          what: 'Attendance review with the school',
          owner: {
            kind: 'practitioner',
            name: 'Sam Testpractitioner',
            role: 'Family liaison',
            agency: 'School',
          },
          dueOn: '2099-01-15',
        },
        {
          what: 'Walk Jay to school',
          owner: { kind: 'family-member', name: 'Kerry Testfamily' },
          dueOn: '2020-01-06',
          status: 'done',
        },
      ],
    },
  ],
  revises: 0,
};

async function as(username: string, method: string, path: string, body?: unknown) {
  return api.call(method, path, { token: await api.staffToken(username), ...(body ? { body } : {}) });
}

describe('the family plan', () => {
  it('writes the plan as versions, shows what is late, and audits with ids and counts only', async () => {
    // Prepare
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const path = `/v1/cases/${record.id}/plan`;

    // Act
    const empty = await as('fsw-blaby', 'GET', path);
    const first = await as('fsw-blaby', 'PUT', path, plan);
    const goal = first.body.goals[0];
    const second = await as('senior-blaby', 'PUT', path, {
      summary: plan.summary,
      goals: [
        { ...goal, actions: goal.actions.slice(0, 2) },
        {
          goal: 'Rent arrears cleared',
          needs: ['financial-difficulty'],
          outcomes: ['financial-stability'],
          actions: [{ what: 'Money advice', owner: { kind: 'key-worker' }, dueOn: '2099-02-01' }],
        },
      ],
      revises: 1,
    });
    const read = await as('fsw-blaby', 'GET', path);

    // Assess
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ plan: null, versions: [], late: [], partnerUpdates: [] });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      caseId: record.id,
      version: 1,
      change: 'written',
      writtenBy: 'fsw-blaby',
    });
    expect(goal.actions.map((action: { status: string }) => action.status)).toEqual([
      'not-started',
      'not-started',
      'done',
    ]);
    expect(second.status).toBe(201);
    expect(second.body.version).toBe(2);
    expect(second.body.goals[0].id).toBe(goal.id);
    expect(read.body.versions.map((version: { version: number }) => version.version)).toEqual([1, 2]);
    expect(read.body.plan.goals.map((one: { goal: string }) => one.goal)).toEqual([
      'Jay is at school every day, on time',
      'Rent arrears cleared',
    ]);
    expect(read.body.late.map((action: { what: string }) => action.what)).toEqual([
      'Agree a morning routine',
    ]);
    expect(read.body.plan.goals[0].actions.map((action: { late: boolean }) => action.late)).toEqual([
      true,
      false,
    ]);
    const audit = (await listAuditEvents(api.tables.db, `case#${record.id}`)).items.filter(
      (event) => event.action === 'case.plan-written',
    );
    expect(audit.map((event) => [event.details?.version, event.details?.goals, event.actor.id])).toEqual([
      [1, 1, 'fsw-blaby'],
      [2, 2, 'senior-blaby'],
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/Testfamily|Testpractitioner|routine/);
  });

  it('sets an action status as the next version, once, and refuses a stale plan with 409', async () => {
    // Prepare
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const path = `/v1/cases/${record.id}/plan`;
    const written = await as('fsw-blaby', 'PUT', path, plan);
    const actionId = written.body.goals[0].actions[0].id;

    // Act
    const done = await as('fsw-blaby', 'POST', `${path}/actions/${actionId}`, { status: 'done', revises: 1 });
    const again = await as('fsw-blaby', 'POST', `${path}/actions/${actionId}`, {
      status: 'done',
      revises: 1,
    });
    const stale = await as('senior-blaby', 'POST', `${path}/actions/${actionId}`, {
      status: 'dropped',
      revises: 1,
    });
    const staleEdit = await as('senior-blaby', 'PUT', path, plan);
    const read = await as('fsw-blaby', 'GET', path);

    // Assess
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ version: 2, change: 'action-status' });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(2);
    expect(stale.status).toBe(409);
    expect(staleEdit.status).toBe(409);
    expect(read.body.versions).toHaveLength(2);
    expect(read.body.late).toEqual([]);
  });

  it('refuses what breaks the rules, naming the field, and writes nothing', async () => {
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const path = `/v1/cases/${record.id}/plan`;
    const [goal] = plan.goals;

    const notTheirNeed = await as('fsw-blaby', 'PUT', path, {
      ...plan,
      goals: [{ ...goal, needs: ['substance-misuse'] }],
    });
    const noOwner = await as('fsw-blaby', 'PUT', path, {
      ...plan,
      goals: [{ ...goal, actions: [{ what: 'Something', dueOn: '2099-01-01' }] }],
    });
    const inventedId = await as('fsw-blaby', 'PUT', path, {
      ...plan,
      goals: [{ ...goal, id: '01KB45G1H2J3K4M5N6P7Q8R9S0' }],
    });
    const noGoals = await as('fsw-blaby', 'PUT', path, { ...plan, goals: [] });
    const noAction = await as('fsw-blaby', 'POST', `${path}/actions/01KB45G1H2J3K4M5N6P7Q8R9S0`, {
      status: 'done',
      revises: 1,
    });

    expect([notTheirNeed.status, noOwner.status, inventedId.status, noGoals.status, noAction.status]).toEqual(
      [422, 422, 422, 422, 404],
    );
    expect(notTheirNeed.body.errors.map((error: { path: string }) => error.path)).toEqual([
      'goals.0.needs.0',
    ]);
    expect(noOwner.body.errors.map((error: { path: string }) => error.path)).toEqual([
      'goals.0.actions.0.owner',
    ]);
    expect(inventedId.body.errors.map((error: { path: string }) => error.path)).toEqual(['goals.0.id']);
    expect(noGoals.body.errors.map((error: { path: string }) => error.path)).toEqual(['goals']);
    expect((await as('fsw-blaby', 'GET', path)).body.plan).toBeNull();
  });

  it.each([
    ['a worker of another locality', 'fsw-melton'],
    ['a senior of another locality', 'senior-melton'],
    ["the locality's manager, who sees a case's facts only", 'manager-blaby'],
  ])('answers 404 to %s, for reading and writing alike', async (_who, username) => {
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const path = `/v1/cases/${record.id}/plan`;
    const written = await as('fsw-blaby', 'PUT', path, plan);
    const actionId = written.body.goals[0].actions[0].id;

    const read = await as(username, 'GET', path);
    const write = await as(username, 'PUT', path, { ...plan, revises: 1 });
    const status = await as(username, 'POST', `${path}/actions/${actionId}`, { status: 'done', revises: 1 });

    expect([read.status, write.status, status.status]).toEqual([404, 404, 404]);
    expect((await as('fsw-blaby', 'GET', path)).body.versions).toHaveLength(1);
  });
});
