// A small seeded generator (mulberry32) and the draws the simulation needs. Hand-rolled because the
// simulation must give the same figures for the same seed on every machine and Node version, and
// each family draws from its own stream (seed, family), so the order in which the engine happens to
// run things cannot change any family's story.

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A stream for one purpose and index, independent of every other stream. */
  static stream(seed: number, purpose: string, index = 0): Random {
    let hash = 2166136261 ^ seed;
    for (const char of `${purpose}#${index}`) {
      hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
    }
    return new Random(hash >>> 0);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** One of `items` with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    let pick = this.next() * total;
    for (let index = 0; index < items.length; index += 1) {
      pick -= weights[index]!;
      if (pick < 0) return items[index]!;
    }
    return items[items.length - 1]!;
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
