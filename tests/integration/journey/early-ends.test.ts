import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase } from '../../../shared/adapters/data/cases';
import { getWorker } from '../../../shared/adapters/data/workers';
import { type JourneyHarness, type StaffSet, startJourneyHarness } from '../../support/journey-harness';
import { stepUpCase } from '../../../shared/domain/journey';
import { consent, hub, screen } from '../../support/journey-outcomes';
import { expectNoPersonalData, toConsent } from '../../support/journey-steps';
import { referral } from '../../support/records';

// Journeys that end before support: a step up at the screen, a redirect, no further action, and
// consent declined or never obtained.

describe('journeys that end early', () => {
  let h: JourneyHarness;
  let staff: StaffSet;

  beforeAll(async () => {
    // Monday 5 January 2026, 09:00.
    h = await startJourneyHarness({ startTime: '2026-01-05T09:00:00Z', label: 'journey-early' });
    staff = await h.staffLocality('charnwood', { workers: 3 });
  });
  afterAll(() => h?.close());

  it('steps up at the screen at once, telling the duty team and the referrer', async () => {
    // Prepare
    const referred = await h.refer({ immediateSafeguardingConcern: true });
    // Act
    await h.complete(
      await h.openTask(referred.id, 'safeguarding-screen'),
      h.staffActor(staff.duty),
      screen.stepUp(),
    );
    // Assess
    const ended = await h.caseOf(referred.id);
    expect(ended.status).toBe('STEPPED_UP');
    expect((await h.tasksOf(referred.id)).map((task) => [task.type, task.status])).toEqual([
      ['safeguarding-screen', 'COMPLETED'],
    ]);
    const audit = await h.auditOf(referred.id);
    expect(audit.find((event) => event.toStatus === 'STEPPED_UP')).toMatchObject({
      action: 'case.status-changed',
      fromStatus: 'SCREENING',
    });
    const duty = await h.emailsTo(staff.duty.email);
    expect(duty.map((email) => email.subject)).toContain(
      `Stepped up to children’s social care: ${ended.reference}`,
    );
    const referrer = await h.emailsTo('sam.officer@police.example');
    expect(referrer.at(-1)?.body.text).toContain('children’s social care');
    expectNoPersonalData([...duty, ...referrer], h.tokensSeen);
    const journey = (await h.executions('journey')).find((execution) => execution.name === referred.id);
    expect(journey?.status).toBe('SUCCEEDED');
  });

  it('steps a case up at any time: the open task is cancelled and the duty team told', async () => {
    // Prepare: waiting for the hub's decision
    const referred = await h.refer();
    await h.complete(
      await h.openTask(referred.id, 'safeguarding-screen'),
      h.staffActor(staff.duty),
      screen.proceed(),
    );
    const hubTask = await h.openTask(referred.id, 'hub-decision');
    // Act
    const result = await stepUpCase(
      h.tables.db,
      referred.id,
      h.staffActor(staff.senior),
      'New information from school.',
      h.now(),
    );
    await h.settle();
    // Assess
    expect(result.status).toBe('STEPPED_UP');
    expect((await h.tasksOf(referred.id)).find((task) => task.id === hubTask.id)).toMatchObject({
      status: 'CANCELLED',
      cancelReason: 'case stepped up',
    });
    expect((await h.emailsTo(staff.hub.email)).at(-1)?.subject).toBe(
      `No longer needed: Hub decision: ${referred.reference}`,
    );
    expect((await h.emailsTo(staff.duty.email)).at(-1)?.subject).toBe(
      `Stepped up to children’s social care: ${referred.reference}`,
    );
    expect((await h.executions('journey')).find((execution) => execution.name === referred.id)?.status).toBe(
      'SUCCEEDED',
    );
    await expect(
      stepUpCase(h.tables.db, referred.id, h.staffActor(staff.senior), 'again', h.now()),
    ).rejects.toThrow(/already ended/);
  });

  it.each([
    ['redirect', hub.redirect(), 'REDIRECTED', 'another early help service'],
    ['nfa', hub.nfa(), 'NFA', 'No further action'],
  ] as const)('ends at the hub with %s, telling the referrer', async (_, outcome, status, told) => {
    // Prepare
    const referred = await h.refer();
    await h.complete(
      await h.openTask(referred.id, 'safeguarding-screen'),
      h.staffActor(staff.duty),
      screen.proceed(),
    );
    const before = (await h.emailsTo('sam.officer@police.example')).length;
    // Act
    await h.complete(await h.openTask(referred.id, 'hub-decision'), h.staffActor(staff.hub), outcome);
    // Assess
    const ended = await h.caseOf(referred.id);
    expect(ended).toMatchObject({ status, endedAt: expect.any(String), retainUntil: '2032-01-05' });
    expect(ended.keyWorkerId).toBeUndefined();
    expect((await h.tasksOf(referred.id)).every((task) => task.status === 'COMPLETED')).toBe(true);
    expect((await h.auditOf(referred.id)).some((event) => event.toStatus === status)).toBe(true);
    const toReferrer = (await h.emailsTo('sam.officer@police.example')).slice(before);
    expect(toReferrer).toHaveLength(1);
    expect(toReferrer[0]!.subject).toBe(`Referral ${ended.reference}: outcome`);
    expect(toReferrer[0]!.body.text).toContain(told);
    expectNoPersonalData(toReferrer, h.tokensSeen);
  });

  it('closes the case when the family declines consent, freeing the worker', async () => {
    // Prepare
    const atConsent = await toConsent(h, staff);
    const worker = staff.workers.find((candidate) => candidate.id === atConsent.keyWorkerId)!;
    const loadBefore = (await getWorker(h.tables.db, worker.id))!.load;
    // Act
    await h.complete(
      await h.openTask(atConsent.id, 'consent'),
      h.staffActor(worker),
      consent.declined('2026-01-05'),
    );
    // Assess
    const closed = await h.caseOf(atConsent.id);
    expect(closed).toMatchObject({ status: 'CLOSED', closure: { reason: 'consent-not-given' } });
    expect((await getWorker(h.tables.db, worker.id))!.load).toBe(loadBefore - 3);
    expect((await h.tasksOf(atConsent.id)).map((task) => task.status)).not.toContain('OPEN');
    expect(
      (await h.auditOf(atConsent.id)).find((event) => event.toStatus === 'CLOSED')?.details,
    ).toMatchObject({
      decision: 'declined',
    });
  });

  it('closes the case when consent is never recorded: reminded, escalated, then timed out', async () => {
    // Prepare: consent opened Monday 5 January, due Monday 19 January
    const atConsent = await toConsent(h, staff);
    const worker = staff.workers.find((candidate) => candidate.id === atConsent.keyWorkerId)!;
    const task = await h.openTask(atConsent.id, 'consent');
    expect(task.dueDate).toBe('2026-01-19');
    // Act: still open the day before the timeout, closed the day after (5 working days after due)
    await h.advanceTo('2026-01-23T17:00:00Z');
    expect((await h.caseOf(atConsent.id)).status).toBe('CONSENT');
    await h.advanceTo('2026-01-26T09:30:00Z');
    // Assess
    const closed = await h.caseOf(atConsent.id);
    expect(closed).toMatchObject({
      status: 'CLOSED',
      closure: { reason: 'consent-not-given', on: '2026-01-26' },
    });
    expect(closed.keyWorkerId).toBeUndefined();
    expect((await h.tasksOf(atConsent.id)).find((any) => any.id === task.id)?.status).toBe('TIMED_OUT');
    const toWorker = (await h.emailsTo(worker.email)).filter((email) =>
      email.subject.includes(closed.reference),
    );
    expect(toWorker.map((email) => email.subject.split(':')[0])).toEqual([
      'New task',
      'Reminder',
      'Reminder',
      'Timed out',
    ]);
    expect((await h.emailsTo(staff.senior.email)).some((email) => email.subject.startsWith('Overdue'))).toBe(
      true,
    );
    expect((await h.emailsTo(staff.manager.email)).some((email) => email.subject.startsWith('Overdue'))).toBe(
      true,
    );
    const actions = (await h.auditOf(atConsent.id)).map((event) => event.action);
    expect(actions).toContain('task.timed-out');
    expect(actions.filter((action) => action === 'task.escalated')).toHaveLength(2);
  });

  it('runs a journey started with the first version of its input, { schemaVersion: 1, caseId }', async () => {
    // Prepare: a case and an execution started the way the first agreed interface did
    const record = await createCase(
      h.tables.db,
      { reference: 'SLF-2026-90001', referral: referral(), receivedAt: h.now().toISOString() },
      { actor: { type: 'system', id: 'test' } },
    );
    // Act
    await h.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: process.env.JOURNEY_STATE_MACHINE_ARN,
        name: record.id,
        input: JSON.stringify({ schemaVersion: 1, caseId: record.id }),
      }),
    );
    await h.settle();
    // Assess
    expect((await h.caseOf(record.id)).status).toBe('SCREENING');
    const screenTask = await h.openTask(record.id, 'safeguarding-screen');
    await h.complete(screenTask, h.staffActor(staff.duty), screen.proceed());
    expect((await h.caseOf(record.id)).status).toBe('HUB_DECISION');
  });
});
