// A seeded generator (mulberry32) for the forecast and the simulation: the same seed gives the same
// figures on every machine and Node version, and each purpose (a family, a run) draws from its own
// stream, so the order in which things happen to run cannot change any one story. Hand-rolled: the
// draws must never change under a dependency's upgrade (docs/decisions.md).

export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A stream for one purpose and index, independent of every other stream. */
  static stream<T extends SeededRandom>(
    this: new (
      seed: number,
    ) => T,
    seed: number,
    purpose: string,
    index = 0,
  ): T {
    let hash = 2166136261 ^ seed;
    for (const char of `${purpose}#${index}`) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
    return new this(hash >>> 0);
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

  /** A Poisson count with this mean (Knuth's method; the forecast's daily means are small). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let count = 0;
    let product = this.next();
    while (product > limit) {
      count += 1;
      product *= this.next();
    }
    return count;
  }

  /** A standard normal draw (Box-Muller). */
  private normal(): number {
    const u = Math.max(this.next(), Number.EPSILON);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** The index of one of `weights`, with probability proportional to its weight. */
  pick(weights: readonly number[]): number {
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    let draw = this.next() * total;
    for (let index = 0; index < weights.length; index += 1) {
      draw -= weights[index]!;
      if (draw < 0) return index;
    }
    return weights.length - 1;
  }
}
