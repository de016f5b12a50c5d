import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../../shared/core/calendar';
import { getMetrics } from '../../../shared/adapters/data/metrics';
import { getWorker } from '../../../shared/adapters/data/workers';
import { TaskNotOpenError } from '../../../shared/adapters/data';
import { completeTask, extendSupport } from '../../../shared/domain/journey';
import {
  type JourneyHarness,
  PAGES_BASE_URL,
  type StaffSet,
  startJourneyHarness,
} from '../../support/journey-harness';
import { assessment, closure, consent, hub, review, screen } from '../../support/journey-outcomes';
import { expectNoPersonalData, toSupport } from '../../support/journey-steps';

// A referral all the way to closure through the real local engine, DynamoDB Local and local SES.

describe('the family journey, end to end', () => {
  let h: JourneyHarness;
  let staff: StaffSet;

  beforeAll(async () => {
    // Monday 5 January 2026, 09:00 (GMT).
    h = await startJourneyHarness({ startTime: '2026-01-05T09:00:00Z', label: 'journey-full' });
    staff = await h.staffLocality('charnwood', { workers: 2 });
  });
  afterAll(() => h?.close());

  it('goes from referral to closure after three reviews, with tasks, audit, counters and emails', async () => {
    // Prepare / Act: referral, screen and hub decision on the first day
    const referred = await h.refer();
    expect(referred).toMatchObject({
      status: 'SCREENING',
      reference: expect.stringMatching(/^SLF-2026-\d{5}$/),
    });
    const screenTask = await h.openTask(referred.id, 'safeguarding-screen');
    expect(screenTask).toMatchObject({ owner: 'role:duty-social-worker:county', dueDate: '2026-01-06' });
    await h.complete(screenTask, h.staffActor(staff.duty), screen.proceed());
    const hubTask = await h.openTask(referred.id, 'hub-decision');
    expect(hubTask).toMatchObject({ owner: 'role:hub-coordinator:charnwood', dueDate: '2026-01-12' });
    await h.complete(hubTask, h.staffActor(staff.hub), hub.familySupport('enhanced'));

    // Allocated at once (a worker had room); consent is the key worker's task
    const allocated = await h.caseOf(referred.id);
    expect(allocated).toMatchObject({ status: 'CONSENT', supportLevel: 'enhanced', allocatedWeight: 3 });
    const worker = staff.workers.find((candidate) => candidate.id === allocated.keyWorkerId)!;
    expect((await getWorker(h.tables.db, worker.id))?.load).toBe(3);
    const consentTask = await h.openTask(referred.id, 'consent');
    expect(consentTask).toMatchObject({ owner: `worker:${worker.id}`, dueDate: '2026-01-19' });

    await h.advanceTo('2026-01-07T10:00:00Z');
    await h.complete(consentTask, h.staffActor(worker), consent.given('2026-01-07'));
    const assessmentTask = await h.openTask(referred.id, 'assessment');
    // 45 working days from allocation on 5 January.
    expect(assessmentTask.dueDate).toBe('2026-03-09');

    await h.advanceTo('2026-02-02T10:00:00Z');
    await h.complete(assessmentTask, h.staffActor(worker), assessment('2026-02-02'));
    const supported = await h.caseOf(referred.id);
    expect(supported).toMatchObject({
      status: 'SUPPORT',
      assessment: { onTime: true, dueDate: '2026-03-09' },
      // Reviews and support's end count from allocation (5 January), not from the assessment
      support: {
        startedOn: '2026-02-02',
        reviewsFrom: '2026-01-05',
        endsOn: '2027-01-05',
        nextReviewDue: '2026-03-30',
      },
    });

    // Three review cycles, each in its own execution, every 12 weeks from allocation (seeds/001 §13):
    // the review task opens 10 working days early (before the third, the August bank holiday)
    const reviewDays = [
      {
        opens: '2026-03-16',
        due: '2026-03-30',
        completeAt: '2026-03-17T10:00:00Z',
        decision: 'continue' as const,
      },
      {
        opens: '2026-06-08',
        due: '2026-06-22',
        completeAt: '2026-06-09T10:00:00Z',
        decision: 'continue' as const,
      },
      {
        opens: '2026-08-28',
        due: '2026-09-14',
        completeAt: '2026-09-01T10:00:00Z',
        decision: 'close' as const,
      },
    ];
    for (const cycle of reviewDays) {
      await h.advanceTo(`${cycle.opens}T07:00:00Z`);
      expect((await h.tasksOf(referred.id)).filter((task) => task.status === 'OPEN')).toEqual([]);
      await h.advanceTo(cycle.completeAt);
      const reviewTask = await h.openTask(referred.id, 'review');
      expect(reviewTask.dueDate).toBe(cycle.due);
      await h.complete(
        reviewTask,
        h.staffActor(worker),
        review(cycle.completeAt.slice(0, 10), cycle.decision),
      );
    }
    const closureTask = await h.openTask(referred.id, 'closure');
    await h.advanceTo('2026-09-08T10:00:00Z');
    await h.complete(closureTask, h.staffActor(worker), closure());

    // Assess: the case
    const closed = await h.caseOf(referred.id);
    expect(closed).toMatchObject({
      status: 'CLOSED',
      reviewCount: 3,
      closure: { on: '2026-09-08', reason: 'plan-completed' },
      retainUntil: '2032-09-08',
    });
    expect(closed.keyWorkerId).toBeUndefined();
    expect((await getWorker(h.tables.db, worker.id))?.load).toBe(0);
    expect(closed.statusHistory.map((change) => change.status)).toEqual([
      'RECEIVED',
      'SCREENING',
      'HUB_DECISION',
      'ALLOCATED',
      'CONSENT',
      'ASSESSMENT',
      'SUPPORT',
      'CLOSED',
    ]);

    // Assess: tasks, all completed, none open
    const all = await h.tasksOf(referred.id);
    // (The first three opened in the same virtual millisecond, so compare them as a set.)
    expect(all.map((task) => task.type).sort()).toEqual(
      [
        'safeguarding-screen',
        'hub-decision',
        'consent',
        'assessment',
        'review',
        'review',
        'review',
        'closure',
      ].sort(),
    );
    expect(all.every((task) => task.status === 'COMPLETED')).toBe(true);

    // Assess: the token each completion answered stays on its task, dead: answering it again is AWS's
    // TaskTimedOut and changes nothing (the case, its audit and the executions below are as before)
    const leftover = all.flatMap((task) => (task.taskToken ? [task.taskToken] : []));
    expect(leftover).toHaveLength(all.length);
    const caseBefore = await h.caseOf(referred.id);
    const auditBefore = (await h.auditOf(referred.id)).length;
    const answerAgain = (taskToken: string) =>
      h.sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{}' }));
    for (const taskToken of leftover) {
      await expect(answerAgain(taskToken)).rejects.toMatchObject({ name: 'TaskTimedOut' });
    }
    // A retried completion answers its task's dead token the same way, then removes it
    const retry = completeTask(h.tables.db, closureTask.id, h.staffActor(worker), closure(), h.now());
    await expect(retry).rejects.toBeInstanceOf(TaskNotOpenError);
    await h.settle();
    expect(
      (await h.tasksOf(referred.id)).find((task) => task.id === closureTask.id)?.taskToken,
    ).toBeUndefined();
    expect(await h.caseOf(referred.id)).toEqual(caseBefore);
    expect(await h.auditOf(referred.id)).toHaveLength(auditBefore);

    // Assess: audit trail
    const actions = (await h.auditOf(referred.id)).map((event) => event.action);
    expect(actions[0]).toBe('case.created');
    expect(actions.filter((action) => action === 'task.completed')).toHaveLength(8);
    expect(actions.filter((action) => action === 'case.reviewed')).toHaveLength(3);
    expect(actions.filter((action) => action === 'case.status-changed')).toHaveLength(7);

    // Assess: counters for the locality in the quarters the changes happened
    const q4 = await getMetrics(h.tables.db, 'charnwood', '2025-26-Q4');
    expect(q4).toMatchObject({
      'referrals.received': 1,
      'referrals.source.partner': 1,
      'referrals.outcome.partner.allocated': 1,
      'families.engaged': 1,
      'assessments.completed': 1,
      'assessments.onTime': 1,
      'hub.decision.family-support': 1,
      'hub.support.enhanced': 1,
      'status.SUPPORT': 1,
    });
    const q2 = await getMetrics(h.tables.db, 'charnwood', '2026-27-Q2');
    expect(q2).toMatchObject({
      'reviews.held': 1,
      'reviews.onTime': 1,
      'status.CLOSED': 1,
      'closures.total': 1,
      'closures.reason.plan-completed': 1,
      'closures.outcome.some-needs-met': 1,
      'ended.partner.CLOSED': 1,
    });

    // Assess: emails: one per task to its owner, the referrer told the hub's outcome, nothing personal
    const emails = await h.emails();
    const newTasks = emails.filter((email) => email.subject.startsWith('New task:'));
    expect(newTasks.map((email) => email.subject.split(':')[1]!.trim())).toEqual([
      'Safeguarding screen',
      'Hub decision',
      'Record consent',
      'Single family assessment',
      'Review',
      'Review',
      'Review',
      'Close the case',
    ]);
    for (const email of newTasks) {
      expect(email.body.text).toMatch(new RegExp(`${PAGES_BASE_URL}/tasks/[0-9A-Z]{26}`));
      expect(email.subject).toContain(referred.reference);
    }
    expect((await h.emailsTo('sam.officer@police.example')).map((email) => email.body.text)).toEqual([
      expect.stringContaining('offered support'),
    ]);
    expectNoPersonalData(emails, h.tokensSeen);

    // Assess: executions: one per referral and per review cycle, one per task, all finished
    const journeys = await h.executions('journey');
    expect(journeys.map((execution) => execution.name).sort()).toEqual([
      referred.id,
      `${referred.id}-2`,
      `${referred.id}-3`,
      `${referred.id}-4`,
    ]);
    expect(journeys.every((execution) => execution.status === 'SUCCEEDED')).toBe(true);
    const children = await h.executions('human-task');
    expect(children).toHaveLength(8);
    expect(children.every((execution) => execution.status === 'SUCCEEDED')).toBe(true);
  });

  it('keeps a year-long enhanced case far under the history limit', async () => {
    // Prepare: enhanced support started on the day of referral's assessment
    const { record, worker } = await toSupport(h, staff, 'enhanced');
    // Act: every review continues, completed on its due day, until support has run its year
    let reviews = 0;
    for (;;) {
      const current = await h.caseOf(record.id);
      if (current.status !== 'SUPPORT' || reviews > 8) break;
      const open = (await h.tasksOf(record.id)).filter((task) => task.status === 'OPEN');
      if (open.some((task) => task.type === 'closure')) break;
      await h.advanceTo(`${current.support!.nextReviewDue}T12:00:00Z`);
      const reviewTask = await h.openTask(record.id, 'review');
      await h.complete(reviewTask, h.staffActor(worker), review(reviewTask.dueDate, 'continue'));
      reviews += 1;
    }
    const closureTask = await h.openTask(record.id, 'closure');
    await h.advanceTo(`${closureTask.dueDate}T12:00:00Z`);
    await h.complete(closureTask, h.staffActor(worker), closure('support-ended'));
    // Assess
    const closed = await h.caseOf(record.id);
    expect(closed.status).toBe('CLOSED');
    expect(reviews).toBe(4);
    const executions = [
      ...(await h.executions('journey')).filter((execution) => execution.name.startsWith(record.id)),
      ...(await h.executions('human-task')),
    ];
    const largest = Math.max(...executions.map((execution) => execution.events));
    expect(largest).toBeLessThan(250);
    expect(executions.filter((execution) => execution.status !== 'SUCCEEDED')).toEqual([]);
    // Reminders went out before each review was due, on the worker's address
    const reminders = (await h.emailsTo(worker.email)).filter((email) =>
      email.subject.startsWith('Reminder:'),
    );
    expect(reminders.length).toBeGreaterThanOrEqual(4);
  });

  it('lets a senior extend support, so a review that would have closed the case schedules another', async () => {
    // Prepare: standard support (three months): after its first review the case would go to closure
    const { record, worker } = await toSupport(h, staff, 'standard');
    const endsOn = record.support!.endsOn;
    const until = addMonths(record.support!.startedOn, 12);
    // Act: the worker may not extend; the senior does
    await expect(
      extendSupport(h.tables.db, record.id, h.staffActor(worker), { until }, h.now()),
    ).rejects.toThrow(/not allowed/);
    const extended = await extendSupport(
      h.tables.db,
      record.id,
      h.staffActor(staff.senior),
      { until },
      h.now(),
    );
    await h.advanceTo(`${record.support!.nextReviewDue}T12:00:00Z`);
    const reviewTask = await h.openTask(record.id, 'review');
    await h.complete(reviewTask, h.staffActor(worker), review(reviewTask.dueDate, 'continue'));
    // Assess
    expect(extended.supportEndsOn).toBe(until);
    const after = await h.caseOf(record.id);
    expect(after.support).toMatchObject({ endsOn: until, extendedBy: staff.senior.id });
    expect(after.support!.nextReviewDue! > endsOn).toBe(true);
    expect((await h.tasksOf(record.id)).filter((task) => task.status === 'OPEN')).toEqual([]);
    expect(
      (await h.auditOf(record.id)).find((event) => event.action === 'case.support-extended')?.details,
    ).toMatchObject({
      from: endsOn,
      until,
    });
  });
});
