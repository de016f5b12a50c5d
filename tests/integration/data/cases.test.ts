import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCase,
  findPossibleDuplicates,
  getCase,
  getCaseByReference,
  listCasesByLocalityStatus,
  listCasesByPartner,
  updateCase,
} from '../../../shared/adapters/data/cases';
import { listAuditEvents } from '../../../shared/adapters/data/audit';
import { InvalidCursorError } from '../../../shared/adapters/data/cursor';
import { AlreadyExistsError, ConflictError } from '../../../shared/adapters/data/db';
import { getMetrics } from '../../../shared/adapters/data/metrics';
import { ValidationError } from '../../../shared/core/schemas';
import { createTestTables, type TestTables } from '../../support/tables';
import { ACTOR, NOW, newCase, referral } from '../../support/records';

describe('cases repository', () => {
  let tables: TestTables;

  beforeAll(async () => {
    tables = await createTestTables('cases');
  });
  afterAll(() => tables.drop());

  it('creates a case in RECEIVED with its audit event, findable by id and reference', async () => {
    // Act
    const created = await newCase(tables.db);
    // Assess
    expect(await getCase(tables.db, created.id)).toEqual(created);
    expect((await getCaseByReference(tables.db, created.reference))?.id).toBe(created.id);
    expect(created).toMatchObject({ status: 'RECEIVED', version: 1, locality: 'charnwood', complex: false });
    const events = await listAuditEvents(tables.db, `case#${created.id}`);
    expect(events.items.map((event) => event.action)).toEqual(['case.created']);
  });

  it('refuses to create the same case id twice, leaving the first intact', async () => {
    const first = await newCase(tables.db);
    await expect(
      createCase(
        tables.db,
        { id: first.id, reference: 'SLF-2026-99999', referral: referral(), receivedAt: NOW },
        { actor: ACTOR },
      ),
    ).rejects.toBeInstanceOf(AlreadyExistsError);
    expect((await getCase(tables.db, first.id))?.reference).toBe(first.reference);
  });

  it('writes nothing when the referral is invalid', async () => {
    const bad = { ...referral(), presentingNeeds: ['boredom'] } as never;
    await expect(
      createCase(
        tables.db,
        { reference: 'SLF-2026-88888', referral: bad, receivedAt: NOW },
        { actor: ACTOR },
      ),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await getCaseByReference(tables.db, 'SLF-2026-88888')).toBeUndefined();
  });

  it('flags records for the same child or the same address, open or ended', async () => {
    // Prepare
    const original = await newCase(tables.db);
    const sameChild = referral();
    sameChild.family.members = original.referral.family.members.map((member) => ({
      ...member,
      givenName: ` ${member.givenName.toUpperCase()} `.trim(),
    }));
    const sameAddress = referral();
    sameAddress.family.address = {
      ...original.referral.family.address,
      line1: original.referral.family.address.line1.toLowerCase(),
    };
    // Act
    const byChild = await newCase(tables.db, { referral: sameChild });
    const byAddress = await newCase(tables.db, { referral: sameAddress });
    const unrelated = await newCase(tables.db);
    // Assess
    expect(byChild.possibleDuplicates).toEqual([original.id]);
    expect(byAddress.possibleDuplicates).toContain(original.id);
    expect(unrelated.possibleDuplicates).toEqual([]);
    expect(
      (await listAuditEvents(tables.db, `case#${byChild.id}`)).items.map((event) => event.action),
    ).toContain('case.duplicate-flagged');
    // Act: the original is withdrawn; a record held is matched whether open or closed
    await updateCase(tables.db, {
      id: original.id,
      expectedVersion: 1,
      now: NOW,
      actor: ACTOR,
      status: 'WITHDRAWN',
    });
    for (const record of [byChild, byAddress]) {
      await updateCase(tables.db, {
        id: record.id,
        expectedVersion: 1,
        now: NOW,
        actor: ACTOR,
        status: 'WITHDRAWN',
      });
    }
    // Assess
    expect(await findPossibleDuplicates(tables.db, sameChild)).toEqual(
      expect.arrayContaining([original.id, byChild.id]),
    );
  });

  it('moves status under the version it read and audits the change', async () => {
    // Prepare
    const created = await newCase(tables.db);
    // Act
    const screening = await updateCase(tables.db, {
      id: created.id,
      expectedVersion: 1,
      now: '2026-11-23T10:00:00.000Z',
      actor: { type: 'staff', id: 'duty-1', role: 'duty-social-worker' },
      status: 'SCREENING',
    });
    // Assess
    expect(screening.version).toBe(2);
    expect(screening.statusHistory.map((change) => change.status)).toEqual(['RECEIVED', 'SCREENING']);
    const events = (await listAuditEvents(tables.db, `case#${created.id}`)).items;
    expect(events.at(-1)).toMatchObject({
      action: 'case.status-changed',
      fromStatus: 'RECEIVED',
      toStatus: 'SCREENING',
      actor: { id: 'duty-1' },
    });
  });

  it('lets only one of two writers holding the same version win (optimistic lock)', async () => {
    // Prepare
    const created = await newCase(tables.db);
    // Act: both read version 1 and write concurrently
    const results = await Promise.allSettled([
      updateCase(tables.db, {
        id: created.id,
        expectedVersion: 1,
        now: NOW,
        actor: ACTOR,
        status: 'SCREENING',
      }),
      updateCase(tables.db, {
        id: created.id,
        expectedVersion: 1,
        now: NOW,
        actor: ACTOR,
        status: 'WITHDRAWN',
      }),
    ]);
    // Assess
    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter((result) => result.status === 'rejected');
    expect(won).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    const stored = await getCase(tables.db, created.id);
    expect(stored?.version).toBe(2);
    expect(stored?.status).toBe((won[0] as PromiseFulfilledResult<{ status: string }>).value.status);
    // The loser left no audit event behind.
    expect((await listAuditEvents(tables.db, `case#${created.id}`)).items).toHaveLength(2);
  });

  it('refuses a stale version and an impossible transition', async () => {
    const created = await newCase(tables.db);
    await updateCase(tables.db, {
      id: created.id,
      expectedVersion: 1,
      now: NOW,
      actor: ACTOR,
      status: 'SCREENING',
    });
    await expect(
      updateCase(tables.db, {
        id: created.id,
        expectedVersion: 1,
        now: NOW,
        actor: ACTOR,
        status: 'HUB_DECISION',
      }),
    ).rejects.toMatchObject({ reason: 'stale-version' });
    await expect(
      updateCase(tables.db, {
        id: created.id,
        expectedVersion: 2,
        now: NOW,
        actor: ACTOR,
        status: 'SUPPORT',
      }),
    ).rejects.toMatchObject({ reason: 'invalid-transition' });
  });

  it('sets the retention date six years after a case ends', async () => {
    const created = await newCase(tables.db);
    const ended = await updateCase(tables.db, {
      id: created.id,
      expectedVersion: 1,
      now: '2027-02-28T23:30:00.000Z',
      actor: ACTOR,
      status: 'STEPPED_UP',
    });
    expect(ended.retainUntil).toBe('2033-02-28');
    expect(ended.endedAt).toBe('2027-02-28T23:30:00.000Z');
  });

  it('moves metric counters in the same transaction, once', async () => {
    const period = '2026-27-Q3';
    const created = await newCase(tables.db, {
      metrics: [{ scope: 'melton', period, increments: { referrals: 1, 'referrals.source.partner': 1 } }],
    });
    await updateCase(tables.db, {
      id: created.id,
      expectedVersion: 1,
      now: NOW,
      actor: ACTOR,
      status: 'SCREENING',
      metrics: [{ scope: 'melton', period, increments: { screened: 1 } }],
    });
    // A retried write with the same version fails and moves nothing.
    await expect(
      updateCase(tables.db, {
        id: created.id,
        expectedVersion: 1,
        now: NOW,
        actor: ACTOR,
        status: 'SCREENING',
        metrics: [{ scope: 'melton', period, increments: { screened: 1 } }],
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await getMetrics(tables.db, 'melton', period)).toEqual({
      referrals: 1,
      'referrals.source.partner': 1,
      screened: 1,
    });
  });

  it('lists a locality’s cases by status and a partner’s referrals, page by page', async () => {
    // Prepare: five cases for one partner in Harborough, received a minute apart
    const partnerId = 'demo-school';
    const ids: string[] = [];
    for (let minute = 0; minute < 5; minute += 1) {
      const receivedAt = `2026-11-24T09:0${minute}:00.000Z`;
      const record = await newCase(tables.db, {
        referral: referral({ partnerId, locality: 'harborough' }),
        receivedAt,
      });
      ids.push(record.id);
    }
    // Act
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listCasesByPartner(tables.db, partnerId, {
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    const received = await listCasesByLocalityStatus(tables.db, 'harborough', 'RECEIVED', { limit: 10 });
    const since = await listCasesByPartner(tables.db, partnerId, { since: '2026-11-24T09:03:00.000Z' });
    // Assess
    expect(seen).toEqual(ids);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(received.items.map((item) => item.id)).toEqual(ids);
    expect(since.items.map((item) => item.id)).toEqual(ids.slice(3));
    expect(
      (await listCasesByPartner(tables.db, 'demo-police', { limit: 100 })).items.map((item) => item.id),
    ).not.toContain(ids[0]);
  });

  it('refuses a forged or foreign cursor', async () => {
    const page = await listCasesByPartner(tables.db, 'demo-school', { limit: 1 });
    expect(page.nextCursor).toBeDefined();
    await expect(
      listCasesByPartner(tables.db, 'demo-police', { cursor: page.nextCursor! }),
    ).rejects.toBeInstanceOf(InvalidCursorError);
    await expect(
      listCasesByPartner(tables.db, 'demo-school', { cursor: 'not*base64' }),
    ).rejects.toBeInstanceOf(InvalidCursorError);
    const forged = Buffer.from(
      JSON.stringify({
        q: 'cases:gsi2:PARTNER#demo-school::',
        k: { gsi2pk: 'PARTNER#demo-police', gsi2sk: 'x', pk: 'x', sk: 'x' },
      }),
    ).toString('base64url');
    await expect(listCasesByPartner(tables.db, 'demo-school', { cursor: forged })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
  });
});
