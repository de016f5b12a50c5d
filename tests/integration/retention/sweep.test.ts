import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../../shared/adapters/data/audit';
import { getCase, updateCase } from '../../../shared/adapters/data/cases';
import { getDraft, saveDraft } from '../../../shared/adapters/data/drafts';
import { createTask, getTask } from '../../../shared/adapters/data/tasks';
import { transact } from '../../../shared/adapters/data/db';
import { listPlanVersions, planVersionPut } from '../../../shared/adapters/data/family-plan';
import { listTafMeetings, tafMeetingPut } from '../../../shared/adapters/data/taf-meetings';
import { LOCAL_ARNS } from '../../../workflows/definitions';
import {
  SWEEP_LEASE_MS,
  reindexForRetention,
  sweepRetention,
  sweepRetentionStep,
} from '../../../shared/domain/retention/sweep';
import { caseKey, casesByLocalityStatus, migrationKey } from '../../../shared/adapters/data/keys';
import {
  indexForRetention,
  migrationDone,
  RETENTION_INDEX_MIGRATION,
} from '../../../shared/adapters/data/retention';
import type { Case } from '../../../shared/core/schemas';
import { type JourneyHarness, startJourneyHarness } from '../../support/journey-harness';
import { ACTOR, newCase, referral } from '../../support/records';

// The retention sweep: a case past its retention date (6 years after it ended, by default) goes
// whole (record, audit trail, tasks and drafts); younger and open cases stay; repeating changes
// nothing; and the daily workflow runs it on the engine.

let harness: JourneyHarness;

beforeAll(async () => {
  harness = await startJourneyHarness({ startTime: '2026-11-23T02:30:00.000Z', label: 'retention' });
});

afterAll(async () => {
  await harness?.close();
});

/** A case that ended (withdrawn) at `endedAt`, with one task and a draft on it. */
async function endedCase(endedAt: string): Promise<{ record: Case; taskId: string }> {
  const db = harness.tables.db;
  const fresh = await newCase(db, { referral: referral({ locality: 'melton' }), receivedAt: endedAt });
  const task = await createTask(
    db,
    {
      type: 'safeguarding-screen',
      caseId: fresh.id,
      caseReference: fresh.reference,
      area: 'county',
      owner: 'role:duty-social-worker:county',
      dueDate: endedAt.slice(0, 10),
    },
    { now: endedAt, actor: ACTOR },
  );
  await saveDraft(db, { taskId: task.id, userId: 'duty', values: { reason: 'draft' }, savedAt: endedAt });
  // The family plan and a Team Around the Family meeting, in the case's partition (issue #18).
  const goalId = '01KB45G1H2J3K4M5N6P7Q8R9S0';
  await transact(db, [
    planVersionPut(db, {
      caseId: fresh.id,
      version: 1,
      goals: [
        { id: goalId, goal: 'Goal', needs: ['missing-education'], outcomes: ['good-education'], actions: [] },
      ],
      change: 'written',
      writtenBy: 'fsw-melton',
      writtenAt: endedAt,
    }),
    tafMeetingPut(db, {
      id: '01KB46T1A2B3C4D5E6F7G8H9J0',
      caseId: fresh.id,
      heldOn: endedAt.slice(0, 10),
      attendees: [{ role: 'Key worker', agency: 'Supporting Families' }],
      familyPresent: true,
      decisions: 'Decided.',
      actions: [],
      recordedBy: 'fsw-melton',
      recordedAt: endedAt,
    }),
  ]);
  const record = await updateCase(db, {
    id: fresh.id,
    expectedVersion: fresh.version,
    now: endedAt,
    actor: ACTOR,
    status: 'WITHDRAWN',
  });
  return { record, taskId: task.id };
}

