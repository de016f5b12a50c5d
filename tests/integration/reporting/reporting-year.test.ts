import { CreateStateMachineCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEDULE_TIME_ZONE, SCHEDULES } from '../../../infra/schedules-manifest';
import {
  LocalScheduler,
  SCHEDULER_FUNCTION,
  SCHEDULER_STATE_MACHINE,
  schedulerDefinition,
} from '../../../local/scheduler';
import { localFunctionArn, stateMachineArn } from '../../../local/stack/environment';
import { londonDate } from '../../../shared/core/calendar';
import { getConfig } from '../../../shared/core/config';
import { metrics, tasks, workers } from '../../../shared/adapters/data';
import { listReportVersions } from '../../../shared/adapters/data/reports';
import { completeReportTask } from '../../../shared/domain/reporting/complete';
import type { Task, Worker } from '../../../shared/core/schemas';
import { type JourneyHarness, startJourneyHarness } from '../../support/journey-harness';

// A whole financial year of the reporting cycle on the engine's virtual clock: the local scheduler
// fires the cycle after each quarter end (Europe/London), each locality manager gets a quarterly
// report task, the annual report after Q4 and the annual conversation in November; reminders and
// escalation arrive on the right working days. Every locality has a manager who does the work; the
// assertions follow Charnwood's, day by day.

const ROLE_ARN = 'arn:aws:iam::123456789012:role/local';

