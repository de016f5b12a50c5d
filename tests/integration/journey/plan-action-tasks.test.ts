import { GetCommand, QueryCommand, type TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/core/calendar';
import type { Case, Task } from '../../../shared/core/schemas';
import type { FamilyPlanBody } from '../../../shared/core/schemas/family-plan';
import { readPlan } from '../../../shared/domain/family-plan/plan';
import { syncPlanTasks } from '../../../shared/domain/family-plan/plan-tasks';
import { setActionStatus, writePlan } from '../../../shared/domain/family-plan/plan-writes';
import { recordTafMeeting } from '../../../shared/domain/family-plan/taf-meetings';
import { completeTask, transferCase } from '../../../shared/domain/journey';
import type { JourneyActor } from '../../../shared/domain/tasks/actor';
import { type JourneyHarness, type StaffSet, startJourneyHarness } from '../../support/journey-harness';
import { closure, review } from '../../support/journey-outcomes';
import { ACTOR } from '../../support/records';
import { expectNoPersonalData, toSupport } from '../../support/journey-steps';
import { dbThrough } from '../../support/db-through';

// Staff-owned plan actions and the next Team Around the Family meeting as tasks (issue #18), on the
// real engine (workflows/human-task.asl.json), DynamoDB Local and the local SES, on the virtual clock:
// created once per action, emailed to the key worker without personal data, reminded and escalated,
// completed into the plan, cancelled by the plan or the case's end, moved with the action's date, and
// renewed in a fresh execution after 60 days with nobody to restart it but the chase itself.

type StaffActor = Extract<JourneyActor, { kind: 'staff' }>;

// Eleven tests of engine work on the virtual clock; two passed 60 s beside three busy workers. The
// limit guards against a hang, not against slowness.
describe('plan actions as tasks', { timeout: 180_000 }, () => {
  let h: JourneyHarness;
  let staff: StaffSet;

  beforeAll(async () => {
    // Monday 5 January 2026, 09:00 London (GMT).
    h = await startJourneyHarness({ startTime: '2026-01-05T09:00:00Z', label: 'plan-action-tasks' });
    staff = await h.staffLocality('harborough', { workers: 1, capacity: 200 });
  });
  afterAll(() => h?.close());

  const planTasks = async (caseId: string): Promise<Task[]> =>
    (await h.tasksOf(caseId)).filter((task) => task.type === 'plan-action');

  function planBody(dueOn: string, revises = 0, ids?: { goal: string; action: string }): FamilyPlanBody {
    return {
      summary: 'Calmer mornings.',
      goals: [
        {
          ...(ids ? { id: ids.goal } : {}),
          goal: 'Jay is at school every day',
          needs: ['missing-education'],
          outcomes: ['good-education'],
          actions: [
            {
              ...(ids ? { id: ids.action } : {}),
              what: 'Agree a morning routine with Kerry Testfamily',
              owner: { kind: 'key-worker' },
              dueOn,
              status: 'not-started',
            },
            {
              what: 'Walk Jay to school',
              owner: { kind: 'family-member', name: 'Kerry Testfamily' },
              dueOn,
              status: 'not-started',
            },
            {
              what: 'Attendance review',
              owner: { kind: 'practitioner', name: 'Sam Test', role: 'Liaison', agency: 'School' },
              dueOn,
              status: 'not-started',
            },
          ],
        },
      ],
      revises,
    };
  }

  async function supported(): Promise<{ record: Case; actor: StaffActor; email: string }> {
    const { record, worker } = await toSupport(h, staff);
    return {
      record,
      actor: { kind: 'staff', userId: worker.id, role: worker.role, area: worker.area },
      email: worker.email,
    };
  }

  it('makes one task per key-worker action however often the plan is saved, emailed without personal data', async () => {
    // Prepare
    const { record, actor, email } = await supported();
    const before = (await h.emailsTo(email)).length;
    // Act: the plan saved, then saved again unchanged as its next version
    const first = await writePlan(h.tables.db, record, actor, planBody('2026-01-20'), h.now());
    const [goal] = first.goals;
    await writePlan(
      h.tables.db,
      record,
      actor,
      planBody('2026-01-20', 1, { goal: goal!.id, action: goal!.actions[0]!.id }),
      h.now(),
    );
    await h.settle();
    // Assess: one task, the key worker's, due on the action's date, with its own chase running
    const made = await planTasks(record.id);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({
      status: 'OPEN',
      owner: `worker:${actor.userId}`,
      dueDate: '2026-01-20',
      planActionId: goal!.actions[0]!.id,
      caseReference: record.reference,
    });
    const executions = (await h.executions('human-task')).filter((one) => one.name.includes(made[0]!.id));
    expect(executions.map((one) => [one.name, one.status])).toEqual([
      [`plan-action-${made[0]!.id}`, 'RUNNING'],
    ]);
    const told = (await h.emailsTo(email)).slice(before);
    expect(told.map((one) => one.subject)).toEqual([`New task: Family plan action: ${record.reference}`]);
    expectNoPersonalData(told, h.tokensSeen);
    for (const one of told) expect(`${one.subject}${one.body.text}`).not.toMatch(/Testfamily|routine|Jay/);
  });

  it('looks the key worker up once for the emails of a save that opens or cancels several of their tasks', async () => {
    // Prepare: a plan of three key-worker actions, saved through a client that notes each worker read
    const { record, actor, email } = await supported();
    const workerReads: string[] = [];
    const send = (command: unknown) => {
      const key = (command as Partial<GetCommand>).input?.Key;
      if (command instanceof GetCommand && String(key?.pk).startsWith('WORKER#'))
        workerReads.push(String(key?.pk));
      return h.tables.db.client.send(command as GetCommand);
    };
    const counted = dbThrough(h.tables.db, send);
    const body = (
      status: 'not-started' | 'dropped',
      revises = 0,
      ids?: { goal: string; actions: string[] },
    ) => ({
      summary: 'Calmer mornings.',
      goals: [
        {
          ...(ids ? { id: ids.goal } : {}),
          goal: 'Jay is at school every day',
          needs: ['missing-education' as const],
          outcomes: ['good-education' as const],
          actions: ['Agree a routine', 'Visit the school', 'Book the clinic'].map((what, index) => ({
            ...(ids ? { id: ids.actions[index]! } : {}),
            what,
            owner: { kind: 'key-worker' as const },
            dueOn: '2026-12-01',
            status,
          })),
        },
      ],
      revises,
    });
    const before = (await h.emailsTo(email)).length;
    // Act: saved, then saved again with the three actions dropped
    const first = await writePlan(counted, record, actor, body('not-started'), h.now());
    await h.settle();
    const openedReads = workerReads.length;
    const ids = { goal: first.goals[0]!.id, actions: first.goals[0]!.actions.map((action) => action.id) };
    await writePlan(counted, record, actor, body('dropped', 1, ids), h.now());
    await h.settle();
    // Assess: three tasks opened and three cancelled, each emailed, with one worker read per save
    const made = await planTasks(record.id);
    expect(made.map((task) => task.status)).toEqual(['CANCELLED', 'CANCELLED', 'CANCELLED']);
    const told = (await h.emailsTo(email)).slice(before).map((one) => one.subject.split(':')[0]);
    expect(told).toEqual([
      'New task',
      'New task',
      'New task',
      'No longer needed',
      'No longer needed',
      'No longer needed',
    ]);
    expect([openedReads, workerReads.length - openedReads]).toEqual([1, 1]);
  });

  it('reads the plan once for a save or a status change and syncs its tasks with the version it wrote', async () => {
    // Prepare: a client that notes each read of the plan's versions
    const { record, actor } = await supported();
    let planReads = 0;
    const send = (command: unknown) => {
      const values = (command as Partial<QueryCommand>).input?.ExpressionAttributeValues;
      if (command instanceof QueryCommand && String(values?.[':prefix']).startsWith('PLAN#V#'))
        planReads += 1;
      return h.tables.db.client.send(command as QueryCommand);
    };
    const counted = dbThrough(h.tables.db, send);
    // Act: saved; the key worker's action dropped; dropped again (a second click)
    const first = await writePlan(counted, record, actor, planBody('2026-12-01'), h.now());
    await h.settle();
    const afterSave = planReads;
    const opened = await planTasks(record.id);
    const actionId = first.goals[0]!.actions[0]!.id;
    await setActionStatus(counted, record, actor, actionId, { status: 'dropped', revises: 1 }, h.now());
    await h.settle();
    const afterDrop = planReads;
    const again = await setActionStatus(
      counted,
      record,
      actor,
      actionId,
      { status: 'dropped', revises: 1 },
      h.now(),
    );
    await h.settle();
    // Assess: the save opened the action's task and the drop cancelled it, each step reading the plan once
    expect(opened.map((task) => [task.planActionId, task.status])).toEqual([[actionId, 'OPEN']]);
    expect((await planTasks(record.id)).map((task) => task.status)).toEqual(['CANCELLED']);
    expect(again).toMatchObject({ changed: false, plan: { version: 2 } });
    expect([afterSave, afterDrop - afterSave, planReads - afterDrop]).toEqual([1, 1, 1]);
  });

  it('reminds the key worker and escalates to the senior on the clock, then completing marks the action done', async () => {
    // Prepare: due Tuesday 3 February
    await h.advanceTo('2026-01-26T12:00:00Z');
    const { record, actor, email } = await supported();
    const plan = await writePlan(h.tables.db, record, actor, planBody('2026-02-03'), h.now());
    await h.settle();
    const [task] = await planTasks(record.id);
    // Only this case's emails: the other tests' tasks are chased on the same clock.
    const subjectsOn = async (iso: string, to: string) => {
      const before = (await h.emailsTo(to)).length;
      await h.advanceTo(iso);
      return (await h.emailsTo(to))
        .slice(before)
        .filter((one) => one.subject.includes(record.reference))
        .map((one) => one.subject.split(':')[0]);
    };
    // Act / Assess: reminders two working days before and on the day, at 09:00; overdue the next day
    expect(await subjectsOn('2026-01-30T08:59:00Z', email)).toEqual([]);
    expect(await subjectsOn('2026-01-30T09:00:00Z', email)).toEqual(['Reminder']);
    expect(await subjectsOn('2026-02-03T09:00:00Z', email)).toEqual(['Reminder']);
    expect(await subjectsOn('2026-02-04T09:00:00Z', staff.senior.email)).toEqual(['Overdue']);
    expect((await h.tasksOf(record.id)).find((one) => one.id === task!.id)).toMatchObject({
      remindersSent: 2,
      escalationLevel: 1,
    });
    // The senior, told, may do it; completing it marks the action done as the plan's next version
    await h.complete(task!, h.staffActor(staff.senior), { note: 'Routine agreed at home.' });
    const view = await readPlan(h.tables.db, record.id, h.now());
    expect(view.plan?.version).toBe(plan.version + 1);
    expect(view.plan?.change).toBe('action-status');
    expect(view.plan?.goals[0]?.actions[0]?.status).toBe('done');
    expect(view.late.map((one) => one.owner.kind)).not.toContain('key-worker');
    expect(
      (await h.executions('human-task')).find((one) => one.name === `plan-action-${task!.id}`),
    ).toMatchObject({
      status: 'SUCCEEDED',
    });
    // A second completion is refused and writes no further version
    await expect(completeTask(h.tables.db, task!.id, actor, {}, h.now())).rejects.toThrow(
      /already completed/,
    );
    expect((await readPlan(h.tables.db, record.id, h.now())).plan?.version).toBe(plan.version + 1);
    expectNoPersonalData(await h.emails(), h.tokensSeen);
  });

  it('cancels the task when the action is dropped, and moves it when the action’s date moves', async () => {
    // Prepare
    const { record, actor, email } = await supported();
    const day = h.now().toISOString().slice(0, 10);
    const first = await writePlan(h.tables.db, record, actor, planBody('2026-03-31'), h.now());
    await h.settle();
    const ids = { goal: first.goals[0]!.id, action: first.goals[0]!.actions[0]!.id };
    const [task] = await planTasks(record.id);
    // Act: the date brought forward to Friday 20 February in the plan's next version
    await writePlan(h.tables.db, record, actor, planBody('2026-02-20', 1, ids), h.now());
    await h.settle();
    const moved = (await planTasks(record.id))[0]!;
    const before = (await h.emailsTo(email)).length;
    await h.advanceTo('2026-02-18T09:00:00Z');
    const reminded = (await h.emailsTo(email))
      .slice(before)
      .filter((one) => one.subject.includes(record.reference))
      .map((one) => one.subject.split(':')[0]);
    // then dropped
    const dropped = await setActionStatus(
      h.tables.db,
      await h.caseOf(record.id),
      actor,
      ids.action,
      { status: 'dropped', revises: 2 },
      h.now(),
    );
    await h.settle();
    // Assess: the same task, moved (one task still), reminded for the new date; then cancelled
    expect(day < '2026-02-18').toBe(true);
    expect(moved).toMatchObject({ id: task!.id, dueDate: '2026-02-20', status: 'OPEN' });
    expect(reminded).toEqual(['Reminder']);
    expect(dropped.changed).toBe(true);
    const after = await planTasks(record.id);
    expect(after.map((one) => [one.id, one.status, one.cancelReason])).toEqual([
      [task!.id, 'CANCELLED', 'plan action finished'],
    ]);
    expect(
      (await h.executions('human-task')).find((one) => one.name === `plan-action-${task!.id}`),
    ).toMatchObject({
      status: 'SUCCEEDED',
    });
    const moves = (await h.auditOf(record.id)).filter((event) => event.action === 'task.moved');
    expect(moves.map((event) => event.details?.dueDate)).toEqual(['2026-02-20']);
  });

  it('completes the task when the action is marked done in the plan, and a reopened action gets exactly one new task', async () => {
    // Prepare: the key worker's action, its task open
    const { record, actor, email } = await supported();
    const db = h.tables.db;
    const first = await writePlan(db, record, actor, planBody('2026-03-31'), h.now());
    await h.settle();
    const actionId = first.goals[0]!.actions[0]!.id;
    const [original] = await planTasks(record.id);
    const setStatus = async (status: 'done' | 'in-progress', revises: number) =>
      setActionStatus(db, await h.caseOf(record.id), actor, actionId, { status, revises }, h.now());

    // Act: marked done in the plan; then set back to in progress; then that write retried (the same
    // state) and two syncs racing; then the new task completed by the key worker, and reopened again
    await setStatus('done', 1);
    await h.settle();
    const afterDone = await planTasks(record.id);
    const before = (await h.emailsTo(email)).length;
    const reopened = await setStatus('in-progress', 2);
    await h.settle();
    const afterReopen = await planTasks(record.id);
    const chases = await h.executions('human-task');
    const retried = await setStatus('in-progress', 2);
    await Promise.all([
      syncPlanTasks(db, await h.caseOf(record.id), h.now().toISOString(), ACTOR),
      syncPlanTasks(db, await h.caseOf(record.id), h.now().toISOString(), ACTOR),
    ]);
    await h.settle();
    const afterRetry = await planTasks(record.id);
    const told = (await h.emailsTo(email))
      .slice(before)
      .filter((one) => one.subject.includes(record.reference));
    const second = afterRetry.find((one) => one.status === 'OPEN')!;
    await h.complete(second, h.staffActor(staff.workers[0]!), { note: 'Routine agreed.' });
    const afterSecondDone = (await readPlan(db, record.id, h.now())).plan!;
    await setStatus('in-progress', afterSecondDone.version);
    await h.settle();
    const third = await planTasks(record.id);

    // Assess: the first task completed (not cancelled) by the plan, its chase ended
    expect(afterDone.map((one) => [one.id, one.status, one.outcome])).toEqual([
      [original!.id, 'COMPLETED', { note: 'The action was marked done in the family plan.' }],
    ]);
    expect(
      (await h.executions('human-task')).find((one) => one.name === `plan-action-${original!.id}`),
    ).toMatchObject({ status: 'SUCCEEDED' });
    // reopened: exactly one new open task for the action, emailed, with its own chase
    expect(reopened.changed).toBe(true);
    const open = afterReopen.filter((one) => one.status === 'OPEN');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      planActionId: actionId,
      dueDate: '2026-03-31',
      owner: `worker:${actor.userId}`,
    });
    expect(open[0]!.id).not.toBe(original!.id);
    expect(chases.find((one) => one.name === `plan-action-${open[0]!.id}`)).toMatchObject({
      status: 'RUNNING',
    });
    // the retry and the racing syncs made nothing more
    expect(retried.changed).toBe(false);
    expect(afterRetry.map((one) => [one.id, one.status])).toEqual(
      afterReopen.map((one) => [one.id, one.status]),
    );
    expect(told.map((one) => one.subject.split(':')[0])).toEqual(['New task']);
    // completed through its task and reopened again: one more, the third round's
    expect(afterSecondDone.goals[0]!.actions[0]!.status).toBe('done');
    expect(third.map((one) => one.status).sort()).toEqual(['COMPLETED', 'COMPLETED', 'OPEN']);
    expectNoPersonalData(await h.emails(), h.tokensSeen);
  });

  it('makes the next TAF meeting a task, done when the next meeting is recorded', async () => {
    // Prepare
    const { record, actor, email } = await supported();
    await writePlan(h.tables.db, record, actor, planBody('2026-06-30'), h.now());
    const today = h.now().toISOString().slice(0, 10);
    const meeting = {
      attendees: [{ role: 'Key worker', agency: 'Supporting Families' }],
      familyPresent: true,
      decisions: 'Keep going.',
      actions: [],
    };
    // Act
    const held = await recordTafMeeting(
      h.tables.db,
      await h.caseOf(record.id),
      actor,
      { ...meeting, heldOn: today, nextMeetingOn: '2026-03-30' },
      h.now(),
    );
    await h.settle();
    const next = (await planTasks(record.id)).find((task) => task.tafMeetingId === held.id);
    await h.advanceTo('2026-03-30T12:00:00Z');
    await recordTafMeeting(
      h.tables.db,
      await h.caseOf(record.id),
      actor,
      { ...meeting, heldOn: '2026-03-30' },
      h.now(),
    );
    await h.settle();
    // Assess
    expect(next).toMatchObject({ status: 'OPEN', dueDate: '2026-03-30', owner: `worker:${actor.userId}` });
    expect(
      (await h.emailsTo(email)).some(
        (one) => one.subject === `Reminder: Family plan action: ${record.reference}`,
      ),
    ).toBe(true);
    const done = (await planTasks(record.id)).find((task) => task.id === next!.id);
    expect(done).toMatchObject({ status: 'COMPLETED', completedBy: 'journey' });
  });

  it('cancels the open plan tasks when the case is closed', async () => {
    // Prepare: a family in support with a key-worker action far ahead
    const { record, actor } = await supported();
    await writePlan(h.tables.db, record, actor, planBody('2026-12-31'), h.now());
    await h.settle();
    // Act: the review decides to close, and the key worker closes the case
    await h.advanceTo(`${record.support!.nextReviewDue}T12:00:00Z`);
    const today = h.now().toISOString().slice(0, 10);
    await h.complete(await h.openTask(record.id, 'review'), actor, review(today, 'close'));
    await h.complete(await h.openTask(record.id, 'closure'), actor, closure());
    // Assess
    expect((await h.caseOf(record.id)).status).toBe('CLOSED');
    const open = (await planTasks(record.id)).filter((task) => task.status === 'OPEN');
    expect(open).toEqual([]);
    expect((await planTasks(record.id)).map((task) => task.cancelReason)).toEqual(['case closed']);
  });

  it('ends the tasks of goals the review marks achieved or dropped at once, with no reminder', async () => {
    // Prepare: three goals, each with a key worker's action due long after the review
    const { record, actor, email } = await supported();
    const goalOf = (goal: string) => ({
      goal,
      needs: ['missing-education' as const],
      outcomes: ['good-education' as const],
      actions: [
        {
          what: `Agree the next step for: ${goal}`,
          owner: { kind: 'key-worker' as const },
          dueOn: '2026-12-31',
          status: 'not-started' as const,
        },
      ],
    });
    const plan = await writePlan(
      h.tables.db,
      record,
      actor,
      {
        summary: 'Three goals.',
        goals: [goalOf('Jay is at school'), goalOf('Rent is paid'), goalOf('Calmer evenings')],
        revises: 0,
      },
      h.now(),
    );
    await h.settle();
    const [achieved, dropped, carried] = plan.goals.map((goal) => goal.actions[0]!.id);
    await h.advanceTo(`${record.support!.nextReviewDue}T12:00:00Z`);
    const before = (await h.emailsTo(email)).length;
    const today = h.now().toISOString().slice(0, 10);
    const reviewTask = await h.openTask(record.id, 'review');
    const outcome = {
      ...review(today, 'continue'),
      goals: [
        { goalId: plan.goals[0]!.id, progress: 10, next: 'achieved' },
        { goalId: plan.goals[1]!.id, progress: 2, next: 'dropped' },
        { goalId: plan.goals[2]!.id, progress: 5, next: 'continue' },
      ],
    };
    // Act: the review completed (no clock moves, no wake-up of the plan tasks), then its completion retried
    await completeTask(h.tables.db, reviewTask.id, actor, outcome, h.now());
    const afterReview = await planTasks(record.id);
    await expect(completeTask(h.tables.db, reviewTask.id, actor, outcome, h.now())).rejects.toThrow();
    await h.settle();
    // Assess: the finished goals' tasks cancelled by the review's save, the carried goal's kept
    const byAction = new Map(afterReview.map((task) => [task.planActionId, task]));
    expect(byAction.get(achieved)).toMatchObject({
      status: 'CANCELLED',
      cancelReason: 'plan action finished',
    });
    expect(byAction.get(dropped)).toMatchObject({
      status: 'CANCELLED',
      cancelReason: 'plan action finished',
    });
    expect(byAction.get(carried)).toMatchObject({ status: 'OPEN' });
    expect(afterReview).toHaveLength(3);
    expect((await planTasks(record.id)).map((task) => [task.id, task.status])).toEqual(
      afterReview.map((task) => [task.id, task.status]),
    );
    const told = (await h.emailsTo(email)).slice(before).map((one) => one.subject.split(':')[0]);
    expect(told).not.toContain('Reminder');
    expectNoPersonalData(await h.emails(), h.tokensSeen);
  });

  it('renews a task’s chase in a fresh execution after 60 days, started by the chase itself', async () => {
    // Prepare: an action due in five months
    const { record, actor, email } = await supported();
    const start = h.now();
    await writePlan(h.tables.db, record, actor, planBody('2026-12-01'), h.now());
    await h.settle();
    const [task] = await planTasks(record.id);
    // Every wake-up of this task, with its answer
    const wakes: { now: string; action: string }[] = [];
    const hook = h.intercept('chase-task', async (event, next) => {
      const answer = (await next(event)) as { action: string };
      if ((event as { taskId: string }).taskId === task!.id) {
        wakes.push({ now: (event as { now: string }).now, action: answer.action });
      }
      return answer;
    });
    // Act: 61 days on, then on to the first reminder
    let renewed: Awaited<ReturnType<typeof h.executions>>;
    try {
      await h.advanceTo(new Date(start.getTime() + 61 * 86_400_000).toISOString());
      renewed = (await h.executions('human-task')).filter((one) =>
        one.name.startsWith(`plan-action-${task!.id}`),
      );
    } finally {
      hook.restore();
    }
    const before = (await h.emailsTo(email)).length;
    await h.advanceTo('2026-11-27T09:00:00Z');
    // Assess: the wake-up that renewed was the only one: the second generation, told what the first
    // just decided, went straight to its wait (nothing was due)
    expect(wakes).toEqual([{ now: expect.any(String), action: 'renew' }]);
    // The first generation ended, a second runs, and it still reminds the key worker
    expect(renewed.map((one) => one.status).sort()).toEqual(['RUNNING', 'SUCCEEDED']);
    expect(renewed.find((one) => one.status === 'RUNNING')!.name).toMatch(
      new RegExp(`^plan-action-${task!.id}-r\\d+$`),
    );
    expect(
      (await h.emailsTo(email))
        .slice(before)
        .filter((one) => one.subject.includes(record.reference))
        .map((one) => one.subject.split(':')[0]),
    ).toContain('Reminder');
    expect((await planTasks(record.id))[0]).toMatchObject({ id: task!.id, status: 'OPEN' });
  });

  it('moves the open plan tasks to the new key worker when the case is transferred', async () => {
    // Prepare: a second locality with room, and a family in support with a key-worker action
    const other = await h.staffLocality('melton', { workers: 1, capacity: 200 });
    const { record, actor } = await supported();
    await writePlan(h.tables.db, record, actor, planBody('2026-12-30'), h.now());
    await h.settle();
    const [task] = await planTasks(record.id);
    const to = other.workers[0]!;
    const before = (await h.emailsTo(to.email)).length;
    // Act
    await transferCase(
      h.tables.db,
      record.id,
      h.staffActor(staff.manager),
      { toLocality: 'melton' },
      h.now(),
    );
    await h.settle();
    // Assess: the same task, now the new key worker's, who is told; still chased by its execution
    const moved = (await planTasks(record.id)).find((one) => one.id === task!.id);
    expect(moved).toMatchObject({ status: 'OPEN', owner: `worker:${to.id}` });
    expect(
      (await h.emailsTo(to.email))
        .slice(before)
        .map((one) => one.subject)
        .filter((subject) => subject.includes(record.reference)),
    ).toContain(`New task: Family plan action: ${record.reference}`);
    const running = (await h.executions('human-task')).filter(
      (one) => one.name.startsWith(`plan-action-${task!.id}`) && one.status === 'RUNNING',
    );
    expect(running).toHaveLength(1);
  });

  it('completes the next meeting task also when the next meeting adds an action to the plan', async () => {
    // Prepare: a meeting with a next date, and a plan the next meeting adds an action to
    const { record, actor } = await supported();
    await writePlan(h.tables.db, record, actor, planBody('2026-06-30'), h.now());
    const today = h.now().toISOString().slice(0, 10);
    const meeting = {
      attendees: [{ role: 'Key worker', agency: 'Supporting Families' }],
      familyPresent: true,
      decisions: 'Keep going.',
      actions: [],
    };
    const held = await recordTafMeeting(
      h.tables.db,
      await h.caseOf(record.id),
      actor,
      { ...meeting, heldOn: today, nextMeetingOn: addDays(today, 14) },
      h.now(),
    );
    await h.settle();
    const next = (await planTasks(record.id)).find((task) => task.tafMeetingId === held.id);
    await h.advanceTo(`${addDays(today, 14)}T12:00:00Z`);
    const goalId = (await readPlan(h.tables.db, record.id, h.now())).plan!.goals[0]!.id;
    // Act: the next meeting agrees a key worker's action, so the plan and its tasks are synced first
    await recordTafMeeting(
      h.tables.db,
      await h.caseOf(record.id),
      actor,
      {
        ...meeting,
        heldOn: addDays(today, 14),
        actions: [
          { goalId, what: 'Call the school', owner: { kind: 'key-worker' }, dueOn: addDays(today, 35) },
        ],
      },
      h.now(),
    );
    await h.settle();
    // Assess: the earlier meeting's task is done, and the agreed action is a task of its own
    expect(next).toMatchObject({ status: 'OPEN', dueDate: addDays(today, 14) });
    const tasks = await planTasks(record.id);
    expect(tasks.find((task) => task.id === next!.id)).toMatchObject({
      status: 'COMPLETED',
      completedBy: 'journey',
    });
    expect(
      tasks.filter((task) => task.status === 'OPEN' && task.dueDate === addDays(today, 35)),
    ).toHaveLength(1);
  });

  it('completes a plan action task and marks its action done in one transaction, reading a plan changed meanwhile', async () => {
    // Prepare: a key-worker action with its task; another plan write lands between the completion's
    // read of the plan and its transaction (the family member's action recorded in progress)
    const { record, actor } = await supported();
    const plan = await writePlan(
      h.tables.db,
      record,
      actor,
      planBody(addDays(h.now().toISOString().slice(0, 10), 20)),
      h.now(),
    );
    await h.settle();
    const [task] = await planTasks(record.id);
    const [keyWorkerAction, familyAction] = plan.goals[0]!.actions;
    const transactions: Record<string, unknown>[][] = [];
    let raced = false;
    const send = async (command: unknown) => {
      const items = (command as Partial<TransactWriteCommand>).input?.TransactItems as
        | { Put?: { Item?: Record<string, unknown> } }[]
        | undefined;
      if (items) {
        const written = items.flatMap((item) => (item.Put?.Item ? [item.Put.Item] : []));
        if (!raced && written.some((item) => item.itemType === 'family-plan')) {
          raced = true;
          await setActionStatus(
            h.tables.db,
            record,
            actor,
            familyAction!.id,
            { status: 'in-progress', revises: plan.version },
            h.now(),
          );
        }
        transactions.push(written);
      }
      return h.tables.db.client.send(command as TransactWriteCommand);
    };
    const racing = dbThrough(h.tables.db, send);
    // Act
    await completeTask(racing, task!.id, actor, { note: 'Routine agreed.' }, h.now());
    await h.settle();
    // Assess: the first transaction lost to the plan write; the second completed the task and wrote
    // the plan's next version together; the plan has both changes, and nothing was written twice
    expect(raced).toBe(true);
    const kinds = transactions.map((written) => written.map((item) => item.itemType).sort());
    expect(kinds).toEqual([
      ['audit', 'audit', 'family-plan', 'task'],
      ['audit', 'audit', 'family-plan', 'task'],
    ]);
    const after = (await readPlan(h.tables.db, record.id, h.now())).plan!;
    expect(after.version).toBe(plan.version + 2);
    expect(after.goals[0]!.actions.map((one) => [one.id, one.status])).toEqual([
      [keyWorkerAction!.id, 'done'],
      [familyAction!.id, 'in-progress'],
      [plan.goals[0]!.actions[2]!.id, 'not-started'],
    ]);
    expect((await planTasks(record.id)).find((one) => one.id === task!.id)).toMatchObject({
      status: 'COMPLETED',
    });
    const completions = (await h.auditOf(record.id)).filter(
      (event) => event.action === 'task.completed' && event.taskId === task!.id,
    );
    expect(completions).toHaveLength(1);
  });
});