describe('retention sweep', () => {
  it('deletes a case six years after it ended, whole, and keeps younger and open ones', async () => {
    const db = harness.tables.db;
    const old = await endedCase('2020-05-04T10:00:00.000Z');
    const young = await endedCase('2021-06-01T10:00:00.000Z');
    const open = await newCase(db, { referral: referral({ locality: 'melton' }) });
    expect(old.record.retainUntil).toBe('2026-05-04');

    const first = await sweepRetention(db, new Date('2026-11-23T02:30:00.000Z'));
    const second = await sweepRetention(db, new Date('2026-11-23T02:31:00.000Z'));

    expect(first).toEqual({ deleted: 1, more: false });
    expect(await getCase(db, old.record.id)).toBeUndefined();
    expect(await getTask(db, old.taskId)).toBeUndefined();
    expect(await getDraft(db, old.taskId, 'duty')).toBeUndefined();
    expect((await listAuditEvents(db, `case#${old.record.id}`)).items).toEqual([]);
    expect(await listPlanVersions(db, old.record.id)).toEqual([]);
    expect(await listTafMeetings(db, old.record.id)).toEqual([]);
    expect(await getCase(db, young.record.id)).toBeDefined();
    expect(await listPlanVersions(db, young.record.id)).toHaveLength(1);
    expect(await listTafMeetings(db, young.record.id)).toHaveLength(1);
    expect(await getTask(db, young.taskId)).toBeDefined();
    expect(await getCase(db, open.id)).toBeDefined();
    expect(second).toEqual({ deleted: 0, more: false });
    const log = (await listAuditEvents(db, 'retention#2026-11-23')).items;
    expect(log.map((event) => [event.action, event.caseId, event.details?.reference])).toEqual([
      ['retention.case-deleted', old.record.id, old.record.reference],
    ]);
  });

  it('works in batches, saying when more are due', async () => {
    const db = harness.tables.db;
    for (let n = 0; n < 3; n += 1) await endedCase(`2019-0${n + 1}-10T10:00:00.000Z`);

    const first = await sweepRetention(db, new Date('2026-11-24T02:30:00.000Z'), { limit: 2 });
    const second = await sweepRetention(db, new Date('2026-11-24T02:31:00.000Z'), { limit: 2 });

    expect(first).toEqual({ deleted: 2, more: true });
    expect(second).toEqual({ deleted: 1, more: false });
  });

  it('lets one execution sweep at a time: a concurrent one ends at once and nothing is deleted twice', async () => {
    const db = harness.tables.db;
    const due = [];
    for (let n = 0; n < 3; n += 1) due.push(await endedCase(`2019-0${n + 4}-10T10:00:00.000Z`));
    const now = new Date('2026-11-25T02:30:00.000Z');

    const results = await Promise.all(
      ['sweep-a', 'sweep-b', 'sweep-c'].map((execution) =>
        sweepRetentionStep(db, { execution, at: now, now, limit: 10 }),
      ),
    );

    expect(results.filter((result) => result.skipped)).toHaveLength(2);
    expect(results.filter((result) => !result.skipped)).toEqual([{ deleted: 3, more: false }]);
    const log = (await listAuditEvents(db, 'retention#2026-11-25')).items;
    for (const { record } of due) expect(log.filter((event) => event.caseId === record.id)).toHaveLength(1);
  });

  it('keeps the lease while the holder has more to do, and hands it on once it lapses', async () => {
    const db = harness.tables.db;
    for (let n = 0; n < 3; n += 1) await endedCase(`2019-0${n + 7}-10T10:00:00.000Z`);
    const start = new Date('2026-11-26T02:30:00.000Z');
    const later = (ms: number) => new Date(start.getTime() + ms);

    const first = await sweepRetentionStep(db, { execution: 'a', at: start, now: start, limit: 1 });
    const meanwhile = await sweepRetentionStep(db, {
      execution: 'b',
      at: start,
      now: later(60_000),
      limit: 1,
    });
    const renewed = await sweepRetentionStep(db, {
      execution: 'a',
      at: start,
      now: later(120_000),
      limit: 1,
    });
    // a dies here; b may take over only once a's last renewal has lapsed
    const tooSoon = await sweepRetentionStep(db, {
      execution: 'b',
      at: start,
      now: later(120_000 + SWEEP_LEASE_MS - 1),
      limit: 1,
    });
    const takenOver = await sweepRetentionStep(db, {
      execution: 'b',
      at: start,
      now: later(120_000 + SWEEP_LEASE_MS),
      limit: 5,
    });
    const revived = await sweepRetentionStep(db, {
      execution: 'a',
      at: start,
      now: later(SWEEP_LEASE_MS * 2),
      limit: 1,
    });

    expect(first).toEqual({ deleted: 1, more: true });
    expect(meanwhile).toEqual({ deleted: 0, more: false, skipped: true });
    expect(renewed).toEqual({ deleted: 1, more: true });
    expect(tooSoon).toEqual({ deleted: 0, more: false, skipped: true });
    expect(takenOver).toEqual({ deleted: 1, more: false });
    // b gave the lease back when nothing more was due, so a later run (here a's retry) may sweep
    expect(revived).toEqual({ deleted: 0, more: false });
  });

  it('runs as the daily workflow on the engine until nothing is due', async () => {
    const db = harness.tables.db;
    const due = await endedCase('2018-03-01T10:00:00.000Z');
    const arn = `arn:aws:states:${LOCAL_ARNS.region}:${LOCAL_ARNS.accountId}:stateMachine:retention-sweep`;

    await harness.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: arn,
        name: 'retention-sweep-2026-11-23',
        input: JSON.stringify({ schedule: 'retention-sweep', scheduledTime: '2026-11-23T02:30:00Z' }),
      }),
    );
    await harness.settle();

    expect(await harness.executions('retention-sweep')).toEqual([
      expect.objectContaining({ name: 'retention-sweep-2026-11-23', status: 'SUCCEEDED' }),
    ]);
    expect(await getCase(db, due.record.id)).toBeUndefined();
  });

  it('two executions started together on the engine delete each case once', async () => {
    const db = harness.tables.db;
    const due = [await endedCase('2018-04-01T10:00:00.000Z'), await endedCase('2018-04-02T10:00:00.000Z')];
    const arn = `arn:aws:states:${LOCAL_ARNS.region}:${LOCAL_ARNS.accountId}:stateMachine:retention-sweep`;
    const input = JSON.stringify({ schedule: 'retention-sweep', scheduledTime: '2026-11-23T02:30:00Z' });

    await Promise.all(
      ['retention-sweep-twice-1', 'retention-sweep-twice-2'].map((name) =>
        harness.sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name, input })),
      ),
    );
    await harness.settle();

    const runs = (await harness.executions('retention-sweep')).filter((e) => e.name.includes('twice'));
    expect(runs.map((run) => run.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    for (const { record } of due) {
      expect(await getCase(db, record.id)).toBeUndefined();
      const events = [];
      for (const day of ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26']) {
        events.push(
          ...(await listAuditEvents(db, `retention#${day}`)).items.filter((e) => e.caseId === record.id),
        );
      }
      expect(events, record.id).toHaveLength(1);
    }
  });

  describe('cases that ended before the retention index', () => {
    const raw = (id: string) =>
      harness.tables.db.client
        .send(new GetCommand({ TableName: harness.tables.db.tableName, Key: caseKey(id) }))
        .then((result) => result.Item!);
    /** An item as written before the index: the same case without its gsi4 keys. */
    const asBeforeTheIndex = (id: string) =>
      harness.tables.db.client.send(
        new UpdateCommand({
          TableName: harness.tables.db.tableName,
          Key: caseKey(id),
          UpdateExpression: 'REMOVE gsi4pk, gsi4sk',
        }),
      );
    /** A reopen, as another writer would make it: open again, in its open status partition, a new version. */
    const reopen = (id: string) =>
      harness.tables.db.client.send(
        new UpdateCommand({
          TableName: harness.tables.db.tableName,
          Key: caseKey(id),
          UpdateExpression: 'SET #status = :open, gsi1pk = :pk, #version = #version + :one',
          ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
          ExpressionAttributeValues: {
            ':open': 'SUPPORT',
            ':pk': casesByLocalityStatus('melton', 'SUPPORT'),
            ':one': 1,
          },
        }),
      );
    const forgetMigration = () =>
      harness.tables.db.client.send(
        new DeleteCommand({
          TableName: harness.tables.db.tableName,
          Key: migrationKey(RETENTION_INDEX_MIGRATION),
        }),
      );

    it('are found by the backfill and then deleted when due; a rerun changes nothing; a reopened one is left alone', async () => {
      const db = harness.tables.db;
      const old = await endedCase('2017-02-01T10:00:00.000Z');
      const notYetDue = await endedCase('2024-02-01T10:00:00.000Z');
      const reopened = await endedCase('2017-03-01T10:00:00.000Z');
      for (const { record } of [old, notYetDue, reopened]) await asBeforeTheIndex(record.id);
      await reopen(reopened.record.id);
      await forgetMigration();
      const today = new Date('2026-11-27T02:30:00.000Z');

      // Without the backfill the index does not know them: the defect this fixes.
      expect(await sweepRetention(db, today)).toEqual({ deleted: 0, more: false });

      const pass = await reindexForRetention(db, { at: today });
      const afterPass = await raw(old.record.id);
      const rerun = await reindexForRetention(db, { at: today });

      expect(pass).toEqual({ indexed: 2, skipped: 0, complete: true });
      expect(afterPass).toMatchObject({ gsi4pk: 'RETAIN', gsi4sk: `2023-02-01#${old.record.id}` });
      expect(await raw(notYetDue.record.id)).toMatchObject({ gsi4sk: `2030-02-01#${notYetDue.record.id}` });
      expect(await raw(reopened.record.id)).not.toHaveProperty('gsi4pk');
      expect(rerun).toEqual({ indexed: 0, skipped: 0, complete: true });
      expect(await raw(old.record.id)).toEqual(afterPass);
      expect(await migrationDone(db, RETENTION_INDEX_MIGRATION)).toBe(true);

      expect(await sweepRetention(db, today)).toEqual({ deleted: 1, more: false });
      expect(await getCase(db, old.record.id)).toBeUndefined();
      expect(await getCase(db, notYetDue.record.id)).toBeDefined();
      expect(await getCase(db, reopened.record.id)).toBeDefined();
    });

    it('leaves alone a case reopened or deleted between the backfill reading it and writing its keys', async () => {
      const db = harness.tables.db;
      const { record } = await endedCase('2017-04-01T10:00:00.000Z');
      await asBeforeTheIndex(record.id);
      const read = {
        id: record.id,
        status: record.status,
        retainUntil: record.retainUntil!,
        version: record.version,
      };
      await reopen(record.id);

      expect(await indexForRetention(db, read)).toBe(false);
      expect(await raw(record.id)).not.toHaveProperty('gsi4pk');
      expect(await indexForRetention(db, { ...read, id: '01KB4ZZZZZZZZZZZZZZZZZZZZZ' })).toBe(false);
    });

    it('the sweep step runs the backfill itself, once, before relying on the index', async () => {
      const db = harness.tables.db;
      const due = [await endedCase('2017-05-01T10:00:00.000Z'), await endedCase('2017-05-02T10:00:00.000Z')];
      for (const { record } of due) await asBeforeTheIndex(record.id);
      await forgetMigration();
      const now = new Date('2026-11-28T02:30:00.000Z');

      // limit 1: a backfill batch of 5 finds both in one step, then the sweep deletes one per step
      const first = await sweepRetentionStep(db, { execution: 'migrating', at: now, now, limit: 1 });
      const second = await sweepRetentionStep(db, { execution: 'migrating', at: now, now, limit: 1 });

      expect(first).toEqual({ deleted: 1, more: true, reindexed: 2 });
      expect(second).toEqual({ deleted: 1, more: false });
      for (const { record } of due) expect(await getCase(db, record.id)).toBeUndefined();
      expect(await migrationDone(db, RETENTION_INDEX_MIGRATION)).toBe(true);
    });
  });
});
