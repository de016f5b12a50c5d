import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allocateCase,
  allocateInLocality,
  CapacityError,
  releaseCase,
  transferCase,
} from '../../../shared/adapters/data/allocation';
import { getCase, listWaitingList, updateCase } from '../../../shared/adapters/data/cases';
import { ConflictError } from '../../../shared/adapters/data/db';
import { capacityByLocality, getWorker, updateWorker } from '../../../shared/adapters/data/workers';
import { createTestTables, type TestTables } from '../../support/tables';
import { ACTOR, atHubDecision, NOW, newCase, referral, worker } from '../../support/records';

const COMPLEX_NEEDS = ['crime', 'housing', 'mental-health', 'education', 'worklessness'] as const;

describe('allocation and workers', () => {
  let tables: TestTables;

  beforeAll(async () => {
    tables = await createTestTables('alloc');
  });
  afterAll(() => tables.drop());

  async function hubCase(locality = 'charnwood', complex = false) {
    const created = await newCase(tables.db, {
      referral: referral({ locality, ...(complex ? { presentingNeeds: [...COMPLEX_NEEDS] } : {}) }),
    });
    return atHubDecision(tables.db, created, updateCase);
  }

  it('allocates a case, adding its weight to the worker and recording the key worker', async () => {
    // Prepare
    const fsw = await worker(tables.db, { area: 'blaby' });
    const record = await hubCase('blaby');
    // Act
    const result = await allocateCase(tables.db, {
      caseId: record.id,
      expectedVersion: record.version,
      workerId: fsw.id,
      now: NOW,
      actor: ACTOR,
    });
    // Assess
    expect(result.case).toMatchObject({ status: 'ALLOCATED', keyWorkerId: fsw.id, allocatedWeight: 3 });
    expect(await getWorker(tables.db, fsw.id)).toMatchObject({ load: 3, openCases: 1 });
    expect(await getCase(tables.db, record.id)).toEqual(result.case);
  });

  it('never exceeds capacity when many allocations race for one worker', async () => {
    // Prepare: one worker with room for ten standard cases, twenty-five cases waiting
    const fsw = await worker(tables.db, { area: 'melton' });
    const waiting = await Promise.all(Array.from({ length: 25 }, () => hubCase('melton')));
    // Act: every allocation at once
    const results = await Promise.allSettled(
      waiting.map((record) =>
        allocateCase(tables.db, {
          caseId: record.id,
          expectedVersion: record.version,
          workerId: fsw.id,
          now: NOW,
          actor: ACTOR,
        }),
      ),
    );
    // Assess
    const won = results.filter((result) => result.status === 'fulfilled');
    const refused = results.filter((result) => result.status === 'rejected') as PromiseRejectedResult[];
    expect(won).toHaveLength(10);
    expect(refused.every((result) => result.reason instanceof CapacityError)).toBe(true);
    expect(await getWorker(tables.db, fsw.id)).toMatchObject({ load: 30, openCases: 10 });
    const stored = await Promise.all(waiting.map((record) => getCase(tables.db, record.id)));
    expect(stored.filter((record) => record?.status === 'ALLOCATED')).toHaveLength(10);
  });

  it('fills a locality across workers in parallel without overshooting any, complex cases weighing more', async () => {
    // Prepare: two workers; a mix of complex (5 units) and standard (3 units) cases, more than fit
    const workers = [
      await worker(tables.db, { area: 'oadby-wigston' }),
      await worker(tables.db, { area: 'oadby-wigston' }),
    ];
    const records = await Promise.all(
      Array.from({ length: 24 }, (_, index) => hubCase('oadby-wigston', index % 3 === 0)),
    );
    // Act
    const results = await Promise.all(
      records.map((record) =>
        allocateInLocality(tables.db, {
          caseId: record.id,
          expectedVersion: record.version,
          now: NOW,
          actor: ACTOR,
        }),
      ),
    );
    // Assess
    const capacity = await capacityByLocality(tables.db, 'oadby-wigston');
    for (const entry of capacity) expect(entry.load).toBeLessThanOrEqual(30);
    const allocated = results.filter((result) => result !== null);
    const stored = await Promise.all(records.map((record) => getCase(tables.db, record.id)));
    const units = stored
      .filter((record) => record?.status === 'ALLOCATED')
      .reduce((sum, record) => sum + record!.allocatedWeight!, 0);
    expect(units).toBe(capacity.reduce((sum, entry) => sum + entry.load, 0));
    expect(allocated.length).toBeGreaterThan(0);
    expect(allocated.length).toBeLessThan(records.length);
    expect(capacity.map((entry) => entry.workerId).sort()).toEqual(workers.map((fsw) => fsw.id).sort());
  });

  it('returns null when nobody has room, and the case can join the waiting list in order', async () => {
    // Prepare: no worker in Harborough at all
    const first = await hubCase('harborough');
    const second = await hubCase('harborough');
    // Act
    const result = await allocateInLocality(tables.db, {
      caseId: first.id,
      expectedVersion: first.version,
      now: NOW,
      actor: ACTOR,
    });
    for (const [record, at] of [
      [first, '2026-11-23T10:00:00.000Z'],
      [second, '2026-11-23T11:00:00.000Z'],
    ] as const) {
      await updateCase(tables.db, {
        id: record.id,
        expectedVersion: record.version,
        now: at,
        actor: ACTOR,
        status: 'WAITING_LIST',
        changes: { waitingSince: at },
      });
    }
    // Assess
    expect(result).toBeNull();
    expect((await listWaitingList(tables.db, 'harborough')).items.map((record) => record.id)).toEqual([
      first.id,
      second.id,
    ]);
  });

  it('frees the weight when a case closes, so the next waiting case fits', async () => {
    // Prepare: a worker full with one complex case short of capacity
    const fsw = await worker(tables.db, { area: 'north-west-leicestershire', capacity: 5 });
    const complexCase = await hubCase('north-west-leicestershire', true);
    const allocated = await allocateCase(tables.db, {
      caseId: complexCase.id,
      expectedVersion: complexCase.version,
      workerId: fsw.id,
      now: NOW,
      actor: ACTOR,
    });
    const next = await hubCase('north-west-leicestershire');
    await expect(
      allocateCase(tables.db, {
        caseId: next.id,
        expectedVersion: next.version,
        workerId: fsw.id,
        now: NOW,
        actor: ACTOR,
      }),
    ).rejects.toBeInstanceOf(CapacityError);
    // Act
    const consent = await updateCase(tables.db, {
      id: complexCase.id,
      expectedVersion: allocated.case.version,
      now: NOW,
      actor: ACTOR,
      status: 'CONSENT',
    });
    const released = await releaseCase(tables.db, {
      caseId: complexCase.id,
      expectedVersion: consent.version,
      now: NOW,
      actor: ACTOR,
      status: 'CLOSED',
      changes: { closure: { on: '2026-11-23', reason: 'consent-declined' } },
    });
    // Assess
    expect(released.case.status).toBe('CLOSED');
    expect(released.case.keyWorkerId).toBeUndefined();
    expect(await getWorker(tables.db, fsw.id)).toMatchObject({ load: 0, openCases: 0 });
    await expect(
      allocateCase(tables.db, {
        caseId: next.id,
        expectedVersion: next.version,
        workerId: fsw.id,
        now: NOW,
        actor: ACTOR,
      }),
    ).resolves.toMatchObject({ case: { status: 'ALLOCATED' } });
  });

  it('transfers a case between workers in one step', async () => {
    const from = await worker(tables.db, { area: 'blaby' });
    const to = await worker(tables.db, { area: 'hinckley-bosworth' });
    const record = await hubCase('blaby');
    const allocated = await allocateCase(tables.db, {
      caseId: record.id,
      expectedVersion: record.version,
      workerId: from.id,
      now: NOW,
      actor: ACTOR,
    });
    const moved = await transferCase(tables.db, {
      caseId: record.id,
      expectedVersion: allocated.case.version,
      workerId: to.id,
      locality: 'hinckley-bosworth',
      now: NOW,
      actor: ACTOR,
    });
    expect(moved.case).toMatchObject({
      keyWorkerId: to.id,
      locality: 'hinckley-bosworth',
      status: 'ALLOCATED',
    });
    expect(await getWorker(tables.db, from.id)).toMatchObject({ load: 0, openCases: 0 });
    expect(await getWorker(tables.db, to.id)).toMatchObject({ load: 3, openCases: 1 });
  });

  it('refuses a worker from another locality, an inactive worker, or a stale case', async () => {
    const elsewhere = await worker(tables.db, { area: 'melton' });
    const inactive = await worker(tables.db, { area: 'charnwood', active: false });
    const record = await hubCase('charnwood');
    await expect(
      allocateCase(tables.db, {
        caseId: record.id,
        expectedVersion: record.version,
        workerId: elsewhere.id,
        now: NOW,
        actor: ACTOR,
      }),
    ).rejects.toMatchObject({ reason: 'other-locality' });
    await expect(
      allocateCase(tables.db, {
        caseId: record.id,
        expectedVersion: record.version,
        workerId: inactive.id,
        now: NOW,
        actor: ACTOR,
      }),
    ).rejects.toBeInstanceOf(CapacityError);
    const fsw = await worker(tables.db, { area: 'charnwood' });
    await expect(
      allocateCase(tables.db, {
        caseId: record.id,
        expectedVersion: record.version - 1,
        workerId: fsw.id,
        now: NOW,
        actor: ACTOR,
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await getWorker(tables.db, fsw.id)).toMatchObject({ load: 0 });
  });

  it('will not deactivate a worker with open cases, nor cut capacity below the load', async () => {
    const fsw = await worker(tables.db, { area: 'charnwood' });
    const record = await hubCase('charnwood');
    await allocateCase(tables.db, {
      caseId: record.id,
      expectedVersion: record.version,
      workerId: fsw.id,
      now: NOW,
      actor: ACTOR,
    });
    await expect(updateWorker(tables.db, fsw.id, { active: false }, NOW)).rejects.toMatchObject({
      reason: 'worker-has-cases',
    });
    await expect(updateWorker(tables.db, fsw.id, { capacity: 2 }, NOW)).rejects.toBeInstanceOf(ConflictError);
    await expect(
      updateWorker(tables.db, fsw.id, { capacity: 15, name: 'Pat Renamed' }, NOW),
    ).resolves.toMatchObject({
      capacity: 15,
      name: 'Pat Renamed',
      load: 3,
    });
  });
});
