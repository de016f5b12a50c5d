import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEntryVersions } from '../../../shared/adapters/data/case-record';
import { listPlanVersions } from '../../../shared/adapters/data/family-plan';
import { listPlanActionUpdates } from '../../../shared/adapters/data/plan-action-updates';
import { listTafMeetings } from '../../../shared/adapters/data/taf-meetings';
import { listTasksForCase } from '../../../shared/adapters/data/tasks';
import { schoolAttendancePlan } from '../../support/fixtures';
import { allocatedCase } from '../../support/records';
import { startTestApi, type TestApi } from './harness';

// The Idempotency-Key on the casework writes (issue #18): a case record entry, a Team Around the
// Family meeting, the family plan and a partner's update on a plan action. A repeated request with its
// key answers the first answer and writes nothing again (nor makes a second task); the key with another
// body is a 422 naming the rule; a malformed key is a 400 naming the header; a key is the caller's own.

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi('idempotent-casework');
});

afterAll(async () => {
  await api?.close();
});

const plan = schoolAttendancePlan();
const visit = {
  type: 'visit',
  occurredAt: '2026-01-12T10:00:00.000Z',
  present: { family: ['Kerry Testfamily'], agencies: [] },
  text: 'Home visit about the school mornings.',
};
const meeting = {
  heldOn: '2026-01-20',
  attendees: [{ role: 'Key worker', agency: 'Supporting Families' }],
  familyPresent: true,
  decisions: 'Breakfast club offered.',
  nextMeetingOn: '2099-03-01',
};

async function as(username: string, method: string, path: string, body: unknown, key?: string) {
  return api.call(method, path, {
    token: await api.staffToken(username),
    body,
    ...(key ? { headers: { 'idempotency-key': key } } : {}),
  });
}

const key = () => `key-${Math.random().toString(36).slice(2)}-${Date.now()}`;

