import { SeededRandom } from '../../shared/core/random';

// The simulation's draws: the shared seeded generator (shared/core/random.ts, also the forecast's),
// with the two draws only the simulated county needs.

export class Random extends SeededRandom {
  /** One of `items` with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    return items[this.pick(weights)]!;
  }

  /** `count` distinct items of `items`, in the order drawn. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const chosen: T[] = [];
    while (chosen.length < count && pool.length > 0) {
      chosen.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]!);
    }
    return chosen;
  }
}
