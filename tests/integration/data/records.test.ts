import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvent, listAuditEvents } from '../../../shared/adapters/data/audit';
import { AlreadyExistsError } from '../../../shared/adapters/data/db';
import { getMetrics, getMetricsBatch, incrementMetrics } from '../../../shared/adapters/data/metrics';
import {
  createPartner,
  getPartner,
  getPartnerByClientId,
  listPartners,
  updatePartner,
} from '../../../shared/adapters/data/partners';
import { nextCaseReference } from '../../../shared/adapters/data/references';
import { getLatestReport, listReportVersions, putReportVersion } from '../../../shared/adapters/data/reports';
import type { Report } from '../../../shared/core/schemas';
import { createTestTables, type TestTables } from '../../support/tables';
import { ACTOR, NOW } from '../../support/records';

describe('audit, metrics, references, partners and reports', () => {
  let tables: TestTables;

  beforeAll(async () => {
    tables = await createTestTables('records');
  });
  afterAll(() => tables.drop());

  it('appends audit events and never overwrites one', async () => {
    // Prepare
    const event = {
      id: '01JD0000000000000000000AAA',
      subject: 'worker#fsw-1',
      at: NOW,
      actor: ACTOR,
      action: 'worker.created',
    };
    await appendAuditEvent(tables.db, event);
    // Act
    const rewrite = appendAuditEvent(tables.db, { ...event, action: 'worker.updated' });
    // Assess
    await expect(rewrite).rejects.toBeInstanceOf(AlreadyExistsError);
    const events = await listAuditEvents(tables.db, 'worker#fsw-1');
    expect(events.items).toHaveLength(1);
    expect(events.items[0]!.action).toBe('worker.created');
  });

  it('pages a subject’s audit trail oldest first or newest first', async () => {
    for (let minute = 0; minute < 5; minute += 1) {
      await appendAuditEvent(tables.db, {
        subject: 'partner#demo-trail',
        at: `2026-11-23T09:0${minute}:00.000Z`,
        actor: ACTOR,
        action: 'partner.updated',
        details: { minute },
      });
    }
    const first = await listAuditEvents(tables.db, 'partner#demo-trail', { limit: 3 });
    const second = await listAuditEvents(tables.db, 'partner#demo-trail', {
      limit: 3,
      cursor: first.nextCursor!,
    });
    const newest = await listAuditEvents(tables.db, 'partner#demo-trail', { limit: 1, newestFirst: true });
    expect([...first.items, ...second.items].map((event) => event.details?.minute)).toEqual([0, 1, 2, 3, 4]);
    expect(second.nextCursor).toBeUndefined();
    expect(newest.items[0]!.details?.minute).toBe(4);
  });

  it('hands out distinct case references under concurrency, per year', async () => {
    // Act
    const references = await Promise.all(
      Array.from({ length: 40 }, () => nextCaseReference(tables.db, 2027)),
    );
    const nextYear = await nextCaseReference(tables.db, 2028);
    // Assess
    expect(new Set(references).size).toBe(40);
    expect([...references].sort()[0]).toBe('SLF-2027-00001');
    expect([...references].sort()[39]).toBe('SLF-2027-00040');
    expect(nextYear).toBe('SLF-2028-00001');
  });

  it('counts metrics exactly once per event id, across scopes', async () => {
    // Act
    const first = await incrementMetrics(tables.db, 'case-1#closed', [
      {
        scope: 'blaby',
        period: '2026-27-Q3',
        increments: { closures: 1, 'closures.reason.plan-completed': 1 },
      },
      { scope: 'partnership', period: '2026-27-Q3', increments: { closures: 1 } },
      { scope: 'partnership', period: '2026-27-Q3', increments: { closures: 0, reviews: 2 } },
    ]);
    const retried = await incrementMetrics(tables.db, 'case-1#closed', [
      { scope: 'blaby', period: '2026-27-Q3', increments: { closures: 1 } },
    ]);
    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        incrementMetrics(tables.db, `ref-${index}`, [
          { scope: 'blaby', period: '2026-27-Q3', increments: { referrals: 1 } },
        ]),
      ),
    );
    // Assess
    expect(first).toBe(true);
    expect(retried).toBe(false);
    expect(await getMetrics(tables.db, 'blaby', '2026-27-Q3')).toEqual({
      closures: 1,
      'closures.reason.plan-completed': 1,
      referrals: 10,
    });
    const batch = await getMetricsBatch(tables.db, [
      { scope: 'partnership', period: '2026-27-Q3' },
      { scope: 'partnership', period: '2026-27-Q4' },
    ]);
    expect(batch.get('partnership#2026-27-Q3')).toEqual({ closures: 1, reviews: 2 });
    expect(batch.get('partnership#2026-27-Q4')).toEqual({});
  });

  it('keeps partners with a unique client id and finds them by it', async () => {
    const partner = await createPartner(
      tables.db,
      {
        id: 'demo-police',
        name: 'Demo Police',
        organisationType: 'police',
        clientId: 'client-police',
        scopes: ['referrals/read', 'referrals/write'],
        active: true,
      },
      NOW,
    );
    await expect(
      createPartner(
        tables.db,
        { ...partner, id: 'demo-copy', createdAt: undefined, updatedAt: undefined } as never,
        NOW,
      ),
    ).rejects.toBeInstanceOf(AlreadyExistsError);
    expect((await getPartnerByClientId(tables.db, 'client-police'))?.id).toBe('demo-police');
    expect(await getPartner(tables.db, 'demo-copy')).toBeUndefined();
    const revoked = await updatePartner(
      tables.db,
      'demo-police',
      { active: false },
      '2026-11-24T09:00:00.000Z',
    );
    expect(revoked.active).toBe(false);
    expect((await listPartners(tables.db)).map((entry) => entry.id)).toEqual(['demo-police']);
  });

  it('keeps every report version and never replaces one', async () => {
    const draft: Report = {
      kind: 'quarterly',
      scope: 'melton',
      period: '2026-27-Q2',
      version: 1,
      status: 'draft',
      metrics: { referrals: 4 },
      flags: [],
      createdAt: NOW,
    };
    await putReportVersion(tables.db, draft);
    await expect(putReportVersion(tables.db, { ...draft, metrics: { referrals: 5 } })).rejects.toBeInstanceOf(
      AlreadyExistsError,
    );
    await putReportVersion(tables.db, {
      ...draft,
      version: 2,
      status: 'submitted',
      submittedAt: NOW,
      submittedBy: 'lm-1',
    });
    expect((await getLatestReport(tables.db, 'melton', '2026-27-Q2'))?.version).toBe(2);
    expect(
      (await listReportVersions(tables.db, 'melton', '2026-27-Q2')).map((report) => report.metrics.referrals),
    ).toEqual([4, 4]);
  });
});
