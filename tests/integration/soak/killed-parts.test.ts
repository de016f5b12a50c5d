import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareRuns, formatComparison } from '../../../local/soak/compare';
import { runSoak } from '../../../local/soak/run';

// Issue 15, the soak in small (`npm run soak` is the full size): the same seeded families run twice
// against DynamoDB Local, the engine and the API server in processes of their own, once untouched and
// once with each part killed (kill -9) twice at seeded moments while partners and staff retry. Nothing
// may be lost, doubled or stuck, and every family's case must end as in the untouched run.

const root = mkdtempSync(join(tmpdir(), 'sfw-soak-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Both results once both have ended; the first failure if either failed. */
async function settled<T>(runs: [Promise<T>, Promise<T>]): Promise<[T, T]> {
  const [a, b] = await Promise.allSettled(runs);
  if (a.status === 'rejected') throw a.reason;
  if (b.status === 'rejected') throw b.reason;
  return [a.value, b.value];
}

describe('the soak (small)', () => {
  it('kills each part twice: nothing lost, doubled or stuck, every case ends as in the untouched run', async () => {
    const options = { families: 16, days: 21, seed: 5, workers: 48, start: '2026-04-01' };
    const log = process.env.SOAK_DEBUG ? (line: string) => console.log(line) : () => {};
    // The two runs side by side: each has its own processes, free ports and data folder, and nothing
    // in one reaches the other (docs/decisions.md, "Sixth pass"). Both end (each closes its parts)
    // before a failure of either is reported.
    const [uninterrupted, faulted] = await settled([
      runSoak({ ...options, kills: 0, dataDir: join(root, 'a'), log }),
      runSoak({ ...options, kills: 6, dataDir: join(root, 'b'), log }),
    ]);
    const comparison = compareRuns(options.families, uninterrupted, faulted);
    console.log(formatComparison(comparison, uninterrupted, faulted));

    expect(faulted.kills).toEqual({ dynamodb: 2, engine: 2, api: 2 });
    expect(comparison.cases.uninterrupted).toBe(options.families);
    expect(comparison.lost).toEqual([]);
    expect(comparison.doubled).toEqual([]);
    expect(comparison.stuck).toEqual([]);
    expect(comparison.differences).toEqual([]);
    expect(faulted.actionErrors).toEqual({});
  }, 900_000);
});
