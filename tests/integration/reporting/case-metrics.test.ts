import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateCase } from '../../../shared/adapters/data/cases';
import { getMetrics } from '../../../shared/adapters/data/metrics';
import { caseMetrics } from '../../../shared/domain/metrics';
import { createTestTables, type TestTables } from '../../support/tables';
import { ACTOR, newCase } from '../../support/records';

describe('case writes carry their counters', () => {
  let tables: TestTables;

  beforeAll(async () => {
    tables = await createTestTables('case-metrics');
  });
  afterAll(() => tables.drop());

  it('moves the counters in the same transaction as the case, and not when the write loses', async () => {
    // Prepare
    const now = '2026-08-03T10:00:00.000Z';
    const created = await newCase(tables.db, { receivedAt: now, metrics: caseMetrics({ now }) });
    const screening = await updateCase(tables.db, {
      id: created.id,
      expectedVersion: created.version,
      now,
      actor: ACTOR,
      status: 'SCREENING',
      metrics: caseMetrics({ now }),
    });
    // Act
    await updateCase(tables.db, {
      id: created.id,
      expectedVersion: screening.version,
      now,
      actor: ACTOR,
      status: 'STEPPED_UP',
      metrics: caseMetrics({ now }),
    });
    const stale = updateCase(tables.db, {
      id: created.id,
      expectedVersion: screening.version,
      now,
      actor: ACTOR,
      status: 'STEPPED_UP',
      metrics: caseMetrics({ now }),
    });
    // Assess
    await expect(stale).rejects.toThrow(/version/);
    expect(await getMetrics(tables.db, 'charnwood', '2026-27-Q2')).toEqual({
      'referrals.received': 1,
      'referrals.month.08': 1,
      'referrals.source.partner': 1,
      'referrals.outcome.partner.stepped-up': 1,
    });
  });
});