describe('Idempotency-Key on the casework writes', () => {
  it('writes a case record entry once for a repeated post, and refuses the key with another body', async () => {
    // Prepare
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const path = `/v1/cases/${record.id}/record`;
    const sent = key();
    // Act
    const first = await as('fsw-blaby', 'POST', path, visit, sent);
    const again = await as('fsw-blaby', 'POST', path, visit, sent);
    const other = await as('fsw-blaby', 'POST', path, { ...visit, text: 'Another visit.' }, sent);
    const bad = await as('fsw-blaby', 'POST', path, visit, 'short');
    const keyless = await as('fsw-blaby', 'POST', path, visit);
    // Assess
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body).toEqual(first.body);
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    expect(other.body.errors).toEqual([expect.objectContaining({ rule: 'idempotency_key_reused' })]);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ path: 'headers.Idempotency-Key', rule: 'format' }),
    ]);
    expect(keyless.status).toBe(201);
    const entries = await listEntryVersions(api.tables.db, record.id);
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(2);
  });

  it('writes the plan once for a repeated put (answered, not 409), and makes one task', async () => {
    // Prepare
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const path = `/v1/cases/${record.id}/plan`;
    const sent = key();
    // Act
    const first = await as('fsw-blaby', 'PUT', path, plan, sent);
    const again = await as('fsw-blaby', 'PUT', path, plan, sent);
    const keyless = await as('fsw-blaby', 'PUT', path, plan);
    // Assess: the retry gets the first answer; a request without a key is a new write (stale: 409)
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body).toEqual(first.body);
    expect(keyless.status).toBe(409);
    expect(await listPlanVersions(api.tables.db, record.id)).toHaveLength(1);
    const tasks = await listTasksForCase(api.tables.db, record.id);
    expect(tasks.map((task) => [task.type, task.planActionId])).toEqual([
      ['plan-action', first.body.goals[0].actions[0].id],
    ]);
  });

  it('makes one new task for an action reopened by a put, however often the put is repeated with its key', async () => {
    // Prepare: the plan written, its key-worker action marked done (its task completed by the plan)
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const path = `/v1/cases/${record.id}/plan`;
    const first = await as('fsw-blaby', 'PUT', path, plan, key());
    const action = first.body.goals[0].actions[0];
    const done = await as('fsw-blaby', 'POST', `${path}/actions/${action.id}`, {
      status: 'done',
      revises: 1,
    });
    const withStatus = (status: string, revises: number) => ({
      ...plan,
      goals: [
        {
          ...plan.goals[0],
          id: first.body.goals[0].id,
          actions: first.body.goals[0].actions.map((one: { id: string }, index: number) => ({
            ...plan.goals[0]!.actions[index],
            id: one.id,
            ...(index === 0 ? { status } : {}),
          })),
        },
      ],
      revises,
    });
    const sent = key();
    // Act: reopened by the whole plan's put, repeated with its key
    const reopened = await as('fsw-blaby', 'PUT', path, withStatus('in-progress', 2), sent);
    const again = await as('fsw-blaby', 'PUT', path, withStatus('in-progress', 2), sent);
    // Assess: the first task completed, exactly one new open task for the action
    expect([done.status, reopened.status, again.status]).toEqual([201, 201, 201]);
    expect(await listPlanVersions(api.tables.db, record.id)).toHaveLength(3);
    const tasks = (await listTasksForCase(api.tables.db, record.id)).filter(
      (task) => task.planActionId === action.id,
    );
    expect(tasks.map((task) => task.status).sort()).toEqual(['COMPLETED', 'OPEN']);
  });

  it('records a meeting once for a repeated post, and keeps each caller’s keys apart', async () => {
    // Prepare
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const path = `/v1/cases/${record.id}/taf-meetings`;
    const sent = key();
    // Act
    const first = await as('fsw-blaby', 'POST', path, meeting, sent);
    const again = await as('fsw-blaby', 'POST', path, meeting, sent);
    const senior = await as('senior-blaby', 'POST', path, meeting, sent);
    const other = await as('fsw-blaby', 'POST', path, { ...meeting, decisions: 'Something else.' }, sent);
    // Assess
    expect([first.status, again.status, senior.status]).toEqual([201, 201, 201]);
    expect(again.body.id).toBe(first.body.id);
    expect(senior.body.id).not.toBe(first.body.id);
    expect(other.status).toBe(422);
    expect(await listTafMeetings(api.tables.db, record.id)).toHaveLength(2);
  });

  it('records a partner’s update once for a repeated post, and refuses a repeat once consent is withdrawn', async () => {
    // Prepare
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const written = await as('fsw-blaby', 'PUT', `/v1/cases/${record.id}/plan`, plan);
    const action = written.body.goals[0].actions[1];
    const consent = {
      partnerId: 'demo-school',
      purpose: 'plan-actions',
      givenBy: 'Mother',
      givenOn: '2026-01-10',
    };
    expect((await as('fsw-blaby', 'POST', `/v1/cases/${record.id}/sharing-consents`, consent)).status).toBe(
      201,
    );
    const path = `/v1/shared/plan-actions/${record.id}/${action.id}`;
    const token = await api.partnerToken('demo-school');
    const post = (body: unknown, sent: string) =>
      api.call('POST', path, { token, body, headers: { 'idempotency-key': sent } });
    const sent = key();
    // Act
    const first = await post({ status: 'in-progress', note: 'Met Jay at the gate.' }, sent);
    const again = await post({ status: 'in-progress', note: 'Met Jay at the gate.' }, sent);
    const other = await post({ note: 'Different.' }, sent);
    const withdrawn = await as(
      'senior-blaby',
      'POST',
      `/v1/cases/${record.id}/sharing-consents/demo-school/plan-actions/withdraw`,
      { withdrawnBy: 'Mother', withdrawnOn: '2026-01-20' },
    );
    expect(withdrawn.status).toBe(200);
    const afterWithdrawal = await post({ status: 'in-progress', note: 'Met Jay at the gate.' }, sent);
    // Assess
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body).toEqual(first.body);
    expect(other.status).toBe(422);
    expect(afterWithdrawal.status).toBe(404);
    expect(await listPlanActionUpdates(api.tables.db, record.id)).toHaveLength(1);
    expect(await listPlanVersions(api.tables.db, record.id)).toHaveLength(2);
  });
});
