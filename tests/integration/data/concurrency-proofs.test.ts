import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocateInLocality } from '../../../shared/adapters/data/allocation';
import { getCase, updateCase } from '../../../shared/adapters/data/cases';
import { capacityByLocality } from '../../../shared/adapters/data/workers';
import { createTestTables, type TestTables } from '../../support/tables';
import { ACTOR, atHubDecision, NOW, newCase, referral, worker } from '../../support/records';

// Issue 15, "Proofs": many allocations at once against few workers never put a worker over capacity.
// npm test runs a fast version; `npm run soak` sets SOAK_FULL=1 for the 1,000.

const FULL = process.env.SOAK_FULL === '1';
const ALLOCATIONS = FULL ? 1000 : 100;
const WORKERS = 3;
/** Each worker's room in units (a standard case weighs 3, a complex one 5). */
const CAPACITY = 30;

async function inBatches<T, R>(items: T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    out.push(...(await Promise.all(items.slice(start, start + size).map(fn))));
  }
  return out;
}

describe('allocation under contention', () => {
  let tables: TestTables;
  beforeAll(async () => {
    tables = await createTestTables('alloc-proof');
  });
  afterAll(() => tables.drop());

  it(
    `allocates ${ALLOCATIONS} cases at once against ${WORKERS} workers: none over capacity, every unit accounted for`,
    async () => {
      // Prepare: cases at the hub decision (made in batches; only the allocations race)
      for (let i = 0; i < WORKERS; i++) await worker(tables.db, { area: 'harborough', capacity: CAPACITY });
      const waiting = await inBatches(
        Array.from({ length: ALLOCATIONS }, (_, i) => i),
        25,
        async (i) => {
          const created = await newCase(tables.db, {
            referral: referral({
              locality: 'harborough',
              ...(i % 4 === 0
                ? { presentingNeeds: ['crime', 'housing', 'mental-health', 'education', 'worklessness'] }
                : {}),
            }),
          });
          return atHubDecision(tables.db, created, updateCase);
        },
      );
      // Act: every allocation at once
      const results = await Promise.allSettled(
        waiting.map((record) =>
          allocateInLocality(tables.db, {
            caseId: record.id,
            expectedVersion: record.version,
            now: NOW,
            actor: ACTOR,
          }),
        ),
      );
      // Assess
      expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
      const capacity = await capacityByLocality(tables.db, 'harborough');
      expect(capacity).toHaveLength(WORKERS);
      for (const entry of capacity) expect(entry.load).toBeLessThanOrEqual(CAPACITY);
      const stored = await inBatches(waiting, 50, (record) => getCase(tables.db, record.id));
      const allocated = stored.filter((record) => record?.status === 'ALLOCATED');
      const units = allocated.reduce((sum, record) => sum + record!.allocatedWeight!, 0);
      expect(units).toBe(capacity.reduce((sum, entry) => sum + entry.load, 0));
      const allocatedCount = results.filter(
        (result) => result.status === 'fulfilled' && result.value !== null,
      ).length;
      expect(allocated).toHaveLength(allocatedCount);
      expect(allocatedCount).toBeGreaterThan(0);
      // The figures `npm run soak` prints.
      console.log(
        `${ALLOCATIONS} allocations at once against ${WORKERS} workers of ${CAPACITY} units: ${allocatedCount} allocated, ` +
          `${ALLOCATIONS - allocatedCount} left waiting, largest load ${Math.max(...capacity.map((entry) => entry.load))} units, ` +
          `workers over capacity ${capacity.filter((entry) => entry.load > CAPACITY).length}, units on workers ${units}`,
      );
    },
    FULL ? 3_600_000 : 600_000,
  );
});
