import { type DomainConfig, getConfig } from '../../shared/core/config';
import { AlreadyExistsError, type Db } from '../../shared/adapters/data/db';
import { createWorker, type NewWorker } from '../../shared/adapters/data/workers';

// The demo county's case-holding staff: the seeds' 48 family support workers and 6 seniors, spread
// over the localities by the seeds' staff shares. The first of each role in a locality has the id of
// that locality's demo sign-in account (`fsw-blaby`, `senior-charnwood`), so signing in as the demo
// worker shows real allocated cases. The simulation reuses the plan with other totals (what-ifs).

/** Splits `total` over `weights` by largest remainder: the parts add up to `total` exactly. */
export function spreadByShares(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) throw new RangeError('weights must add up to more than zero');
  const exact = weights.map((weight) => (total * weight) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    parts[index] = parts[index]! + 1;
    left -= 1;
  }
  return parts;
}

export interface WorkforceOptions {
  /** Family support workers in the county; default the seeds' figure, each locality's own count. */
  familySupportWorkers?: number;
  /** Seniors in the county; default the seeds' figure. */
  seniors?: number;
}

export function workerId(prefix: 'fsw' | 'senior', locality: string, ordinal: number): string {
  return ordinal === 1 ? `${prefix}-${locality}` : `${prefix}-${locality}-${ordinal}`;
}

/** Every case-holding member of staff to seed, locality by locality. */
export function workforcePlan(
  options: WorkforceOptions = {},
  config: DomainConfig = getConfig(),
): NewWorker[] {
  const { localities, staffing } = config;
  const workers =
    options.familySupportWorkers === undefined
      ? localities.map((locality) => locality.familySupportWorkers)
      : spreadByShares(
          options.familySupportWorkers,
          localities.map((locality) => locality.staffShare),
        );
  const seniors = spreadByShares(
    options.seniors ?? staffing.seniors,
    localities.map((locality) => locality.seniors),
  );
  const capacity = staffing.caseload.unitsPerWorker;
  return localities.flatMap((locality, index) => [
    ...Array.from({ length: workers[index]! }, (_, n) => ({
      id: workerId('fsw', locality.id, n + 1),
      name: `Family support worker ${n + 1}, ${locality.name}`,
      email: `${workerId('fsw', locality.id, n + 1)}@demo.invalid`,
      role: 'family-support-worker' as const,
      area: locality.id,
      active: true,
      capacity,
    })),
    ...Array.from({ length: seniors[index]! }, (_, n) => ({
      id: workerId('senior', locality.id, n + 1),
      name: `Senior family support worker ${n + 1}, ${locality.name}`,
      email: `${workerId('senior', locality.id, n + 1)}@demo.invalid`,
      role: 'senior' as const,
      area: locality.id,
      active: true,
      capacity,
    })),
  ]);
}

/** Creates the workers not yet there (a restart keeps everyone's caseload); answers how many were new. */
export async function seedWorkforce(db: Db, plan: NewWorker[], now: string): Promise<number> {
  let created = 0;
  const batch = 8;
  for (let start = 0; start < plan.length; start += batch) {
    const results = await Promise.all(
      plan.slice(start, start + batch).map(async (worker) => {
        try {
          await createWorker(db, worker, now);
          return 1;
        } catch (error) {
          if (error instanceof AlreadyExistsError) return 0;
          throw error;
        }
      }),
    );
    created += results.reduce<number>((a, b) => a + b, 0);
  }
  return created;
}
