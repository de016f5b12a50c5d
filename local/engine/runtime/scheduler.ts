import type { ApiError } from '../api/errors';
import type { Execution } from '../execution';
import type { Outcome } from '../integrations/lambda';
import { type Timer, TimerHeap } from '../timers';
import type { Thread } from '../types';
import type { Clock } from './clock';
import type { PersistenceBatch } from './persistence-batch';

/** What the run queue holds: everything that moves an execution on, processed one at a time. */
export type Signal =
  | { kind: 'run'; execId: number; threadId: number; seq: number }
  | { kind: 'timer'; execId: number; threadId: number; seq: number; timer: Timer['kind'] }
  | { kind: 'outcome'; execId: number; threadId: number; seq: number; outcome: Outcome; submitted?: boolean }
  | { kind: 'child'; execId: number; threadId: number; childId: number }
  | { kind: 'child-exec'; execId: number; threadId: number; seq: number; childArn: string }
  | {
      kind: 'callback';
      execId: number;
      threadId: number;
      token: string;
      action: 'success' | 'failure' | 'heartbeat';
      output?: unknown;
      error?: string;
      cause?: string;
      reply: (err?: ApiError) => void;
    }
  | { kind: 'stop'; execId: number; error?: string; cause?: string; reply: (err?: ApiError) => void };

/** Steps the pump runs before it yields to I/O (API calls, timers). */
const STEPS_PER_YIELD = 256;

/**
 * A busy pump commits at most this often, and only when someone waits for it (`flushIfAwaited`): many
 * executions advancing side by side then share one write of each one's latest state, instead of a write of
 * every execution for every few steps.
 */
const COMMIT_INTERVAL_MS = 25;

/**
 * A busy pump commits at least this often even when nobody waits: it bounds the work a crash makes the
 * restarted engine do again (none of it was promised to anyone: it is redone, not lost).
 */
const MAX_UNCOMMITTED_MS = 1000;

/**
 * The run queue and the timers. Signals are processed one at a time, so a step never interleaves with
 * another; timers wait on the real clock, or on the virtual one until it is moved. "Idle" means nothing is
 * queued or in flight, which is what a clock move waits for between timers.
 */