// Each test runs a quarter of engine work on the virtual clock (7 s idle); one passed 60 s beside
// three busy workers. The limit guards against a hang, not against slowness.
describe('the reporting cycle across a financial year', { timeout: 180_000 }, () => {
  let h: JourneyHarness;
  const managers = new Map<string, Worker>();
  let head: Worker;
  /** messageId -> the virtual time the workflow step that sent it ran at. */
  const sentAt = new Map<string, string>();

  beforeAll(async () => {
    h = await startJourneyHarness({ startTime: '2026-06-30T12:00:00.000Z', label: 'reporting-year' });
    const now = h.now().toISOString();
    for (const locality of getConfig().localities) {
      managers.set(
        locality.id,
        await workers.createWorker(
          h.tables.db,
          {
            id: `lm-${locality.id}`,
            name: `Manager ${locality.name}`,
            email: `lm-${locality.id}@staff.sfw.example`,
            role: 'locality-manager',
            area: locality.id,
            active: true,
            capacity: 0,
          },
          now,
        ),
      );
    }
    head = await workers.createWorker(
      h.tables.db,
      {
        id: 'hos-county',
        name: 'Head of Service',
        email: 'hos@staff.sfw.example',
        role: 'head-of-service',
        area: 'county',
        active: true,
        capacity: 0,
      },
      now,
    );
    await metrics.incrementMetrics(h.tables.db, 'year-seed', [
      {
        scope: 'charnwood',
        period: '2026-27-Q1',
        increments: { 'referrals.source.partner': 4, 'assessments.completed': 5, 'assessments.onTime': 5 },
      },
    ]);
    // Stamp each email with the virtual time of the step that sent it.
    for (const name of ['open-report-task', 'chase-task']) {
      h.intercept(name, async (event, next) => {
        const before = new Set((await h.emails()).map((email) => email.messageId));
        const result = await next(event);
        for (const email of await h.emails()) {
          if (!before.has(email.messageId)) sentAt.set(email.messageId, (event as { now: string }).now);
        }
        return result;
      });
    }
    const schedule = SCHEDULES.find((entry) => entry.name === 'reporting-cycle')!;
    const scheduler = new LocalScheduler({
      schedules: [schedule],
      timeZone: SCHEDULE_TIME_ZONE,
      stateMachineArn,
      functionArn: localFunctionArn,
      sfn: () => h.sfn,
    });
    h.engine.registerLambda(SCHEDULER_FUNCTION, scheduler.fire);
    await h.sfn.send(
      new CreateStateMachineCommand({
        name: SCHEDULER_STATE_MACHINE,
        roleArn: ROLE_ARN,
        definition: schedulerDefinition({ functionArn: localFunctionArn }),
      }),
    );
    await scheduler.start(h.now());
  }, 120_000);
  afterAll(() => h?.close());

  async function periodTasks(period: string): Promise<Task[]> {
    return tasks.listTasksForPeriod(h.tables.db, period);
  }

  /** Completes every open task of a period and type, as its owner would. */
  async function completeAll(period: string, type: Task['type'], outcome: unknown, except: string[] = []) {
    for (const task of await periodTasks(period)) {
      if (task.type !== type || task.status !== 'OPEN' || except.includes(task.area)) continue;
      const owner = task.area === 'county' ? head : managers.get(task.area)!;
      await completeReportTask(h.tables.db, task.id, h.staffActor(owner), outcome, h.now());
    }
    await h.settle();
  }

  /** `London day kind` of each email to an address about a period, in the order sent. */
  async function mail(address: string, period: string): Promise<string[]> {
    return (await h.emailsTo(address))
      .filter((email) => email.subject.endsWith(`: ${period}`))
      .map((email) => `${londonDate(sentAt.get(email.messageId)!)} ${email.subject.split(':')[0]}`);
  }

  const report = { commentary: 'On track; nothing to add this quarter.' };

  it('opens a quarterly task per locality and the partnership just after 30 June, reminding on working days', async () => {
    // Act: the schedule fires at 00:30 BST on 1 July
    await h.advanceTo('2026-07-20T10:00:00.000Z');
    // Assess
    const q1 = await periodTasks('2026-27-Q1');
    expect(q1).toHaveLength(8);
    const charnwood = q1.find((task) => task.area === 'charnwood')!;
    expect(charnwood).toMatchObject({
      type: 'quarterly-report',
      owner: 'role:locality-manager:charnwood',
      dueDate: '2026-07-28',
      status: 'OPEN',
    });
    expect(q1.find((task) => task.area === 'county')!.owner).toBe('role:head-of-service:county');
    const [draft] = await listReportVersions(h.tables.db, 'charnwood', '2026-27-Q1');
    expect(draft!.metrics['referrals.received']).toEqual({ quarter: 4, yearToDate: 4 });
    // Completed on 20 July: after the first reminder (10 working days before the 28th), before the second.
    await completeAll('2026-27-Q1', 'quarterly-report', report);
    await h.advanceTo('2026-09-30T12:00:00.000Z');
    expect(await mail(managers.get('charnwood')!.email, '2026-27-Q1')).toEqual([
      '2026-07-01 New task',
      '2026-07-14 Reminder',
    ]);
    const versions = await listReportVersions(h.tables.db, 'charnwood', '2026-27-Q1');
    expect(versions.map((version) => [version.version, version.status])).toEqual([
      [1, 'draft'],
      [2, 'submitted'],
    ]);
    expect(versions[1]).toMatchObject({ commentary: report.commentary, submittedBy: 'lm-charnwood' });
  });

  it('escalates an overdue Q2 report the working day after it was due, across the end of BST', async () => {
    // Act: nobody in Charnwood submits by Wednesday 28 October; the others do on 20 October.
    await h.advanceTo('2026-10-20T10:00:00.000Z');
    await completeAll('2026-27-Q2', 'quarterly-report', report, ['charnwood']);
    await h.advanceTo('2026-11-02T08:00:00.000Z');
    // Assess: reminders on 14, 23 and 28 October (BST ended on the 25th); escalated on the 29th. Who
    // is told follows the journey's escalation chain (shared/domain/tasks/owners.ts).
    expect(await mail(managers.get('charnwood')!.email, '2026-27-Q2')).toEqual([
      '2026-10-01 New task',
      '2026-10-14 Reminder',
      '2026-10-23 Reminder',
      '2026-10-28 Reminder',
    ]);
    const q2 = (await periodTasks('2026-27-Q2')).find((task) => task.area === 'charnwood')!;
    expect(q2).toMatchObject({ status: 'OPEN', escalationLevel: 1 });
    // The escalation goes to the head of service, the day after the due date; nobody else overdue.
    expect((await mail(head.email, '2026-27-Q2')).filter((line) => line.endsWith('Overdue'))).toEqual([
      '2026-10-29 Overdue',
    ]);
    await completeAll('2026-27-Q2', 'quarterly-report', report);
  });

  it('opens the annual conversation on the first working day of November, and nothing twice on a re-run', async () => {
    // Act: the cycle for Q2 is started again by hand while the conversation is open
    await h.advanceTo('2026-11-10T12:00:00.000Z');
    await h.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: stateMachineArn('reporting-cycle'),
        name: 'rerun-2026-27-Q2',
        input: JSON.stringify({ quarter: '2026-27-Q2' }),
      }),
    );
    await h.advanceTo('2026-11-26T12:00:00.000Z');
    await completeAll('2026-27', 'annual-conversation', {
      heldOn: '2026-11-26',
      attendees: ['Locality manager', 'Head of Service'],
      notes: 'Annual conversation held.',
    });
    await h.advanceTo('2026-12-31T12:00:00.000Z');
    // Assess
    const conversations = (await periodTasks('2026-27')).filter(
      (task) => task.type === 'annual-conversation',
    );
    expect(conversations).toHaveLength(7);
    expect(conversations.find((task) => task.area === 'charnwood')).toMatchObject({
      dueDate: '2026-11-30',
      status: 'COMPLETED',
    });
    expect(await mail(managers.get('charnwood')!.email, '2026-27')).toEqual([
      '2026-11-02 New task',
      '2026-11-16 Reminder',
      '2026-11-25 Reminder',
    ]);
    expect(await periodTasks('2026-27-Q2')).toHaveLength(8);
    expect((await listReportVersions(h.tables.db, 'charnwood', '2026-27-Q2')).length).toBe(2);
  });

  it('runs Q3 in winter and Q4 with the annual report due before the 31 May bank holiday', async () => {
    await h.advanceTo('2027-01-28T10:00:00.000Z');
    await completeAll('2026-27-Q3', 'quarterly-report', report);
    await h.advanceTo('2027-04-27T10:00:00.000Z');
    await completeAll('2026-27-Q4', 'quarterly-report', report);
    await h.advanceTo('2027-05-20T10:00:00.000Z');
    // The annual report's content beyond the figures (seeds/002 §43): interventions prevented, case studies.
    await completeAll('2026-27', 'annual-report', {
      commentary: 'The year in review.',
      preventedEscalations: 'Two families kept out of care proceedings.',
      caseStudies: [{ title: 'Back to school', story: 'Attendance from 40% to 95% in two terms.' }],
    });
    await h.advanceTo('2027-06-30T12:00:00.000Z');
    // Assess: four quarterly tasks, one annual report and one conversation for Charnwood
    const charnwoodTasks: Task[] = [];
    for (const period of ['2026-27-Q1', '2026-27-Q2', '2026-27-Q3', '2026-27-Q4', '2026-27']) {
      charnwoodTasks.push(...(await periodTasks(period)).filter((task) => task.area === 'charnwood'));
    }
    expect(charnwoodTasks.map((task) => [task.type, task.period, task.dueDate, task.status]).sort()).toEqual(
      [
        ['annual-conversation', '2026-27', '2026-11-30', 'COMPLETED'],
        ['annual-report', '2026-27', '2027-05-28', 'COMPLETED'],
        ['quarterly-report', '2026-27-Q1', '2026-07-28', 'COMPLETED'],
        ['quarterly-report', '2026-27-Q2', '2026-10-28', 'COMPLETED'],
        ['quarterly-report', '2026-27-Q3', '2027-01-28', 'COMPLETED'],
        ['quarterly-report', '2026-27-Q4', '2027-04-28', 'COMPLETED'],
      ].sort(),
    );
    const manager = managers.get('charnwood')!.email;
    expect(await mail(manager, '2026-27-Q3')).toEqual([
      '2027-01-01 New task',
      '2027-01-14 Reminder',
      '2027-01-25 Reminder',
      '2027-01-28 Reminder',
    ]);
    expect(await mail(manager, '2026-27-Q4')).toEqual([
      '2027-04-01 New task',
      '2027-04-14 Reminder',
      '2027-04-23 Reminder',
    ]);
    expect((await mail(manager, '2026-27')).filter((line) => !line.startsWith('2026-11'))).toEqual([
      '2027-04-01 New task',
      '2027-05-14 Reminder',
    ]);
    const annual = await listReportVersions(h.tables.db, 'charnwood', '2026-27');
    expect(annual.map((version) => [version.kind, version.status])).toEqual([
      ['annual', 'draft'],
      ['annual', 'submitted'],
    ]);
    expect(annual[1]).toMatchObject({
      preventedEscalations: 'Two families kept out of care proceedings.',
      caseStudies: [{ title: 'Back to school', story: 'Attendance from 40% to 95% in two terms.' }],
    });
    const cycles = await h.executions('reporting-cycle');
    expect(cycles.map((cycle) => cycle.status)).not.toContain('FAILED');
    expect(cycles.filter((cycle) => cycle.status === 'RUNNING')).toEqual([]);
  });
});
