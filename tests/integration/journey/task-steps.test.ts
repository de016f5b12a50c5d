import { GetCommand, type TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../shared/adapters/data';
import { updateCase } from '../../../shared/adapters/data/cases';
import { getTask, moveTask } from '../../../shared/adapters/data/tasks';
import { getWorker } from '../../../shared/adapters/data/workers';
import { SYSTEM_ACTOR } from '../../../shared/core/schemas';
import { parseOrThrow } from '../../../shared/core/schemas/errors';
import { completeTask, withdrawCase } from '../../../shared/domain/journey';
import { cancelOne } from '../../../shared/domain/tasks/cancel';
import { allocateStage, openStageTask } from '../../../shared/domain/journey/stages';
import { journeyPayloadSchema } from '../../../shared/domain/journey/state';
import { type JourneyHarness, type StaffSet, startJourneyHarness } from '../../support/journey-harness';
import { consent, hub, screen } from '../../support/journey-outcomes';
import { dbThrough } from '../../support/db-through';

// The journey's steps around a task, idempotent without Powertools records: open-task meeting a
// withdrawal that races the task's creation, and open-task, record-task-outcome and allocate-case run
// again after their answer was lost (Step Functions' retry).

/** A Db whose client runs `before` once, just before the first transaction that creates a task of `caseId`. */
/** Every call of the step loses its first answer after the step has done its work (a Lambda whose reply never arrived). */
function loseFirstAnswers(h: JourneyHarness, step: string) {
  const lost = new Set<string>();
  const hook = h.intercept(step, async (event, next) => {
    const answer = await next(event);
    const key = JSON.stringify(event);
    if (!lost.has(key)) {
      lost.add(key);
      throw Object.assign(new Error('the answer was lost'), { name: 'Lambda.ServiceException' });
    }
    return answer;
  });
  return { lost, hook };
}

function racingDb(db: Db, caseId: string, before: () => Promise<void>): Db & { raced(): boolean } {
  let raced = false;
  const send = (command: unknown) => {
    const input = (command as Partial<TransactWriteCommand>).input as
      | { TransactItems?: { Put?: { Item?: Record<string, unknown> } }[] }
      | undefined;
    const createsTask = input?.TransactItems?.some(
      (item) => item.Put?.Item?.itemType === 'task' && item.Put.Item.caseId === caseId,
    );
    if (!createsTask || raced) return db.client.send(command as TransactWriteCommand);
    raced = true;
    return before().then(() => db.client.send(command as TransactWriteCommand));
  };
  return { ...dbThrough(db, send), raced: () => raced };
}

describe('the steps that open a task and record its outcome', () => {
  let h: JourneyHarness;
  let staff: StaffSet;

  beforeAll(async () => {
    // Monday 5 January 2026, 09:00.
    h = await startJourneyHarness({ startTime: '2026-01-05T09:00:00Z', label: 'journey-open' });
    staff = await h.staffLocality('charnwood', { workers: 2 });
  });
  afterAll(() => h?.close());

  async function newTaskEmails(reference: string): Promise<Record<string, number>> {
    const sent: Record<string, number> = {};
    for (const email of await h.emails()) {
      if (!email.subject.startsWith('New task') || !email.subject.endsWith(reference)) continue;
      const to = email.destination.to[0]!;
      sent[to] = (sent[to] ?? 0) + 1;
    }
    return sent;
  }

  it('creates no task when the case is withdrawn between reading it and creating the task', async () => {
    // Prepare: the screen's open-task step meets a withdrawal just before its creating transaction
    const caseIds: string[] = [];
    let staged: ReturnType<typeof racingDb> | undefined;
    const hook = h.intercept('open-task', async (event) => {
      const payload = parseOrThrow(journeyPayloadSchema, event);
      const caseId = (payload.journey as { caseId: string }).caseId;
      caseIds.push(caseId);
      staged = racingDb(h.tables.db, caseId, async () => {
        await withdrawCase(
          h.tables.db,
          caseId,
          { kind: 'partner', partnerId: 'demo-police' },
          'The family moved away.',
          payload.now,
        );
      });
      return openStageTask(payload, staged);
    });
    // Act
    let referred: Awaited<ReturnType<JourneyHarness['refer']>>;
    try {
      referred = await h.refer({ locality: 'charnwood' });
    } finally {
      hook.restore();
    }
    // Assess: the race happened; no task was created (none to cancel), nobody was told of one
    expect(caseIds).toEqual([referred.id]);
    expect(staged?.raced()).toBe(true);
    expect(await h.caseOf(referred.id)).toMatchObject({ status: 'WITHDRAWN' });
    expect(await h.tasksOf(referred.id)).toEqual([]);
    expect((await h.auditOf(referred.id)).map((event) => event.action)).not.toContain('task.created');
    expect(await newTaskEmails(referred.reference)).toEqual({});
    const journeys = await h.executions('journey');
    expect(journeys.filter((execution) => execution.name.includes(referred.id))).toEqual([
      expect.objectContaining({ status: 'SUCCEEDED' }),
    ]);
  });

  it('retries a step whose answer was lost: one task, its owner told once, the journey going on', async () => {
    // Prepare: every open-task step's first answer is lost after it has done its work
    const { lost, hook } = loseFirstAnswers(h, 'open-task');
    // Act: referred, then past the retries' waits
    let referred: Awaited<ReturnType<JourneyHarness['refer']>>;
    try {
      referred = await h.refer({ locality: 'charnwood' });
      await h.advanceTo(new Date(h.now().getTime() + 5 * 60_000).toISOString());
    } finally {
      hook.restore();
    }
    // Assess: the step ran twice, yet one screen task is open and each of its owners was told once
    expect(lost.size).toBe(1);
    expect((await h.tasksOf(referred.id)).map((task) => [task.type, task.status])).toEqual([
      ['safeguarding-screen', 'OPEN'],
    ]);
    const told = await newTaskEmails(referred.reference);
    expect(Object.keys(told)).toContain(staff.duty.email);
    expect(Object.values(told).every((count) => count === 1)).toBe(true);
    expect(await h.caseOf(referred.id)).toMatchObject({ status: 'SCREENING' });
    // and the child execution waits on it as on any task: the screen completes and the hub task opens
    const screenTask = await h.openTask(referred.id, 'safeguarding-screen');
    await h.complete(screenTask, h.staffActor(staff.duty), screen.proceed());
    expect(await h.openTask(referred.id, 'hub-decision')).toMatchObject({ status: 'OPEN' });
  });
  it('retries record-task-outcome whose answer was lost: each outcome applied once, the referrer told once', async () => {
    // Prepare: two families at the hub; every record-task-outcome's first answer is lost after its work
    const supported = await h.refer({ locality: 'charnwood' });
    const ended = await h.refer({ locality: 'charnwood' });
    for (const referred of [supported, ended]) {
      await h.complete(
        await h.openTask(referred.id, 'safeguarding-screen'),
        h.staffActor(staff.duty),
        screen.proceed(),
      );
    }
    const referrer = 'sam.officer@police.example';
    const toldBefore = async (reference: string) =>
      (await h.emailsTo(referrer)).filter((email) => email.subject.includes(reference)).length;
    const before = {
      supported: await toldBefore(supported.reference),
      ended: await toldBefore(ended.reference),
    };
    const { lost, hook } = loseFirstAnswers(h, 'record-task-outcome');
    // Act: the hub decides both; the supported family's consent is given
    try {
      await h.complete(
        await h.openTask(supported.id, 'hub-decision'),
        h.staffActor(staff.hub),
        hub.familySupport(),
      );
      await h.complete(await h.openTask(ended.id, 'hub-decision'), h.staffActor(staff.hub), hub.nfa());
      await h.advanceTo(new Date(h.now().getTime() + 5 * 60_000).toISOString());
      await h.complete(
        await h.openTask(supported.id, 'consent'),
        h.staffActor(staff.workers[0]!),
        consent.given(h.now().toISOString().slice(0, 10)),
      );
      await h.advanceTo(new Date(h.now().getTime() + 5 * 60_000).toISOString());
    } finally {
      hook.restore();
    }
    // Assess: each step ran twice; each outcome was applied once, the referrer told once, the journeys went on
    expect(lost.size).toBeGreaterThanOrEqual(3);
    expect(await toldBefore(supported.reference)).toBe(before.supported + 1);
    expect(await toldBefore(ended.reference)).toBe(before.ended + 1);
    expect(await h.caseOf(ended.id)).toMatchObject({ status: 'NFA' });
    expect(await h.caseOf(supported.id)).toMatchObject({ status: 'ASSESSMENT' });
    expect(await h.openTask(supported.id, 'assessment')).toMatchObject({ status: 'OPEN' });
    const actions = (await h.auditOf(supported.id)).map((event) => event.action);
    expect(actions.filter((action) => action === 'case.updated')).toHaveLength(1);
    expect((await h.tasksOf(supported.id)).map((task) => task.type)).toEqual([
      'safeguarding-screen',
      'hub-decision',
      'consent',
      'assessment',
    ]);
  });

  it('retries allocate-case whose answer was lost: allocated once or listed once, the journey going on', async () => {
    // Prepare: a locality with room for one family (a weight of 3), and two families at its hub
    const melton = await h.staffLocality('melton', { workers: 1, capacity: 3 });
    const worker = melton.workers[0]!;
    const first = await h.refer({ locality: 'melton' });
    const second = await h.refer({ locality: 'melton' });
    for (const referred of [first, second]) {
      await h.complete(
        await h.openTask(referred.id, 'safeguarding-screen'),
        h.staffActor(melton.duty),
        screen.proceed(),
      );
    }
    const runs = new Map<string, number>();
    const hook = h.intercept('allocate-case', async (event, next) => {
      const key = JSON.stringify(event);
      runs.set(key, (runs.get(key) ?? 0) + 1);
      const answer = await next(event);
      if (runs.get(key) === 1)
        throw Object.assign(new Error('the answer was lost'), { name: 'Lambda.ServiceException' });
      return answer;
    });
    // Act: the hub supports both; each allocation step's first answer is lost after its work
    try {
      for (const referred of [first, second]) {
        await h.complete(
          await h.openTask(referred.id, 'hub-decision'),
          h.staffActor(melton.hub),
          hub.familySupport(),
        );
        await h.advanceTo(new Date(h.now().getTime() + 5 * 60_000).toISOString());
      }
    } finally {
      hook.restore();
    }
    // Assess: each step's work ran twice, yet the first family was allocated once (the worker's load
    // counted once) and went on to consent; the second joined the waiting list once, with one task
    expect([...runs.values()]).toEqual([2, 2]);
    expect(await h.caseOf(first.id)).toMatchObject({ status: 'CONSENT', keyWorkerId: worker.id });
    expect((await getWorker(h.tables.db, worker.id))!.load).toBe((await h.caseOf(first.id)).allocatedWeight);
    expect(await h.openTask(first.id, 'consent')).toMatchObject({ status: 'OPEN' });
    const allocations = (await h.auditOf(first.id)).filter(
      (event) => event.action === 'case.allocated' || event.details?.action === 'case.allocated',
    );
    expect(allocations).toHaveLength(1);
    expect(await h.caseOf(second.id)).toMatchObject({ status: 'WAITING_LIST' });
    expect((await h.caseOf(second.id)).keyWorkerId).toBeUndefined();
    const listed = (await h.auditOf(second.id)).filter((event) => event.toStatus === 'WAITING_LIST');
    expect(listed).toHaveLength(1);
    expect((await h.tasksOf(second.id)).filter((task) => task.type === 'allocation')).toHaveLength(1);
  });
  it('lists a family on the waiting list from the case the allocation step read, reading it again only after a writer', async () => {
    // Prepare: a locality with room for one family, which the first takes; two more families at its hub,
    // their allocation steps run through a client that notes each read of their case
    const blaby = await h.staffLocality('blaby', { workers: 1, capacity: 3 });
    const families = [];
    for (let index = 0; index < 3; index += 1) families.push(await h.refer({ locality: 'blaby' }));
    const caseReads = new Map<string, number>();
    let beforeListing: ((caseId: string) => Promise<void>) | undefined;
    const send = async (command: unknown) => {
      const pk = String((command as Partial<GetCommand>).input?.Key?.pk ?? '');
      if (command instanceof GetCommand && pk.startsWith('CASE#')) {
        caseReads.set(pk.slice(5), (caseReads.get(pk.slice(5)) ?? 0) + 1);
      }
      const input = (command as Partial<TransactWriteCommand>).input as
        | {
            TransactItems?: {
              Update?: { Key?: Record<string, unknown> };
              Put?: { Item?: Record<string, unknown> };
            }[];
          }
        | undefined;
      const listing = input?.TransactItems?.some((item) => item.Put?.Item?.status === 'WAITING_LIST');
      const caseId = input?.TransactItems?.map((item) => item.Put?.Item?.id).find(
        (id) => typeof id === 'string',
      );
      if (listing && beforeListing && typeof caseId === 'string') {
        const racing = beforeListing;
        beforeListing = undefined;
        await racing(caseId);
      }
      return h.tables.db.client.send(command as GetCommand);
    };
    const counted = dbThrough(h.tables.db, send);
    const hook = h.intercept('allocate-case', (event) =>
      allocateStage(parseOrThrow(journeyPayloadSchema, event), counted),
    );
    try {
      for (const [index, referred] of families.entries()) {
        // The third family's listing meets a writer that changed its case after the step read it
        if (index === 2) {
          beforeListing = async (caseId) => {
            const current = await h.caseOf(caseId);
            await updateCase(h.tables.db, {
              id: caseId,
              expectedVersion: current.version,
              now: h.now().toISOString(),
              actor: SYSTEM_ACTOR,
            });
          };
        }
        // Act: screened and supported, each family's allocation step runs
        await h.complete(
          await h.openTask(referred.id, 'safeguarding-screen'),
          h.staffActor(blaby.duty),
          screen.proceed(),
        );
        await h.complete(
          await h.openTask(referred.id, 'hub-decision'),
          h.staffActor(blaby.hub),
          hub.familySupport(),
        );
        await h.advanceTo(new Date(h.now().getTime() + 5 * 60_000).toISOString());
      }
    } finally {
      hook.restore();
    }
    // Assess: the first allocated; the second listed on its one read; the third listed after one more
    // read (its first listing lost to the writer), each with one allocation task and one listing
    const [first, second, third] = families.map((one) => one.id) as [string, string, string];
    expect(await h.caseOf(first)).toMatchObject({ status: 'CONSENT' });
    for (const id of [second, third]) {
      expect(await h.caseOf(id)).toMatchObject({ status: 'WAITING_LIST' });
      expect((await h.auditOf(id)).filter((event) => event.toStatus === 'WAITING_LIST')).toHaveLength(1);
      expect((await h.tasksOf(id)).filter((task) => task.type === 'allocation')).toHaveLength(1);
    }
    expect(caseReads.get(second)).toBe(1);
    expect(caseReads.get(third)).toBe(2);
  });

  it('completes and cancels a task from the read its caller made, reading it again only after a writer', async () => {
    // Prepare: three families at the screen; their steps run through a client that counts task reads
    const families = [];
    for (let index = 0; index < 3; index += 1) families.push(await h.refer({ locality: 'charnwood' }));
    const opened = [];
    for (const family of families) opened.push(await h.openTask(family.id, 'safeguarding-screen'));
    const taskReads = new Map<string, number>();
    const send = (command: unknown) => {
      const pk = String((command as Partial<GetCommand>).input?.Key?.pk ?? '');
      if (command instanceof GetCommand && pk.startsWith('TASK#')) {
        taskReads.set(pk.slice(5), (taskReads.get(pk.slice(5)) ?? 0) + 1);
      }
      return h.tables.db.client.send(command as GetCommand);
    };
    const counted = dbThrough(h.tables.db, send);
    // The task as a caller read it (the HTTP handler, before it completes the task)
    const [first, second, third] = await Promise.all(opened.map((task) => getTask(h.tables.db, task.id)));
    // The third's due date moves after that read (a writer the stale read does not know of)
    await moveTask(h.tables.db, third!.id, {
      dueDate: '2026-01-09',
      now: h.now().toISOString(),
      actor: SYSTEM_ACTOR,
    });

    // Act: the first completed from its read, the second's case withdrawn (its task cancelled from the
    // list the withdrawal made), the third cancelled from its stale read
    await completeTask(counted, first!.id, h.staffActor(staff.duty), screen.proceed(), h.now(), first);
    await withdrawCase(
      counted,
      families[1]!.id,
      { kind: 'partner', partnerId: 'demo-police' },
      'Moved away.',
      h.now(),
    );
    await cancelOne(counted, third!.id, {
      actor: SYSTEM_ACTOR,
      reason: 'test',
      now: h.now().toISOString(),
      known: third,
    });
    await h.settle();

    // Assess: no read of the first two; the third read once, after its condition failed
    expect([taskReads.get(first!.id), taskReads.get(second!.id), taskReads.get(third!.id)]).toEqual([
      undefined,
      undefined,
      1,
    ]);
    expect((await getTask(h.tables.db, first!.id))?.status).toBe('COMPLETED');
    expect(await h.openTask(families[0]!.id, 'hub-decision')).toMatchObject({ status: 'OPEN' });
    expect((await getTask(h.tables.db, second!.id))?.status).toBe('CANCELLED');
    expect(await getTask(h.tables.db, third!.id)).toMatchObject({
      status: 'CANCELLED',
      dueDate: '2026-01-09',
    });
    for (const [index, task] of [first, second, third].entries()) {
      const ended = (await h.auditOf(families[index]!.id)).filter(
        (event) => event.taskId === task!.id && ['task.completed', 'task.cancelled'].includes(event.action),
      );
      expect(ended).toHaveLength(1);
    }
  });
});
