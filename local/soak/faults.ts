import { Random } from '../simulate/random';
import { PART_NAMES, type PartName, type Parts } from './parts';

// The seeded plan of kills: `count` moments spread over the simulated period, each naming a part (the
// three in turn, shuffled, so each is killed about a third of the times) and a delay in real time
// after the driver starts on that instant, so the kill lands somewhere in the clock move or the
// staff's and partners' requests. DynamoDB Local is killed only while the virtual clock stands still
// (docs/decisions.md, "The soak"): a clock move runs hours of retry back-off in a second. After it is
// back, the clock stays still until the idempotency records its kill stranded have lapsed
// (stranded-records.ts).

const POLL_MS = 500;

export interface PlannedKill {
  /** The simulated instant (ms) from which the kill is due. */
  at: number;
  part: PartName;
  delayMs: number;
}

export function planKills(count: number, from: number, to: number, seed: number): PlannedKill[] {
  const random = Random.stream(seed, 'soak-kills', 0);
  const parts: PartName[] = Array.from(
    { length: count },
    (_, index) => PART_NAMES[index % PART_NAMES.length]!,
  );
  const shuffled = random.sample(parts, parts.length);
  return shuffled
    .map((part) => ({ at: from + random.int(0, to - from - 1), part, delayMs: random.int(0, 1500) }))
    .sort((a, b) => a.at - b.at);
}

export class FaultInjector {
  private next = 0;
  private clockMoving = false;
  private clockStill: (() => void)[] = [];
  private held: Promise<void> = Promise.resolve();

  /** `inProgressUntil`: when the last idempotency record still in progress lapses (ms), if any is. */
  constructor(
    private readonly parts: Parts,
    private readonly plan: PlannedKill[],
    private readonly inProgressUntil: () => Promise<number | undefined>,
  ) {}

  get planned(): number {
    return this.plan.length;
  }

  /** The kills due by `instant`, one after another, each after its delay; resolves when all are done. */
  strike(instant: number): Promise<void> {
    const due: PlannedKill[] = [];
    while (this.next < this.plan.length && this.plan[this.next]!.at <= instant)
      due.push(this.plan[this.next++]!);
    return (async () => {
      for (const kill of due) {
        await new Promise((done) => setTimeout(done, kill.delayMs));
        if (kill.part === 'dynamodb') while (this.clockMoving) await this.whileClockStill();
        await this.parts.kill(kill.part);
        if (kill.part === 'dynamodb') this.held = this.held.then(() => this.untilRecordsLapse());
      }
    })();
  }

  /** Every kill not yet made (the period ended first): made now, one after another. */
  strikeRest(): Promise<void> {
    return this.strike(Number.POSITIVE_INFINITY);
  }

  async moveClock(move: () => Promise<void>): Promise<void> {
    await this.held;
    this.clockMoving = true;
    try {
      await move();
    } finally {
      this.clockMoving = false;
      const waiting = this.clockStill;
      this.clockStill = [];
      for (const resume of waiting) resume();
    }
  }

  /** Polls until no idempotency record is in progress (a kill may come first; then it asks again). */
  private async untilRecordsLapse(): Promise<void> {
    for (;;) {
      await this.parts.allUp();
      const until = await this.inProgressUntil().catch(() => Date.now() + POLL_MS);
      if (until === undefined || until <= Date.now()) return;
      await new Promise((done) => setTimeout(done, Math.min(until - Date.now(), POLL_MS)));
    }
  }

  private whileClockStill(): Promise<void> {
    if (!this.clockMoving) return Promise.resolve();
    return new Promise((done) => this.clockStill.push(done));
  }
}
