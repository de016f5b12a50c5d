import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCase, updateCase } from '../../../shared/adapters/data/cases';
import { createTask } from '../../../shared/adapters/data/tasks';
import type { Case } from '../../../shared/core/schemas';
import { ACTOR, NOW, newCase, referral } from '../../support/records';
import { startTestApi, type TestApi } from './harness';

// Contract tests for the read routes and the authorisation matrix, over the real local server.

let api: TestApi;
let policeCase: Case;
let schoolCase: Case;

beforeAll(async () => {
  api = await startTestApi('read');
  policeCase = await newCase(api.tables.db, {
    referral: referral({ partnerId: 'demo-police', locality: 'blaby' }),
  });
  schoolCase = await newCase(api.tables.db, {
    referral: referral({ partnerId: 'demo-school', locality: 'melton' }),
  });
});

afterAll(async () => {
  await api?.close();
});

describe('GET /v1/referrals/{id}', () => {
  it('answers the owner with status, dated changes and outcome category, and nothing personal', async () => {
    // Act
    const answer = await api.call('GET', `/v1/referrals/${policeCase.id}`, {
      token: await api.partnerToken('demo-police'),
    });

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      id: policeCase.id,
      reference: policeCase.reference,
      status: 'RECEIVED',
      statusChanges: [{ status: 'RECEIVED', at: policeCase.receivedAt }],
      outcome: { category: 'in-progress' },
    });
    const text = answer.text;
    for (const personal of ['Example', 'Officer', 'Loughborough', 'LE11', '2015-02-28', 'struggling']) {
      expect(text).not.toContain(personal);
    }
  });

  it("answers 404 for another partner's referral, exactly as for a missing one", async () => {
    const token = await api.partnerToken('demo-police');
    const other = await api.call('GET', `/v1/referrals/${schoolCase.id}`, { token });
    const missing = await api.call('GET', '/v1/referrals/01ARZ3NDEKTSV4RRFFQ69G5FAV', { token });

    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(other.body).toEqual(missing.body);
    expect(other.headers.get('content-type')).toBe('application/problem+json');
  });

  it('answers 401 without a token or with a bad one, 403 without the read scope', async () => {
    const none = await api.call('GET', `/v1/referrals/${policeCase.id}`);
    const bad = await api.call('GET', `/v1/referrals/${policeCase.id}`, { token: 'not.a.token' });
    const writeOnly = await api.call('GET', `/v1/referrals/${policeCase.id}`, {
      token: await api.partnerToken('demo-police', 'referrals/write'),
    });

    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(bad.status).toBe(401);
    expect(writeOnly.status).toBe(403);
  });

  it('refuses a staff token on a partner route', async () => {
    const answer = await api.call('GET', `/v1/referrals/${policeCase.id}`, {
      token: await api.staffToken('duty'),
    });
    expect(answer.status).toBe(401);
  });
});

describe('GET /v1/referrals', () => {
  it("lists only the partner's own referrals, paginated with an opaque cursor", async () => {
    // Prepare
    for (let index = 0; index < 3; index += 1) {
      await newCase(api.tables.db, { referral: referral({ partnerId: 'demo-school', locality: 'melton' }) });
    }
    const token = await api.partnerToken('demo-school');

    // Act
    const first = await api.call('GET', '/v1/referrals?limit=2', { token });
    const second = await api.call('GET', `/v1/referrals?limit=2&cursor=${first.body.nextCursor}`, { token });

    // Assess
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(typeof first.body.nextCursor).toBe('string');
    const ids = [...first.body.items, ...second.body.items].map((item: { id: string }) => item.id);
    expect(new Set(ids).size).toBe(4);
    expect(ids).toContain(schoolCase.id);
    expect(ids).not.toContain(policeCase.id);
  });

  it('filters by the instant received (since)', async () => {
    const old = await newCase(api.tables.db, {
      referral: referral({ partnerId: 'demo-police', locality: 'blaby' }),
      receivedAt: '2026-01-05T10:00:00.000Z',
    });
    const token = await api.partnerToken('demo-police');

    const all = await api.call('GET', '/v1/referrals', { token });
    const recent = await api.call('GET', '/v1/referrals?since=2026-06-01T00:00:00Z', { token });
    const badSince = await api.call('GET', '/v1/referrals?since=yesterday', { token });

    expect(all.body.items.map((item: { id: string }) => item.id)).toContain(old.id);
    expect(recent.body.items.map((item: { id: string }) => item.id)).not.toContain(old.id);
    expect(recent.body.items.map((item: { id: string }) => item.id)).toContain(policeCase.id);
    expect(badSince.status).toBe(400);
  });

  it('filters by status and answers 400 for a bad query or a forged cursor', async () => {
    const token = await api.partnerToken('demo-police');
    const filtered = await api.call('GET', '/v1/referrals?status=CLOSED', { token });
    const badStatus = await api.call('GET', '/v1/referrals?status=PENDING', { token });
    const badCursor = await api.call('GET', '/v1/referrals?cursor=bm90LWEtY3Vyc29y', { token });

    expect(filtered.status).toBe(200);
    expect(filtered.body.items).toEqual([]);
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.errors[0]).toMatchObject({ path: 'status', rule: 'enum' });
    expect(badCursor.status).toBe(400);
  });
});