export class Scheduler {
  private readonly timers = new TimerHeap();
  private queue: Signal[] = [];
  private queueHead = 0;
  private pumping = false;
  private inflight = 0;
  private idleWaiters: (() => void)[] = [];
  private realTimer?: NodeJS.Timeout;
  private realTimerDue = Number.POSITIVE_INFINITY;
  /** Real-time waits counted as work in flight (re-sends of invocations lost in a crash). */
  private readonly delays = new Set<NodeJS.Timeout>();
  private clockChain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly clock: Clock,
    private readonly batch: PersistenceBatch,
    private readonly handle: (sig: Signal) => Promise<void>,
  ) {
    batch.commitsWithPump(() => this.pumping && !this.closed);
  }

  // ------------------------------------------------------------------------------------------ clock

  /** Move the virtual clock to `target`, firing due timers in time order, each followed by quiescence. */
  moveClock(target: number): Promise<void> {
    const run = async () => {
      await this.waitForIdle();
      for (;;) {
        const t = this.timers.peek();
        if (!t || t.due > target) break;
        this.timers.pop();
        this.clock.reach(t.due);
        this.fireTimer(t);
        // Timers due at the same instant run side by side, as in AWS (many tasks' reminders share 09:00).
        for (let same = this.timers.peek(); same && same.due === t.due; same = this.timers.peek()) {
          this.timers.pop();
          this.fireTimer(same);
        }
        await this.waitForIdle();
      }
      this.clock.reach(target);
      if (this.clock.virtual) this.batch.flush();
      await this.waitForIdle();
    };
    const next = this.clockChain.then(run, run);
    this.clockChain = next.catch(() => undefined);
    return next;
  }

  // ------------------------------------------------------------------------------------------ idle

  isIdle(): boolean {
    return !this.pumping && this.queueHead >= this.queue.length && this.inflight === 0;
  }

  waitForIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private checkIdle(): void {
    if (!this.isIdle() || this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  // ------------------------------------------------------------------------------------------ queue

  enqueue(sig: Signal): void {
    this.queue.push(sig);
    if (!this.pumping) {
      this.pumping = true;
      setImmediate(() => void this.pump());
    }
  }

  private async pump(): Promise<void> {
    let steps = 0;
    let committedAt = performance.now();
    try {
      while (this.queueHead < this.queue.length && !this.closed) {
        const sig = this.queue[this.queueHead];
        this.queue[this.queueHead++] = undefined as never;
        if (this.queueHead > 4096 && this.queueHead * 2 > this.queue.length) {
          this.queue = this.queue.slice(this.queueHead);
          this.queueHead = 0;
        }
        this.batch.beginStep();
        try {
          await this.handle(sig);
        } finally {
          this.batch.endStep();
        }
        this.batch.flushIfWanted();
        if (++steps % STEPS_PER_YIELD === 0) {
          const since = performance.now() - committedAt;
          if (since >= MAX_UNCOMMITTED_MS) {
            this.batch.flush();
            committedAt = performance.now();
          } else if (since >= COMMIT_INTERVAL_MS && this.batch.flushIfAwaited()) {
            committedAt = performance.now();
          }
          await new Promise((r) => setImmediate(r));
        }
      }
    } finally {
      if (!this.closed) this.batch.flush();
      if (this.queueHead >= this.queue.length) {
        this.queue = [];
        this.queueHead = 0;
      }
      this.pumping = false;
      this.armRealTimer();
      this.checkIdle();
    }
  }

  /** An integration call in flight: its outcome comes back as a signal for the thread that made it. */
  track(execId: number, threadId: number, seq: number, p: Promise<Outcome>, submitted: boolean): void {
    this.inflight++;
    p.then(
      (o) => o,
      (e): Outcome => ({
        ok: false,
        error: 'States.Runtime',
        cause: e instanceof Error ? e.message : String(e),
      }),
    ).then((outcome) => {
      this.enqueue({ kind: 'outcome', execId, threadId, seq, outcome, submitted });
      this.inflight--;
    });
  }

  /** Run `fn` after `ms` of real time, counted as work in flight so a clock move (or waitForIdle) waits for it. */
  delay(ms: number, fn: () => void): void {
    this.inflight++;
    const timer = setTimeout(() => {
      this.delays.delete(timer);
      if (!this.closed) fn();
      this.inflight--;
      this.checkIdle();
    }, ms);
    this.delays.add(timer);
  }

  // ------------------------------------------------------------------------------------------ timers

  addTimer(ex: Execution, th: Thread, due: number, kind: Timer['kind']): void {
    if (due <= this.clock.now()) {
      // Already due (a zero retry interval, a past timestamp): no clock move is needed to fire it.
      this.enqueue({ kind: 'timer', execId: ex.id, threadId: th.id, seq: th.seq, timer: kind });
      return;
    }
    this.timers.push({ due, execId: ex.id, threadId: th.id, seq: th.seq, kind });
    if (!this.pumping) this.armRealTimer();
  }

  /** A timer that waits for its time even when already due (an execution's timeout fires on a clock move). */
  pushTimer(t: Omit<Timer, 'order'>): void {
    this.timers.push(t);
    if (!this.pumping) this.armRealTimer();
  }

  private fireTimer(t: Timer): void {
    this.enqueue({ kind: 'timer', execId: t.execId, threadId: t.threadId, seq: t.seq, timer: t.kind });
  }

  private armRealTimer(): void {
    if (this.clock.virtual || this.closed) return;
    const next = this.timers.peek();
    if (!next) return;
    if (next.due >= this.realTimerDue && this.realTimer) return;
    if (this.realTimer) clearTimeout(this.realTimer);
    this.realTimerDue = next.due;
    const delay = Math.min(Math.max(0, next.due - Date.now()), 2 ** 31 - 1);
    this.realTimer = setTimeout(() => {
      this.realTimer = undefined;
      this.realTimerDue = Number.POSITIVE_INFINITY;
      const now = Date.now();
      for (;;) {
        const t = this.timers.peek();
        if (!t || t.due > now) break;
        this.timers.pop();
        this.fireTimer(t);
      }
      this.armRealTimer();
    }, delay);
    this.realTimer.unref?.();
  }

  /** Stop: nothing more is processed or fired (the caller commits what is pending). */
  close(): void {
    this.closed = true;
    if (this.realTimer) clearTimeout(this.realTimer);
    for (const timer of this.delays) clearTimeout(timer);
    this.delays.clear();
  }

  clearTimers(): void {
    this.timers.clear();
  }
}
