import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateCase } from '../../../shared/adapters/data/cases';
import { localityDashboard } from '../../../shared/pages/dashboard';
import { ACTOR, atHubDecision, NOW, newCase, referral } from '../../support/records';
import { createTestTables, type TestTables } from '../../support/tables';

// The dashboard's waiting list says each family's complexity as the case page does (seeds/003: one need
// is below the threshold, two or more at risk, five or more complex), not "at risk" for every family
// that is not complex (issue #17, eligibility).

let tables: TestTables;

beforeAll(async () => {
  tables = await createTestTables('dashboard-waiting');
});

afterAll(async () => {
  await tables?.drop();
});

async function waiting(needs: string[]) {
  const created = await newCase(tables.db, {
    referral: referral({ locality: 'melton', presentingNeeds: needs as never }),
  });
  const atHub = await atHubDecision(tables.db, created, updateCase);
  return updateCase(tables.db, {
    id: atHub.id,
    expectedVersion: atHub.version,
    now: NOW,
    actor: ACTOR,
    status: 'WAITING_LIST',
    changes: { waitingSince: NOW },
  });
}

describe('the dashboard waiting list', () => {
  it('labels each family below the threshold, at risk or complex', async () => {
    // Prepare
    const one = await waiting(['looking-after-children']);
    const two = await waiting(['looking-after-children', 'healthy-lifestyle']);

    // Act
    const dashboard = await localityDashboard(tables.db, 'melton', new Date('2026-11-30T09:00:00Z'));

    // Assess
    const label = (id: string) => dashboard.waiting.find((entry) => entry.id === id)?.complexity;
    expect(label(one.id)).toMatch(/^Below the threshold/);
    expect(label(two.id)).toMatch(/^At risk/);
  });
});
