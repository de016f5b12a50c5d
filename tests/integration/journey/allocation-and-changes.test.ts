import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMetrics } from '../../../shared/adapters/data/metrics';
import { getWorker } from '../../../shared/adapters/data/workers';
import { CapacityError, TaskNotOpenError } from '../../../shared/adapters/data';
import { completeTask, transferCase, withdrawCase } from '../../../shared/domain/journey';
import { type JourneyHarness, startJourneyHarness } from '../../support/journey-harness';
import { consent } from '../../support/journey-outcomes';
import { toAllocation, toAssessment } from '../../support/journey-steps';

// Capacity: the waiting list and its automatic allocation; and what can happen at any time:
// withdrawal and transfer, each cancelling the open task so nothing is left dangling.

describe('allocation, withdrawal and transfer', () => {
  let h: JourneyHarness;

  beforeAll(async () => {
    // Tuesday 3 February 2026, 09:00.
    h = await startJourneyHarness({ startTime: '2026-02-03T09:00:00Z', label: 'journey-alloc' });
  });
  afterAll(() => h?.close());

  it('puts a case on the waiting list and allocates it automatically, first come first served, when a case closes', async () => {
    // Prepare: Melton with one worker with room for one standard family
    const staff = await h.staffLocality('melton', { workers: 1, capacity: 3 });
    const worker = staff.workers[0]!;
    const toHub = () => toAllocation(h, staff);
    const first = await toHub();
    expect(first).toMatchObject({ status: 'CONSENT', keyWorkerId: worker.id });

    // Act: two more cases find no room
    const second = await toHub();
    const third = await toHub();
    // Assess: both wait, the locality manager has a task for each
    expect((await h.caseOf(second.id)).status).toBe('WAITING_LIST');
    expect((await h.caseOf(third.id)).status).toBe('WAITING_LIST');
    const allocationTask = await h.openTask(second.id, 'allocation');
    expect(allocationTask.owner).toBe(`role:locality-manager:melton`);
    expect((await h.emailsTo(staff.manager.email)).map((email) => email.subject)).toContain(
      `New task: Allocate a key worker: ${second.reference}`,
    );
    // A manager naming a worker without room is refused; the task stays open
    await expect(
      completeTask(
        h.tables.db,
        allocationTask.id,
        h.staffActor(staff.manager),
        { workerId: worker.id },
        h.now(),
      ),
    ).rejects.toBeInstanceOf(CapacityError);
    expect((await h.openTask(second.id, 'allocation')).status).toBe('OPEN');

    // Act: the first family declines consent; its place goes to the longest waiting
    await h.advanceTo('2026-02-05T10:00:00Z');
    await h.complete(
      await h.openTask(first.id, 'consent'),
      h.staffActor(worker),
      consent.declined('2026-02-05'),
    );

    // Assess
    expect((await h.caseOf(first.id)).status).toBe('CLOSED');
    const allocated = await h.caseOf(second.id);
    expect(allocated).toMatchObject({ status: 'CONSENT', keyWorkerId: worker.id });
    expect(allocated.waitingSince).toBeUndefined();
    expect((await h.tasksOf(second.id)).find((task) => task.type === 'allocation')).toMatchObject({
      status: 'COMPLETED',
      completedBy: 'journey',
      outcome: { workerId: worker.id },
    });
    expect((await h.openTask(second.id, 'consent')).owner).toBe(`worker:${worker.id}`);
    expect((await h.caseOf(third.id)).status).toBe('WAITING_LIST');
    expect((await getWorker(h.tables.db, worker.id))!.load).toBe(3);
    const counters = await getMetrics(h.tables.db, 'melton', '2025-26-Q4');
    expect(counters).toMatchObject({
      'waitingList.joined': 2,
      'waitingList.left': 1,
      'waitingList.daysWaited': 2,
    });
    expect((await h.auditOf(second.id)).map((event) => event.toStatus)).toEqual(
      expect.arrayContaining(['WAITING_LIST', 'ALLOCATED', 'CONSENT']),
    );
  });

  it('withdraws a case mid-assessment: the task is cancelled, its owner told, the place freed', async () => {
    // Prepare
    const staff = await h.staffLocality('blaby', { workers: 1 });
    const { record, worker } = await toAssessment(h, staff);
    const task = await h.openTask(record.id, 'assessment');
    // Act
    const result = await withdrawCase(
      h.tables.db,
      record.id,
      { kind: 'partner', partnerId: 'demo-police' },
      'The family moved away.',
      h.now(),
    );
    await h.settle();
    // Assess
    expect(result.status).toBe('WITHDRAWN');
    const withdrawn = await h.caseOf(record.id);
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', closure: { reason: 'withdrawn' } });
    expect((await h.tasksOf(record.id)).find((any) => any.id === task.id)).toMatchObject({
      status: 'CANCELLED',
      cancelReason: 'case withdrawn',
    });
    expect(await h.tasksOf(record.id).then((all) => all.filter((any) => any.status === 'OPEN'))).toEqual([]);
    expect((await getWorker(h.tables.db, worker.id))!.load).toBe(0);
    expect((await h.emailsTo(worker.email)).at(-1)?.subject).toBe(
      `No longer needed: Single family assessment: ${record.reference}`,
    );
    expect((await h.auditOf(record.id)).map((event) => event.action)).toEqual(
      expect.arrayContaining(['task.cancelled', 'case.status-changed']),
    );
    const children = await h.executions('human-task');
    expect(
      children.every((execution) => execution.status !== 'RUNNING' || !execution.name.startsWith(task.id)),
    ).toBe(true);
    const journey = (await h.executions('journey')).find((execution) => execution.name === record.id);
    expect(journey?.status).toBe('SUCCEEDED');
    // A completion after the cancel is answered "already cancelled" and changes nothing
    await expect(
      completeTask(h.tables.db, task.id, h.staffActor(worker), {}, h.now()),
    ).rejects.toBeInstanceOf(TaskNotOpenError);
    expect((await h.caseOf(record.id)).status).toBe('WITHDRAWN');
  });

  it('transfers a case to another locality: the worker there takes it and gets the task', async () => {
    // Prepare: a case at consent in Harborough; room in Oadby & Wigston
    const harborough = await h.staffLocality('harborough', { workers: 1 });
    const oadby = await h.staffLocality('oadby-wigston', { workers: 1 });
    const referred = await toAllocation(h, harborough);
    const oldTask = await h.openTask(referred.id, 'consent');
    const from = harborough.workers[0]!;
    const to = oadby.workers[0]!;
    // Act
    const moved = await transferCase(
      h.tables.db,
      referred.id,
      h.staffActor(harborough.manager),
      { toLocality: 'oadby-wigston' },
      h.now(),
    );
    await h.settle();
    // Assess: the case, the capacity, and the task now with the new worker
    expect(moved).toMatchObject({ locality: 'oadby-wigston', keyWorkerId: to.id, status: 'CONSENT' });
    expect((await getWorker(h.tables.db, from.id))!.load).toBe(0);
    expect((await getWorker(h.tables.db, to.id))!.load).toBe(3);
    expect((await h.tasksOf(referred.id)).find((task) => task.id === oldTask.id)?.status).toBe('CANCELLED');
    const newTask = await h.openTask(referred.id, 'consent');
    expect(newTask).toMatchObject({ owner: `worker:${to.id}`, area: 'oadby-wigston' });
    expect((await h.emailsTo(from.email)).at(-1)?.subject).toMatch(/^No longer needed: /);
    expect((await h.emailsTo(to.email)).at(-1)?.subject).toMatch(/^New task: Record consent/);
    expect(
      (await h.auditOf(referred.id)).find((event) => event.action === 'case.transferred')?.details,
    ).toMatchObject({
      fromLocality: 'harborough',
      toLocality: 'oadby-wigston',
    });
    // The journey goes on with the new worker
    await h.complete(newTask, h.staffActor(to), consent.given(h.now().toISOString().slice(0, 10)));
    expect((await h.caseOf(referred.id)).status).toBe('ASSESSMENT');
    expect((await h.openTask(referred.id, 'assessment')).owner).toBe(`worker:${to.id}`);
  });

  it('transfers a waiting case to a locality with room, where it is allocated at once', async () => {
    // Prepare: Charnwood has no family support worker at all, Hinckley & Bosworth has room
    const charnwood = await h.staffLocality('charnwood', { workers: 0 });
    const hinckley = await h.staffLocality('hinckley-bosworth', { workers: 1 });
    const referred = await toAllocation(h, charnwood);
    const waitingTask = await h.openTask(referred.id, 'allocation');
    expect((await h.caseOf(referred.id)).status).toBe('WAITING_LIST');
    // Act
    await transferCase(
      h.tables.db,
      referred.id,
      h.staffActor(charnwood.manager),
      { toLocality: 'hinckley-bosworth' },
      h.now(),
    );
    await h.settle();
    // Assess
    const moved = await h.caseOf(referred.id);
    expect(moved).toMatchObject({
      locality: 'hinckley-bosworth',
      status: 'CONSENT',
      keyWorkerId: hinckley.workers[0]!.id,
    });
    expect((await h.tasksOf(referred.id)).find((task) => task.id === waitingTask.id)?.status).toBe(
      'CANCELLED',
    );
    expect((await h.openTask(referred.id, 'consent')).owner).toBe(`worker:${hinckley.workers[0]!.id}`);
    expect((await h.emailsTo(charnwood.manager.email)).at(-1)?.subject).toMatch(
      /^No longer needed: Allocate a key worker/,
    );
  });

  it("stops chasing a waiting family's allocation after the last escalation, and still allocates it when a place comes", async () => {
    // Prepare: North West Leicestershire has no worker yet; the family waits
    const nwl = await h.staffLocality('north-west-leicestershire', { workers: 0 });
    const referred = await toAllocation(h, nwl);
    const waiting = await h.openTask(referred.id, 'allocation');
    const aboutIt = async () =>
      (await h.emails()).filter((email) => email.subject.endsWith(referred.reference)).length;
    // Act: past the due date's reminders and both escalations (a week after it is due)
    const due = Date.parse(`${waiting.dueDate}T12:00:00Z`);
    await h.advanceTo(new Date(due + 7 * 86_400_000).toISOString());
    const chased = await aboutIt();
    expect(
      await h.tasksOf(referred.id).then((all) => all.find((task) => task.id === waiting.id)),
    ).toMatchObject({
      status: 'OPEN',
      escalationLevel: 2,
    });
    // ... then ten more weeks, past the wait's 60-day renewal
    await h.advanceTo(new Date(due + 77 * 86_400_000).toISOString());
    // Assess: not one more email about this family, the task still open, the case still waiting
    expect(await aboutIt()).toBe(chased);
    expect((await h.caseOf(referred.id)).status).toBe('WAITING_LIST');
    expect((await h.openTask(referred.id, 'allocation')).id).toBe(waiting.id);
    // A worker joins and the manager allocates: the journey goes on at once
    const joined = await h.staffLocality('north-west-leicestershire', { workers: 1 });
    await h.complete(waiting, h.staffActor(nwl.manager), { workerId: joined.workers[0]!.id });
    expect(await h.caseOf(referred.id)).toMatchObject({
      status: 'CONSENT',
      keyWorkerId: joined.workers[0]!.id,
    });
  });
});
