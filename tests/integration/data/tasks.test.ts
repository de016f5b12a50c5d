import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../../shared/adapters/data/audit';
import { AlreadyExistsError, NotFoundError } from '../../../shared/adapters/data/db';
import {
  cancelTask,
  completeTask,
  createTask,
  getTask,
  listOpenTasksForCase,
  listTasksByOwner,
  listTasksForCase,
  listTasksForPeriod,
  type NewTask,
  recordChase,
  storeTaskToken,
  TaskNotOpenError,
} from '../../../shared/adapters/data/tasks';
import { createTestTables, type TestTables } from '../../support/tables';
import { ACTOR, NOW, newCase } from '../../support/records';
import { roleOwner, workerOwner } from '../../../shared/core/vocabulary/tasks';

describe('tasks repository', () => {
  let tables: TestTables;

  beforeAll(async () => {
    tables = await createTestTables('tasks');
  });
  afterAll(() => tables.drop());

  async function caseTask(overrides: Partial<NewTask> = {}) {
    const record = await newCase(tables.db);
    return createTask(
      tables.db,
      {
        type: 'safeguarding-screen',
        caseId: record.id,
        caseReference: record.reference,
        area: 'county',
        owner: roleOwner('duty-social-worker'),
        dueDate: '2026-11-24',
        taskToken: 'token-1',
        ...overrides,
      },
      { now: NOW, actor: ACTOR },
    );
  }

  it('creates an open task with its token kept server side and an audit event on the case', async () => {
    const task = await caseTask();
    expect(await getTask(tables.db, task.id)).toMatchObject({
      status: 'OPEN',
      taskToken: 'token-1',
      version: 1,
    });
    expect(
      (await listAuditEvents(tables.db, `case#${task.caseId}`)).items.map((event) => event.action),
    ).toContain('task.created');
  });

  it('completes once: a second completion and a late cancel find it already handled', async () => {
    // Prepare
    const task = await caseTask();
    const staff = { type: 'staff' as const, id: 'duty-1', role: 'duty-social-worker' as const };
    // Act
    const completed = await completeTask(tables.db, task.id, {
      actor: staff,
      outcome: { decision: 'proceed', reason: 'ok' },
      now: NOW,
    });
    // Assess
    expect(completed).toMatchObject({ status: 'COMPLETED', completedBy: 'duty-1', taskToken: 'token-1' });
    await expect(
      completeTask(tables.db, task.id, {
        actor: staff,
        outcome: { decision: 'step-up', reason: 'x' },
        now: NOW,
      }),
    ).rejects.toMatchObject({ name: 'TaskNotOpenError', status: 'COMPLETED' });
    await expect(
      cancelTask(tables.db, task.id, { actor: ACTOR, reason: 'withdrawn', now: NOW }),
    ).rejects.toBeInstanceOf(TaskNotOpenError);
    expect((await getTask(tables.db, task.id))?.outcome).toEqual({ decision: 'proceed', reason: 'ok' });
  });

  it('lets exactly one of many concurrent completions win', async () => {
    const task = await caseTask();
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, index) =>
        completeTask(tables.db, task.id, {
          actor: { type: 'staff', id: `w${index}` },
          outcome: { n: index },
          now: NOW,
        }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((entry) => entry.status === 'rejected') as PromiseRejectedResult[]) {
      expect(result.reason).toBeInstanceOf(TaskNotOpenError);
    }
    const events = (await listAuditEvents(tables.db, `case#${task.caseId}`)).items;
    expect(events.filter((event) => event.action === 'task.completed')).toHaveLength(1);
  });

  it('keeps only the latest token, moves the version on, and refuses a token once the task is done', async () => {
    // Prepare
    const task = await caseTask();
    // Act
    await storeTaskToken(tables.db, task.id, 'token-2', NOW);
    await storeTaskToken(tables.db, task.id, 'token-3', NOW);
    // Assess: the latest token, two versions on, no audit event for a wait
    const stored = await getTask(tables.db, task.id);
    expect(stored).toMatchObject({ taskToken: 'token-3', version: task.version + 2, status: 'OPEN' });
    const events = (await listAuditEvents(tables.db, `case#${task.caseId}`)).items;
    expect(events.map((event) => event.action).sort()).toEqual(['case.created', 'task.created']);
    // A completion answers the live token; a later wait's token is refused with the task's status
    const completed = await completeTask(tables.db, task.id, { actor: ACTOR, outcome: {}, now: NOW });
    expect(completed.taskToken).toBe('token-3');
    await expect(storeTaskToken(tables.db, task.id, 'token-4', NOW)).rejects.toMatchObject({
      name: 'TaskNotOpenError',
      status: 'COMPLETED',
    });
    await expect(
      storeTaskToken(tables.db, '01J00000000000000000000000', 'token-5', NOW),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('creates a task once per unique key', async () => {
    const first = await createTask(
      tables.db,
      {
        type: 'quarterly-report',
        period: '2026-27-Q2',
        area: 'melton',
        owner: roleOwner('locality-manager', 'melton'),
        dueDate: '2026-10-28',
      },
      { now: NOW, actor: ACTOR, uniqueKey: 'report#melton#2026-27-Q2' },
    );
    const again = createTask(
      tables.db,
      {
        type: 'quarterly-report',
        period: '2026-27-Q2',
        area: 'melton',
        owner: roleOwner('locality-manager', 'melton'),
        dueDate: '2026-10-28',
      },
      { now: NOW, actor: ACTOR, uniqueKey: 'report#melton#2026-27-Q2' },
    );
    await expect(again).rejects.toBeInstanceOf(AlreadyExistsError);
    await expect(again).rejects.toMatchObject({ existingId: first.id });
    expect((await listTasksForPeriod(tables.db, '2026-27-Q2')).map((task) => task.id)).toEqual([first.id]);
  });

  it('lists an owner’s open tasks soonest due first, with due-by filtering and pages', async () => {
    // Prepare
    const owner = workerOwner('fsw-list');
    const dues = ['2026-12-04', '2026-11-25', '2026-12-01', '2026-11-30', '2026-12-10'];
    const created = [];
    for (const dueDate of dues)
      created.push(await caseTask({ type: 'consent', area: 'charnwood', owner, dueDate }));
    await completeTask(tables.db, created[4]!.id, { actor: ACTOR, outcome: {}, now: NOW });
    // Act
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listTasksByOwner(tables.db, owner, { limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((task) => task.dueDate));
      cursor = page.nextCursor;
    } while (cursor);
    const dueByDec1 = await listTasksByOwner(tables.db, owner, { dueOnOrBefore: '2026-12-01' });
    const done = await listTasksByOwner(tables.db, owner, { status: 'COMPLETED' });
    // Assess
    expect(seen).toEqual(['2026-11-25', '2026-11-30', '2026-12-01', '2026-12-04']);
    expect(dueByDec1.items.map((task) => task.dueDate)).toEqual(['2026-11-25', '2026-11-30', '2026-12-01']);
    expect(done.items.map((task) => task.id)).toEqual([created[4]!.id]);
  });

  it('lists an owner’s urgent tasks first, alone or apart from the others, even once completed', async () => {
    // Prepare: two normal screens and two urgent ones for one owner, the urgent due later
    const owner = workerOwner('duty-urgent-list');
    const early = await caseTask({ owner, dueDate: '2026-11-20' });
    const late = await caseTask({ owner, dueDate: '2026-11-25' });
    const urgent = (dueAt: string) =>
      caseTask({ owner, dueDate: dueAt.slice(0, 10), priority: 'urgent', dueAt });
    const second = await urgent('2026-12-01T11:00:00.000Z');
    const first = await urgent('2026-12-01T10:00:00.000Z');
    const ids = (page: { items: { id: string }[] }) => page.items.map((task) => task.id);
    // Act
    const all = await listTasksByOwner(tables.db, owner);
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listTasksByOwner(tables.db, owner, { limit: 1, ...(cursor ? { cursor } : {}) });
      paged.push(...ids(page));
      cursor = page.nextCursor;
    } while (cursor);
    const urgentOnly = await listTasksByOwner(tables.db, owner, { priority: 'urgent' });
    const normalOnly = await listTasksByOwner(tables.db, owner, { priority: 'normal' });
    const dueByNov21 = await listTasksByOwner(tables.db, owner, { dueOnOrBefore: '2026-11-21' });
    const normalByNov21 = await listTasksByOwner(tables.db, owner, {
      dueOnOrBefore: '2026-11-21',
      priority: 'normal',
    });
    await completeTask(tables.db, first.id, { actor: ACTOR, outcome: {}, now: NOW });
    const done = await listTasksByOwner(tables.db, owner, { status: 'COMPLETED', priority: 'urgent' });
    // Assess
    expect(ids(all)).toEqual([first.id, second.id, early.id, late.id]);
    expect(paged).toEqual([first.id, second.id, early.id, late.id]);
    expect(ids(urgentOnly)).toEqual([first.id, second.id]);
    expect(ids(normalOnly)).toEqual([early.id, late.id]);
    // urgent tasks are due within working hours: "due by" always includes them
    expect(ids(dueByNov21)).toEqual([first.id, second.id, early.id]);
    expect(ids(normalByNov21)).toEqual([early.id]);
    expect(ids(done)).toEqual([first.id]);
    expect(await getTask(tables.db, first.id)).toMatchObject({ priority: 'urgent', status: 'COMPLETED' });
  });

  it('finds a case’s open tasks, so a withdrawal can cancel them', async () => {
    const task = await caseTask();
    expect((await listOpenTasksForCase(tables.db, task.caseId!)).map((open) => open.id)).toEqual([task.id]);
    const cancelled = await cancelTask(tables.db, task.id, { actor: ACTOR, reason: 'withdrawn', now: NOW });
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelReason: 'withdrawn', taskToken: 'token-1' });
    expect(await listOpenTasksForCase(tables.db, task.caseId!)).toEqual([]);
    expect((await listTasksForCase(tables.db, task.caseId!)).map((any) => any.status)).toEqual(['CANCELLED']);
  });

  it('records a chase: counters, an audit event naming who was told, and nothing once the task is closed', async () => {
    // Prepare
    const task = await caseTask();
    // Act
    const reminded = await recordChase(tables.db, task.id, {
      now: NOW,
      actor: ACTOR,
      remindersSent: 1,
      escalationLevel: 0,
    });
    const escalated = await recordChase(tables.db, task.id, {
      now: NOW,
      actor: ACTOR,
      remindersSent: 1,
      escalationLevel: 1,
      escalatedTo: 'role:senior:charnwood',
    });
    await completeTask(tables.db, task.id, { actor: ACTOR, outcome: {}, now: NOW });
    const late = recordChase(tables.db, task.id, {
      now: NOW,
      actor: ACTOR,
      remindersSent: 2,
      escalationLevel: 1,
    });
    // Assess
    expect(reminded).toMatchObject({ remindersSent: 1, escalationLevel: 0, owner: task.owner });
    expect(escalated).toMatchObject({ remindersSent: 1, escalationLevel: 1, owner: task.owner });
    await expect(late).rejects.toBeInstanceOf(TaskNotOpenError);
    const events = (await listAuditEvents(tables.db, `case#${task.caseId}`)).items;
    expect(events.find((event) => event.action === 'task.escalated')?.details).toMatchObject({
      level: 1,
      notified: 'role:senior:charnwood',
    });
    expect(events.filter((event) => event.action === 'task.reminded')).toHaveLength(1);
  });
});
