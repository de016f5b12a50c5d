import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaskNotOpenError, tasks } from '../../../shared/adapters/data';
import { parseOrThrow } from '../../../shared/core/schemas/errors';
import { recordStageOutcome } from '../../../shared/domain/journey/stages';
import { journeyPayloadSchema } from '../../../shared/domain/journey/state';
import { startHumanTaskExecution } from '../../../shared/adapters/workflow/executions';
import { SYSTEM_ACTOR } from '../../../shared/core/schemas';
import { cancelOne } from '../../../shared/domain/tasks/cancel';
import { taskDueDate } from '../../../shared/domain/tasks/due-dates';
import { getMetrics } from '../../../shared/adapters/data/metrics';
import { completeTask } from '../../../shared/domain/journey';
import { type JourneyHarness, type StaffSet, startJourneyHarness } from '../../support/journey-harness';
import { assessment, consent, hub, screen } from '../../support/journey-outcomes';
import { expectNoPersonalData, toAssessment, toConsent } from '../../support/journey-steps';
import { roleOwner } from '../../../shared/core/vocabulary/tasks';
import { dbThrough } from '../../support/db-through';

// The human task's own life: reminders and escalations on working days, a second click, a late
// assessment, and a completion that arrives while no wait is live.

describe('human tasks', () => {
  let h: JourneyHarness;
  let staff: StaffSet;

  beforeAll(async () => {
    // Wednesday 1 April 2026, 09:00 BST; Good Friday is 3 April and Easter Monday 6 April.
    h = await startJourneyHarness({ startTime: '2026-04-01T08:00:00Z', label: 'journey-tasks' });
    staff = await h.staffLocality('north-west-leicestershire', { workers: 2 });
  });
  afterAll(() => h?.close());

  it('reminds and escalates on the right working days across Easter, at 09:00 London time', async () => {
    // Prepare: the hub task opens on Wednesday 1 April; five working days later is Friday 10 April
    const referred = await h.refer({ locality: 'north-west-leicestershire' });
    await h.complete(
      await h.openTask(referred.id, 'safeguarding-screen'),
      h.staffActor(staff.duty),
      screen.proceed(),
    );
    const task = await h.openTask(referred.id, 'hub-decision');
    expect(task.dueDate).toBe('2026-04-10');
    const subjectsOn = async (iso: string) => {
      const before = (await h.emails()).length;
      await h.advanceTo(iso);
      return (await h.emails())
        .slice(before)
        .map((email) => `${email.destination.to[0]} ${email.subject.split(':')[0]}`);
    };
    // Act / Assess: day by day (09:00 BST = 08:00 UTC)
    expect(await subjectsOn('2026-04-08T07:59:00Z')).toEqual([]);
    expect(await subjectsOn('2026-04-08T08:00:00Z')).toEqual([`${staff.hub.email} Reminder`]);
    expect(await subjectsOn('2026-04-10T07:59:00Z')).toEqual([]);
    expect(await subjectsOn('2026-04-10T08:00:00Z')).toEqual([`${staff.hub.email} Reminder`]);
    // One working day after the due date: Monday 13 April (Good Friday and Easter Monday are past).
    // A late hub decision goes to the locality manager, who runs the hub (and may make the decision).
    expect(await subjectsOn('2026-04-13T08:00:00Z')).toEqual([`${staff.manager.email} Overdue`]);
    expect(await subjectsOn('2026-04-15T07:59:00Z')).toEqual([]);
    expect(await subjectsOn('2026-04-15T08:00:00Z')).toEqual([`${staff.manager.email} Overdue`]);
    // After the chain, the owner is reminded every five working days
    expect(await subjectsOn('2026-04-21T23:00:00Z')).toEqual([]);
    expect(await subjectsOn('2026-04-22T08:00:00Z')).toEqual([`${staff.hub.email} Reminder`]);
    const chased = (await h.tasksOf(referred.id)).find((any) => any.id === task.id)!;
    expect(chased).toMatchObject({ status: 'OPEN', remindersSent: 3, escalationLevel: 2, owner: task.owner });
    const escalations = (await h.auditOf(referred.id)).filter((event) => event.action === 'task.escalated');
    expect(escalations.map((event) => event.details?.notified)).toEqual([
      'role:locality-manager:north-west-leicestershire',
      'role:locality-manager:north-west-leicestershire',
    ]);
    expectNoPersonalData(await h.emails(), h.tokensSeen);
    // Completing it still works after all that chasing
    await h.complete(task, h.staffActor(staff.hub), hub.nfa());
    expect((await h.caseOf(referred.id)).status).toBe('NFA');
  });

  it('answers a second completion "already completed" and moves the case once', async () => {
    // Prepare
    const referred = await h.refer({ locality: 'north-west-leicestershire' });
    const task = await h.openTask(referred.id, 'safeguarding-screen');
    const duty = h.staffActor(staff.duty);
    // Act
    const [first, second] = await Promise.allSettled([
      completeTask(h.tables.db, task.id, duty, screen.proceed(), h.now()),
      completeTask(h.tables.db, task.id, duty, screen.stepUp(), h.now()),
    ]);
    await h.settle();
    const third = completeTask(h.tables.db, task.id, duty, screen.proceed(), h.now());
    // Assess
    expect([first.status, second.status].sort()).toEqual(['fulfilled', 'rejected']);
    const refused = [first, second].find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(TaskNotOpenError);
    await expect(third).rejects.toThrow(/already completed/);
    const record = await h.caseOf(referred.id);
    const hubs = (await h.tasksOf(referred.id)).filter((any) => any.type === 'hub-decision');
    const completions = (await h.auditOf(referred.id)).filter(
      (event) => event.action === 'task.completed' && event.taskId === task.id,
    );
    expect(completions).toHaveLength(1);
    // Whichever completion won decided the path, and only once
    if (record.status === 'STEPPED_UP') expect(hubs).toHaveLength(0);
    else expect(hubs).toHaveLength(1);
    expect(record.statusHistory.filter((change) => change.status === 'SCREENING')).toHaveLength(1);
  });

  it('flags an assessment done after its due date as not on time, its wait renewed past 60 days', async () => {
    // Prepare: allocated and consented on 22 April; 45 working days later (two May bank holidays) is 26 June
    await h.advanceTo('2026-04-22T09:00:00Z');
    const { record, worker } = await toAssessment(h, staff);
    const task = await h.openTask(record.id, 'assessment');
    expect(task.dueDate).toBe('2026-06-26');
    const wakes: { now: string; action: string }[] = [];
    const hook = h.intercept('chase-task', async (event, next) => {
      const answer = (await next(event)) as { action: string };
      if ((event as { taskId: string }).taskId === task.id) {
        wakes.push({ now: (event as { now: string }).now, action: answer.action });
      }
      return answer;
    });
    // The journey's record step for this task, through a client that counts its requests
    const recorded: { child: string; requests: number; route: string | undefined }[] = [];
    const recordHook = h.intercept('record-task-outcome', async (event) => {
      const payload = parseOrThrow(journeyPayloadSchema, event);
      let requests = 0;
      const counted = dbThrough(h.tables.db, (command) => {
        requests += 1;
        return h.tables.db.client.send(command);
      });
      const answer = await recordStageOutcome(payload, counted);
      const journey = payload.journey as { taskId?: string; child?: { status: string } };
      if (journey.taskId === task.id) {
        recorded.push({ child: journey.child?.status ?? '', requests, route: answer.route });
      }
      return answer;
    });
    // Act: done on 6 July
    try {
      await h.advanceTo('2026-07-06T10:00:00Z');
    } finally {
      hook.restore();
      recordHook.restore();
    }
    await h.complete(task, h.staffActor(worker), assessment('2026-07-06'));
    // Assess
    const assessed = await h.caseOf(record.id);
    expect(assessed).toMatchObject({
      status: 'SUPPORT',
      assessment: { onTime: false, dueDate: '2026-06-26' },
    });
    const counters = await getMetrics(h.tables.db, 'north-west-leicestershire', '2026-27-Q2');
    expect(counters['assessments.completed']).toBe(1);
    expect(counters['assessments.onTime']).toBeUndefined();
    expect((await h.tasksOf(record.id)).filter((any) => any.type === 'assessment')).toHaveLength(1);
    // The wait outlived 60 days, so it went on in a fresh journey execution with the same task
    const journeys = (await h.executions('journey')).filter((execution) =>
      execution.name.startsWith(record.id),
    );
    expect(journeys.map((execution) => execution.name)).toEqual(
      expect.arrayContaining([record.id, `${record.id}-2`]),
    );
    // The renewed wait did not wake at its start to decide again what the renewal had just decided
    const renewal = wakes.find((wake) => wake.action === 'renew');
    expect(renewal).toBeDefined();
    const minuteAfter = Date.parse(renewal!.now) + 60_000;
    expect(wakes.filter((wake) => wake.now >= renewal!.now && Date.parse(wake.now) < minuteAfter)).toEqual([
      renewal,
    ]);
    // The renewal's record step read nothing: it only handed the task to the fresh execution
    expect(recorded).toEqual([{ child: 'renew', requests: 0, route: 'renew' }]);
    const toWorker = (await h.emailsTo(worker.email)).map((email) => email.subject.split(':')[0]);
    expect(toWorker.filter((subject) => subject === 'Reminder').length).toBeGreaterThanOrEqual(3);
    expect(
      (await h.emailsTo(staff.senior.email)).some((email) => email.subject.includes(record.reference)),
    ).toBe(true);
  });

  it('never loses a completion that lands between two waits, even at the timeout', async () => {
    // Prepare: consent opened Monday 6 July, due 20 July, times out 27 July at 09:00 BST
    const atConsent = await toConsent(h, staff);
    const worker = staff.workers.find((candidate) => candidate.id === atConsent.keyWorkerId)!;
    const task = await h.openTask(atConsent.id, 'consent');
    expect(task.dueDate).toBe('2026-07-20');
    let raced = false;
    const hook = h.intercept('chase-task', async (event, next) => {
      const wake = event as { taskId: string; now: string };
      if (wake.taskId === task.id && !raced && wake.now >= '2026-07-27T08:00:00') {
        raced = true;
        // The wait that timed out is over; the next has no token yet: the completion lands in between.
        await completeTask(h.tables.db, task.id, h.staffActor(worker), consent.given('2026-07-20'), wake.now);
      }
      return next(event);
    });
    // Act: past the timeout
    try {
      await h.advanceTo('2026-07-28T12:00:00Z');
    } finally {
      hook.restore();
    }
    // Assess: the completion won; nothing timed out; the journey went on
    expect(raced).toBe(true);
    expect((await h.tasksOf(atConsent.id)).find((any) => any.id === task.id)?.status).toBe('COMPLETED');
    expect((await h.caseOf(atConsent.id)).status).toBe('ASSESSMENT');
    expect((await h.auditOf(atConsent.id)).map((event) => event.action)).not.toContain('task.timed-out');
    expect(await h.openTask(atConsent.id, 'assessment')).toMatchObject({ owner: `worker:${worker.id}` });
  });

  it('retries a wake-up whose answer was lost without emailing twice, and a lost timeout still times out', async () => {
    // Prepare: a consent nobody records; every wake-up's first answer is lost after it has done its work
    const atConsent = await toConsent(h, staff);
    const task = await h.openTask(atConsent.id, 'consent');
    const lost = new Set<string>();
    const hook = h.intercept('chase-task', async (event, next) => {
      const wake = event as { taskId: string; now: string };
      const answer = await next(event);
      if (wake.taskId === task.id && !lost.has(wake.now)) {
        lost.add(wake.now);
        throw Object.assign(new Error('the answer was lost'), { name: 'Lambda.ServiceException' });
      }
      return answer;
    });
    // Act: past the timeout (five working days after the due date)
    try {
      await h.advanceTo(new Date(Date.parse(`${task.dueDate}T12:00:00Z`) + 14 * 86_400_000).toISOString());
    } finally {
      hook.restore();
    }
    // Assess: every wake-up ran twice, yet each email went once and the timeout path was taken
    expect(lost.size).toBeGreaterThanOrEqual(5);
    const sent = new Map<string, number>();
    for (const email of await h.emails()) {
      if (!email.subject.endsWith(atConsent.reference) || email.subject.startsWith('New task')) continue;
      const key = `${email.destination.to[0]} ${email.subject.split(':')[0]}`;
      sent.set(key, (sent.get(key) ?? 0) + 1);
    }
    const worker = staff.workers.find((candidate) => candidate.id === atConsent.keyWorkerId)!;
    expect(Object.fromEntries(sent)).toEqual({
      [`${worker.email} Reminder`]: 2,
      [`${staff.senior.email} Overdue`]: 1,
      [`${staff.manager.email} Overdue`]: 1,
      [`${worker.email} Timed out`]: 1,
    });
    const actions = (await h.auditOf(atConsent.id)).map((event) => event.action);
    expect(actions.filter((action) => action === 'task.reminded')).toHaveLength(2);
    expect(actions.filter((action) => action === 'task.escalated')).toHaveLength(2);
    expect(actions.filter((action) => action === 'task.timed-out')).toHaveLength(1);
    expect(await h.caseOf(atConsent.id)).toMatchObject({
      status: 'CLOSED',
      closure: { reason: 'consent-not-given' },
    });
  });
  it("skips a fresh task's first wake-up, and still chases a wait started the old way", async () => {
    // Prepare: every wake-up is recorded; a second task's are sent as an older definition sends them
    const wakes: { taskId: string; now: string; caseNamed: boolean }[] = [];
    let oldShaped = '';
    const hook = h.intercept('chase-task', (event, next) => {
      const wake = event as { taskId: string; now: string; input?: { caseId?: string } };
      wakes.push({ taskId: wake.taskId, now: wake.now, caseNamed: Boolean(wake.input?.caseId) });
      if (wake.taskId !== oldShaped) return next(event);
      const { input: _dropped, ...old } = wake;
      return next(old);
    });
    try {
      const referred = await h.refer({ locality: 'north-west-leicestershire' });
      const screen = await h.openTask(referred.id, 'safeguarding-screen');
      // A fresh task's opener answered its first wait: no wake-up when it opened
      expect(wakes.filter((wake) => wake.taskId === screen.id)).toEqual([]);
      // Two hub tasks beside the journey's, each waited on by an execution started as before firstWait:
      // one with the case in its input (an older journey's child), one with the task alone
      const opened = h.now().toISOString();
      const dueDate = taskDueDate('hub-decision', { openedAt: opened });
      const make = (key: string) =>
        tasks.createTask(
          h.tables.db,
          {
            type: 'hub-decision',
            caseId: referred.id,
            caseReference: referred.reference,
            area: 'north-west-leicestershire',
            owner: roleOwner('hub-coordinator', 'north-west-leicestershire'),
            dueDate,
          },
          { now: opened, actor: SYSTEM_ACTOR, uniqueKey: `${referred.id}#old-shape#${key}` },
        );
      const withCase = await make('case');
      const alone = await make('alone');
      oldShaped = alone.id;
      await startHumanTaskExecution(withCase.id, `old-shape-${withCase.id}`, { caseId: referred.id });
      await startHumanTaskExecution(alone.id, `old-shape-${alone.id}`);
      await h.settle();
      // Act: to 09:00 on the due date (a reminder is due the day before and on the day)
      await h.advanceTo(`${dueDate}T12:00:00Z`);
      // Assess: both chased at once when they started, and reminded on the day, as before
      const first = (taskId: string) => wakes.find((wake) => wake.taskId === taskId);
      expect(first(withCase.id)).toEqual({ taskId: withCase.id, now: opened, caseNamed: true });
      expect(first(alone.id)).toEqual({ taskId: alone.id, now: opened, caseNamed: false });
      for (const task of [withCase, alone]) {
        const chased = (await h.tasksOf(referred.id)).find((any) => any.id === task.id)!;
        expect(chased.remindersSent).toBeGreaterThanOrEqual(1);
        expect(chased.status).toBe('OPEN');
      }
      // The journey's own task was woken only for its reminders, each naming the case
      const screenWakes = wakes.filter((wake) => wake.taskId === screen.id);
      expect(screenWakes.length).toBeGreaterThanOrEqual(1);
      expect(screenWakes.every((wake) => wake.caseNamed && wake.now > opened)).toBe(true);
      for (const task of [withCase, alone]) {
        await cancelOne(h.tables.db, task.id, {
          actor: SYSTEM_ACTOR,
          reason: 'test',
          now: h.now().toISOString(),
        });
      }
      await h.settle();
      const ended = (await h.executions('human-task')).filter((execution) =>
        execution.name.startsWith('old-shape-'),
      );
      expect(ended.map((execution) => execution.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    } finally {
      hook.restore();
    }
  });
});