describe('staff: tasks and cases', () => {
  it('lists my tasks and my queue in the contract shape, with the due date in Europe/London', async () => {
    // Prepare
    const task = await createTask(
      api.tables.db,
      {
        type: 'hub-decision',
        caseId: policeCase.id,
        caseReference: policeCase.reference,
        area: 'blaby',
        owner: 'role:hub-coordinator:blaby',
        dueDate: '2026-11-30',
      },
      { now: NOW, actor: ACTOR },
    );

    // Act
    const mine = await api.call('GET', '/v1/tasks', { token: await api.staffToken('hub-blaby') });
    const theirs = await api.call('GET', '/v1/tasks', { token: await api.staffToken('hub-melton') });

    // Assess
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({
      items: [
        {
          id: task.id,
          type: 'hub-decision',
          caseId: policeCase.id,
          caseReference: policeCase.reference,
          status: 'OPEN',
          dueDate: '2026-11-30',
          priority: 'normal',
          owner: 'role:hub-coordinator:blaby',
        },
      ],
      nextCursor: null,
    });
    expect(theirs.body.items).toEqual([]);
  });

  it('puts urgent tasks first, across my list and my queue and across pages (issue 17)', async () => {
    // Prepare: the duty social worker has an overdue task of their own and an overdue one in the duty
    // queue; an urgent screen (an immediate safeguarding concern) joins the queue last, due later
    const owned = { caseId: policeCase.id, caseReference: policeCase.reference, area: 'county' } as const;
    const screen = { ...owned, type: 'safeguarding-screen' } as const;
    const mine = await createTask(
      api.tables.db,
      { ...screen, owner: 'worker:duty', dueDate: '2020-01-06' },
      { now: NOW, actor: ACTOR },
    );
    const queued = await createTask(
      api.tables.db,
      { ...screen, owner: 'role:duty-social-worker:county', dueDate: '2020-01-07' },
      { now: NOW, actor: ACTOR },
    );
    const urgent = await createTask(
      api.tables.db,
      {
        ...screen,
        owner: 'role:duty-social-worker:county',
        dueDate: '2099-01-05',
        priority: 'urgent',
        dueAt: '2099-01-05T10:00:00.000Z',
      },
      { now: NOW, actor: ACTOR },
    );
    const token = await api.staffToken('duty');
    const ids = (answer: { body: { items: { id: string }[] } }) => answer.body.items.map((task) => task.id);

    // Act: the whole list, one item a page, and what is due today
    const whole = await api.call('GET', '/v1/tasks', { token });
    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await api.call('GET', `/v1/tasks?limit=1${cursor ? `&cursor=${cursor}` : ''}`, { token });
      expect(page.status).toBe(200);
      pages.push(...ids(page));
      cursor = page.body.nextCursor;
    } while (cursor);
    const dueNow = await api.call('GET', '/v1/tasks?due=today', { token });
    // a cursor given out before priorities ({source} only) goes on with that list as it was: the queue
    const legacy = Buffer.from(JSON.stringify({ source: 1 })).toString('base64url');
    const continued = await api.call('GET', `/v1/tasks?cursor=${legacy}`, { token });

    // Assess: urgent first, then mine, then the queue; an urgent task counts as due now
    expect(ids(whole)).toEqual([urgent.id, mine.id, queued.id]);
    expect(whole.body.items[0]).toMatchObject({ priority: 'urgent', dueAt: '2099-01-05T10:00:00.000Z' });
    expect(whole.body.items[1].priority).toBe('normal');
    expect(pages).toEqual([urgent.id, mine.id, queued.id]);
    expect(ids(dueNow)).toEqual([urgent.id, mine.id, queued.id]);
    expect(continued.status).toBe(200);
    expect(ids(continued)).toEqual([urgent.id, queued.id]);
  });

  it('pages through my list and then my queue, and filters what is due today or overdue', async () => {
    // Prepare: one task of mine (far off) and two in my queue (one overdue)
    const owned = { caseId: schoolCase.id, caseReference: schoolCase.reference, area: 'melton' } as const;
    const mine = await createTask(
      api.tables.db,
      { ...owned, type: 'consent', owner: 'worker:fsw-melton', dueDate: '2099-01-04' },
      { now: NOW, actor: ACTOR },
    );
    const queued = await createTask(
      api.tables.db,
      { ...owned, type: 'consent', owner: 'role:family-support-worker:melton', dueDate: '2020-01-06' },
      { now: NOW, actor: ACTOR },
    );
    const token = await api.staffToken('fsw-melton');

    // Act
    const first = await api.call('GET', '/v1/tasks?limit=1', { token });
    const second = await api.call('GET', `/v1/tasks?limit=1&cursor=${first.body.nextCursor}`, { token });
    const dueNow = await api.call('GET', '/v1/tasks?due=today', { token });

    // Assess
    expect(first.body.items.map((task: { id: string }) => task.id)).toEqual([mine.id]);
    expect(second.body.items.map((task: { id: string }) => task.id)).toEqual([queued.id]);
    const third = await api.call('GET', `/v1/tasks?limit=1&cursor=${second.body.nextCursor}`, { token });
    expect(third.body).toEqual({ items: [], nextCursor: null });
    expect(dueNow.body.items.map((task: { id: string }) => task.id)).toEqual([queued.id]);
  });

  it('shows a task and its case to the locality, and 404 to another locality', async () => {
    const task = await createTask(
      api.tables.db,
      {
        type: 'hub-decision',
        caseId: schoolCase.id,
        caseReference: schoolCase.reference,
        area: 'melton',
        owner: 'role:hub-coordinator:melton',
        dueDate: '2026-12-01',
      },
      { now: NOW, actor: ACTOR },
    );
    const melton = await api.staffToken('hub-melton');
    const blaby = await api.staffToken('hub-blaby');

    const ownTask = await api.call('GET', `/v1/tasks/${task.id}`, { token: melton });
    const otherTask = await api.call('GET', `/v1/tasks/${task.id}`, { token: blaby });
    const ownCase = await api.call('GET', `/v1/cases/${schoolCase.id}`, { token: melton });
    const otherCase = await api.call('GET', `/v1/cases/${schoolCase.id}`, { token: blaby });

    expect(ownTask.status).toBe(200);
    expect(ownTask.body).toMatchObject({ id: task.id, caseStatus: 'RECEIVED', area: 'melton' });
    expect(ownTask.text).not.toContain('taskToken');
    expect(otherTask.status).toBe(404);
    expect(ownCase.status).toBe(200);
    expect(ownCase.body.case.reference).toBe(schoolCase.reference);
    expect(ownCase.body.tasks.map((t: { id: string }) => t.id)).toContain(task.id);
    expect(ownCase.body.audit.map((event: { action: string }) => event.action)).toContain('case.created');
    expect(otherCase.status).toBe(404);
  });

  it('a family support worker sees only the cases they hold', async () => {
    const record = await getCase(api.tables.db, policeCase.id);
    const allocated = await updateCase(api.tables.db, {
      id: record!.id,
      expectedVersion: record!.version,
      now: NOW,
      actor: ACTOR,
      changes: { keyWorkerId: 'fsw-blaby' },
      action: 'case.updated',
    });
    expect(allocated.keyWorkerId).toBe('fsw-blaby');

    const holder = await api.call('GET', `/v1/cases/${policeCase.id}`, {
      token: await api.staffToken('fsw-blaby'),
    });
    const colleague = await api.call('GET', `/v1/cases/${policeCase.id}`, {
      token: await api.staffToken('senior-melton'),
    });

    expect(holder.status).toBe(200);
    expect(colleague.status).toBe(404);
  });

  it('refuses a partner token on staff routes and answers 401 to a wrong password', async () => {
    const partner = await api.call('GET', '/v1/tasks', { token: await api.partnerToken('demo-police') });
    const wrong = await api.call('POST', '/v1/session', {
      body: { username: 'duty', password: 'wrong-password' },
    });
    const unknown = await api.call('POST', '/v1/session', {
      body: { username: 'nobody', password: 'wrong-password' },
    });

    expect(partner.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });
});
