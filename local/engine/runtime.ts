import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ApiError, notFoundExecution, notFoundStateMachine } from './api/errors';
import { Execution, type ExecutionStatus } from './execution';
import {
  invokeLocal,
  invokeResponse,
  type LambdaRegistry,
  type Outcome,
  sdkMetadata,
} from './integrations/lambda';
import { callAwsSdk } from './integrations/aws-sdk';
import type { MockConfig } from './integrations/mocks';
import { parseResource } from './integrations/resources';
import { iso } from './interpreter/context';
import {
  onChildEnded,
  onHeartbeat,
  onTaskOutcome,
  onTaskSubmitted,
  onTimer,
  runThread,
} from './interpreter/machine';
import type { InterpreterHost, NewThread } from './interpreter/host';
import { historyLimitFailure, MAX_EXECUTION_MS, MAX_HISTORY_EVENTS } from './interpreter/limits';
import type { StateMachineRow, Store } from './store';
import { TimerHeap, type Timer } from './timers';
import type { MachineDef, ParentLink, Thread } from './types';

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

export interface RuntimeOptions {
  store: Store;
  virtualClock: boolean;
  startMs: number;
  region: string;
  accountId: string;
  lambdas: LambdaRegistry;
  awsEndpoints: { dynamodb?: string; sesv2?: string };
  mocks?: MockConfig;
  /** Told of every execution that ends other than SUCCEEDED, once that end is committed. */
  onUnsuccessful?: (ended: EndedExecution) => void;
}

/** What an unsuccessful end tells a listener: names and error name only (a cause may hold data). */
export interface EndedExecution {
  executionArn: string;
  name: string;
  stateMachineName: string;
  status: 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  error?: string;
  /** The `caseId` of the execution's input, when it has one. */
  caseId?: string;
}

/** AWS lets an unsuccessful execution be redriven for 14 days after it stopped. */
const REDRIVE_WINDOW_MS = 14 * 24 * 3600 * 1000;

const TOKEN_PATTERN = /^AQB[A-Za-z0-9_-]{64}$/;

/** Steps the pump runs before it yields to I/O (API calls, timers). */
const STEPS_PER_YIELD = 256;

/**
 * A busy pump commits at most this often: many executions advancing side by side then share one write of
 * each one's latest state, instead of a write of every execution for every few steps.
 */
const COMMIT_INTERVAL_MS = 25;

/**
 * The engine's heart: executions in memory, an in-memory run queue of signals processed one at a time
 * (so a step never interleaves with another), timers on a real or virtual clock, and a write batch
 * committed to the store in one transaction per group of steps.
 */
export class Runtime implements InterpreterHost {
  readonly store: Store;
  readonly region: string;
  readonly accountId: string;
  readonly lambdas: LambdaRegistry;
  readonly awsEndpoints: { dynamodb?: string; sesv2?: string };
  mocks?: MockConfig;
  readonly virtual: boolean;
  private virtualNow: number;
  private readonly onUnsuccessful?: (ended: EndedExecution) => void;

  private readonly executions = new Map<number, Execution>();
  private readonly byArn = new Map<string, Execution>();
  private readonly tokens = new Map<string, { execId: number; threadId: number }>();
  private readonly timers = new TimerHeap();
  private queue: Signal[] = [];
  private queueHead = 0;
  private pumping = false;
  private inflight = 0;
  private batch: (() => void)[] = [];
  private afterCommit: (() => void)[] = [];
  /** Executions with writes not yet committed; written (latest state only) at the next flush. */
  private readonly dirty = new Set<Execution>();
  /** Executions that ended since the last commit (the store cannot answer for them yet). */
  private readonly endedUncommitted = new Map<string, Execution>();
  /** Tokens closed since the last commit. */
  private readonly closedUncommitted = new Set<string>();
  /** A step is being processed: commits wait for its end, so they only ever hold whole steps. */
  private inStep = false;
  private flushWanted = false;
  private idleWaiters: (() => void)[] = [];
  private realTimer?: NodeJS.Timeout;
  /** Re-sends of invocations lost in a crash, waiting for their deadline. */
  private readonly recoveryTimers = new Set<NodeJS.Timeout>();
  private realTimerDue = Number.POSITIVE_INFINITY;
  private nextExecId: number;
  private closed = false;
  private flushScheduled = false;
  private committedClock = Number.NaN;
  /** ARNs of executions created since the last commit (the store cannot answer for them yet). */
  private readonly uncommittedArns = new Set<string>();
  private clockChain: Promise<void> = Promise.resolve();
  private readonly definitions = new Map<string, MachineDef>();
  private readonly definitionsByText = new Map<string, { def: MachineDef; hash: string }>();
  /** Waiters for StartSyncExecution / child .sync results of in-memory executions, by execution id. */
  private readonly endWaiters = new Map<number, ((ex: Execution) => void)[]>();

  constructor(o: RuntimeOptions) {
    this.store = o.store;
    this.region = o.region;
    this.accountId = o.accountId;
    this.lambdas = o.lambdas;
    this.awsEndpoints = o.awsEndpoints;
    this.mocks = o.mocks;
    this.virtual = o.virtualClock;
    this.onUnsuccessful = o.onUnsuccessful;
    const stored = this.store.getMeta('virtualClock');
    this.virtualNow = stored !== undefined ? Number(stored) : o.startMs;
    this.nextExecId = this.store.nextExecutionId();
  }

  // ------------------------------------------------------------------------------------------ clock

  now(): number {
    return this.virtual ? this.virtualNow : Date.now();
  }

  /** Move the virtual clock to `target`, firing due timers in time order, each followed by quiescence. */
  moveClock(target: number): Promise<void> {
    const run = async () => {
      await this.waitForIdle();
      for (;;) {
        const t = this.timers.peek();
        if (!t || t.due > target) break;
        this.timers.pop();
        if (t.due > this.virtualNow) this.virtualNow = t.due;
        this.fireTimer(t);
        // Timers due at the same instant run side by side, as in AWS (many tasks' reminders share 09:00).
        for (let same = this.timers.peek(); same && same.due === t.due; same = this.timers.peek()) {
          this.timers.pop();
          this.fireTimer(same);
        }
        await this.waitForIdle();
      }
      if (target > this.virtualNow || !this.virtual) this.virtualNow = target;
      if (this.virtual && this.store) this.persistClock();
      await this.waitForIdle();
    };
    const next = this.clockChain.then(run, run);
    this.clockChain = next.catch(() => undefined);
    return next;
  }

  private persistClock(): void {
    this.flush();
  }

  /** The virtual time is committed with the steps it caused, so a restart resumes at a consistent time. */
  private clockWrite(): (() => void) | undefined {
    if (!this.virtual || this.virtualNow === this.committedClock) return undefined;
    const now = this.virtualNow;
    this.committedClock = now;
    return () => this.store.setMeta('virtualClock', String(now));
  }

  // ------------------------------------------------------------------------------------------ idle

  /** Executions still running (they are held in memory until they end). */
  runningExecutions(): number {
    return this.executions.size;
  }

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

  runLater(ex: Execution, th: Thread): void {
    this.enqueue({ kind: 'run', execId: ex.id, threadId: th.id, seq: th.seq });
  }

  reportToParent(ex: Execution, child: Thread): void {
    this.enqueue({ kind: 'child', execId: ex.id, threadId: child.parent!, childId: child.id });
  }

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
        this.inStep = true;
        try {
          await this.process(sig);
        } finally {
          this.inStep = false;
        }
        if (this.flushWanted) this.flush();
        if (++steps % STEPS_PER_YIELD === 0) {
          if (performance.now() - committedAt >= COMMIT_INTERVAL_MS) {
            this.flush();
            committedAt = performance.now();
          }
          await new Promise((r) => setImmediate(r));
        }
      }
    } finally {
      if (!this.closed) this.flush();
      if (this.queueHead >= this.queue.length) {
        this.queue = [];
        this.queueHead = 0;
      }
      this.pumping = false;
      this.armRealTimer();
      this.checkIdle();
    }
  }

  private async process(sig: Signal): Promise<void> {
    const ex = this.executions.get(sig.execId);
    if (ex?.status !== 'RUNNING') {
      if (sig.kind === 'callback') this.afterCommit.push(() => sig.reply(taskTimedOut()));
      if (sig.kind === 'stop') this.afterCommit.push(() => sig.reply());
      return;
    }
    if (!ex) return;
    try {
      await this.dispatchSignal(ex, sig);
      // A signal that moved its thread on to a next state (task result, timer, branches done) runs it now.
      const th = 'threadId' in sig ? ex.threads.get(sig.threadId) : undefined;
      if (th && th.phase === 'enter' && ex.status === 'RUNNING') await runThread(this, ex, th);
    } catch (e) {
      // A defect in the engine must not take other executions down: fail this one, visibly.
      console.error(`engine: internal error in ${ex.arn}`, e);
      this.finishExecution(ex, 'FAILED', {
        error: 'States.Runtime',
        cause: `Internal error in the local engine: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
    if (ex.status === 'RUNNING' && ex.nextEventId > MAX_HISTORY_EVENTS) {
      this.finishExecution(ex, 'FAILED', historyLimitFailure());
    }
  }

  private async dispatchSignal(ex: Execution, sig: Signal): Promise<void> {
    if (sig.kind === 'stop') {
      this.finishExecution(ex, 'ABORTED', { error: sig.error, cause: sig.cause });
      this.afterCommit.push(() => sig.reply());
      return;
    }
    if (sig.kind === 'timer' && sig.timer === 'execution-timeout') {
      this.finishExecution(ex, 'TIMED_OUT', { error: 'States.Timeout', cause: '' });
      return;
    }
    const th = ex.threads.get(sig.threadId);
    switch (sig.kind) {
      case 'run':
        if (th && th.phase === 'enter' && th.seq === sig.seq) await runThread(this, ex, th);
        return;
      case 'timer':
        if (th && th.seq === sig.seq)
          await onTimer(this, ex, th, sig.timer as 'wake' | 'timeout' | 'heartbeat');
        return;
      case 'outcome':
        if (th?.phase !== 'task' || th.seq !== sig.seq) return;
        if (sig.submitted && sig.outcome.ok) onTaskSubmitted(this, ex, th, sig.outcome.value);
        else await onTaskOutcome(this, ex, th, sig.outcome);
        return;
      case 'child': {
        const child = ex.threads.get(sig.childId);
        if (th && child && !child.reported) {
          child.reported = true;
          this.touch(ex, child);
          await onChildEnded(this, ex, th, child);
        }
        return;
      }
      case 'child-exec':
        if (th && th.phase === 'task' && th.seq === sig.seq && th.task?.childArn === sig.childArn) {
          await onTaskOutcome(this, ex, th, this.childOutcome(sig.childArn, th.task.resourceName));
        }
        return;
      case 'callback': {
        if (th?.phase !== 'task' || th.task?.token !== sig.token) {
          this.afterCommit.push(() => sig.reply(taskTimedOut()));
          return;
        }
        if (sig.action === 'heartbeat') onHeartbeat(this, ex, th);
        else if (sig.action === 'success') await onTaskOutcome(this, ex, th, { ok: true, value: sig.output });
        else await onTaskOutcome(this, ex, th, { ok: false, error: sig.error ?? '', cause: sig.cause ?? '' });
        this.afterCommit.push(() => sig.reply());
        return;
      }
    }
  }

  // ------------------------------------------------------------------------------------------ step writes

  touch(ex: Execution, th?: Thread): void {
    this.dirty.add(ex);
    if (th) ex.dirtyThreads.add(th.id);
  }

  emit(
    ex: Execution,
    th: Thread | undefined,
    type: string,
    details: Record<string, unknown>,
    prev?: number,
  ): number {
    if (th?.quiet) return th.lastEventId;
    const id = ex.nextEventId++;
    const previous = prev ?? th?.lastEventId ?? 0;
    ex.newEvents.push({ id, body: JSON.stringify({ t: type, ts: this.now(), p: previous, d: details }) });
    if (type.endsWith('StateEntered')) ex.newEntered++;
    if (th) th.lastEventId = id;
    this.dirty.add(ex);
    return id;
  }

  newThread(ex: Execution, init: NewThread): Thread {
    const th: Thread = {
      id: ex.nextThreadId++,
      parent: init.parent,
      index: init.index,
      scope: init.scope,
      state: init.state,
      phase: 'enter',
      seq: 0,
      input: init.input,
      vars: init.vars,
      retries: [],
      retryCount: 0,
      enteredMs: this.now(),
      enteredEventId: 0,
      lastEventId: init.lastEventId,
      status: 'running',
    };
    if (init.quiet) th.quiet = true;
    ex.threads.set(th.id, th);
    this.touch(ex, th);
    return th;
  }

  dropThread(ex: Execution, th: Thread): void {
    ex.threads.delete(th.id);
    ex.dirtyThreads.delete(th.id);
    ex.deletedThreads.add(th.id);
    this.dirty.add(ex);
  }

  /** Write an execution's latest state and its new events, threads and tokens (inside the commit). */
  private writeExecution(ex: Execution): void {
    if (!ex.durable) {
      ex.newEvents = [];
      ex.newEntered = 0;
      ex.dirtyThreads.clear();
      ex.deletedThreads.clear();
      ex.tokenWrites = [];
      ex.dropAllThreads = false;
      return;
    }
    const s = this.store;
    const row = ex.toRow();
    if (!ex.persisted) {
      ex.persisted = true;
      s.upsertExecution(row);
    } else {
      s.updateExecution(row);
    }
    const id = ex.id;
    if (ex.dropAllThreads) {
      s.deleteThreads(id);
    } else {
      for (const tid of ex.deletedThreads) s.deleteThread(id, tid);
      for (const tid of ex.dirtyThreads) {
        const th = ex.threads.get(tid);
        if (th) s.upsertThread(id, tid, JSON.stringify(th));
      }
    }
    s.insertEvents(id, ex.newEvents, ex.newEntered);
    ex.newEntered = 0;
    for (const t of ex.tokenWrites) s.putToken(t.token, id, t.threadId, t.open);
    ex.newEvents = [];
    ex.dirtyThreads.clear();
    ex.deletedThreads.clear();
    ex.tokenWrites = [];
    ex.dropAllThreads = false;
  }

  /**
   * Commit every finished step's writes in one transaction, then answer callers waiting on them. During a
   * step the commit is deferred to the step's end, so a commit never holds half a step.
   */
  flush(): void {
    if (this.inStep) {
      this.flushWanted = true;
      return;
    }
    this.flushWanted = false;
    const clock = this.clockWrite();
    if (clock) this.batch.push(clock);
    if (this.batch.length > 0 || this.dirty.size > 0) {
      const ops = this.batch;
      const dirty = [...this.dirty];
      this.batch = [];
      this.dirty.clear();
      this.store.transaction(() => {
        for (const op of ops) op();
        for (const ex of dirty) this.writeExecution(ex);
      });
    }
    this.uncommittedArns.clear();
    this.endedUncommitted.clear();
    this.closedUncommitted.clear();
    if (this.afterCommit.length > 0) {
      const cbs = this.afterCommit;
      this.afterCommit = [];
      for (const cb of cbs) cb();
    }
  }

  // ------------------------------------------------------------------------------------------ timers

  addTimer(ex: Execution, th: Thread, due: number, kind: Timer['kind']): void {
    if (due <= this.now()) {
      // Already due (a zero retry interval, a past timestamp): no clock move is needed to fire it.
      this.enqueue({ kind: 'timer', execId: ex.id, threadId: th.id, seq: th.seq, timer: kind });
      return;
    }
    this.timers.push({ due, execId: ex.id, threadId: th.id, seq: th.seq, kind });
    if (!this.pumping) this.armRealTimer();
  }

  private fireTimer(t: Timer): void {
    this.enqueue({ kind: 'timer', execId: t.execId, threadId: t.threadId, seq: t.seq, timer: t.kind });
  }

  private armRealTimer(): void {
    if (this.virtual || this.closed) return;
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

  // ------------------------------------------------------------------------------------------ tokens

  newToken(): string {
    return `AQB${randomBytes(48).toString('base64url')}`;
  }

  registerToken(ex: Execution, th: Thread, token: string): void {
    this.tokens.set(token, { execId: ex.id, threadId: th.id });
    ex.tokenWrites.push({ token, threadId: th.id, open: true });
    this.dirty.add(ex);
  }

  closeToken(ex: Execution, th: Thread, token: string): void {
    if (!this.tokens.delete(token)) return;
    this.closedUncommitted.add(token);
    ex.tokenWrites.push({ token, threadId: th.id, open: false });
    this.dirty.add(ex);
  }

  /** SendTaskSuccess / Failure / Heartbeat: answered once the resulting step is committed. */
  callback(
    token: string,
    action: 'success' | 'failure' | 'heartbeat',
    payload: { output?: unknown; error?: string; cause?: string },
  ): Promise<void> {
    if (!TOKEN_PATTERN.test(token)) return Promise.reject(new ApiError('InvalidToken', 'Invalid token'));
    const live = this.tokens.get(token);
    if (!live) {
      const known = this.closedUncommitted.has(token) || this.store.getToken(token) !== undefined;
      if (known) return Promise.reject(taskTimedOut());
      return Promise.reject(new ApiError('TaskDoesNotExist', 'Task does not exist anymore'));
    }
    return new Promise((resolve, reject) => {
      this.enqueue({
        kind: 'callback',
        execId: live.execId,
        threadId: live.threadId,
        token,
        action,
        ...payload,
        reply: (err) => (err ? reject(err) : resolve()),
      });
    });
  }

  // ------------------------------------------------------------------------------------------ executions

  definitionOf(text: string): { def: MachineDef; hash: string } {
    // Every StartExecution of a machine passes the same definition text: hash and parse it once.
    const known = this.definitionsByText.get(text);
    if (known) return known;
    const hash = createHash('sha256').update(text).digest('hex');
    let def = this.definitions.get(hash);
    if (!def) {
      def = JSON.parse(text) as MachineDef;
      this.definitions.set(hash, def);
    }
    if (this.definitionsByText.size > 1000) this.definitionsByText.clear();
    const entry = { def, hash };
    this.definitionsByText.set(text, entry);
    return entry;
  }

  executionArn(smArn: string, name: string, express: boolean): string {
    const smName = smArn.slice(smArn.lastIndexOf(':') + 1);
    return `arn:aws:states:${this.region}:${this.accountId}:${express ? 'express' : 'execution'}:${smName}:${name}`;
  }

  /** Create an execution and queue its first state. Written in the current batch (the caller flushes). */
  createExecution(o: {
    /** The machine it runs (a stored one, or TestState's throwaway). */
    machine: Pick<StateMachineRow, 'arn' | 'name' | 'definition' | 'roleArn' | 'type'>;
    name: string;
    inputText: string;
    parent?: ParentLink;
    mockTestCase?: string;
    durable: boolean;
    /** Variables in scope at the start (TestState's `variables`). */
    vars?: Record<string, unknown>;
    test?: boolean;
  }): Execution {
    const { machine } = o;
    const { def, hash } = this.definitionOf(machine.definition);
    const start = this.now();
    const ex = new Execution({
      id: this.nextExecId++,
      arn: this.executionArn(machine.arn, o.name, machine.type === 'EXPRESS'),
      name: o.name,
      smArn: machine.arn,
      smName: machine.name,
      type: machine.type,
      roleArn: machine.roleArn,
      def,
      definitionHash: hash,
      status: 'RUNNING',
      inputText: o.inputText,
      startMs: start,
    });
    ex.parent = o.parent;
    ex.mockTestCase = o.mockTestCase;
    ex.durable = o.durable;
    if (o.test) ex.test = {};
    if (o.durable) this.uncommittedArns.add(ex.arn);
    if (o.durable) {
      const text = machine.definition;
      this.batch.push(() => this.store.putDefinition(hash, text));
    }
    this.executions.set(ex.id, ex);
    this.byArn.set(ex.arn, ex);
    this.emit(ex, undefined, 'ExecutionStarted', {
      executionStartedEventDetails: {
        input: o.inputText,
        inputDetails: { truncated: false },
        roleArn: machine.roleArn,
      },
    });
    const root = this.newThread(ex, {
      scope: [],
      state: def.StartAt,
      input: ex.input,
      vars: o.vars ?? {},
      lastEventId: 0,
    });
    this.armExecutionTimers(ex);
    this.enqueue({ kind: 'run', execId: ex.id, threadId: root.id, seq: root.seq });
    return ex;
  }

  /** Resolve once everything done so far is committed (API reads and answers that must be durable). */
  settle(): Promise<void> {
    if (!this.inStep) {
      this.flush();
      return Promise.resolve();
    }
    this.flushWanted = true;
    return new Promise((resolve) => this.afterCommit.push(resolve));
  }

  /**
   * Commit a new execution with the next group of writes and resolve once it is durable: concurrent
   * StartExecution calls share one transaction instead of paying for one each.
   */
  commitSoon(ex: Execution): Promise<void> {
    this.dirty.add(ex);
    return new Promise((resolve) => {
      this.afterCommit.push(resolve);
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => {
          this.flushScheduled = false;
          if (!this.closed) this.flush();
        });
      }
    });
  }

  /** Is there an execution with this ARN, running, finished, or created and not yet committed? */
  executionExists(arn: string): boolean {
    return this.byArn.has(arn) || this.uncommittedArns.has(arn) || this.store.hasExecution(arn);
  }

  private armExecutionTimers(ex: Execution): void {
    // TimeoutSeconds counts from the start of this attempt (a redrive starts a new one); the one-year cap
    // counts from the original start.
    const attemptStart = ex.redriveMs ?? ex.startMs;
    const limit = ex.def.TimeoutSeconds !== undefined ? ex.def.TimeoutSeconds * 1000 : MAX_EXECUTION_MS;
    this.timers.push({
      due: Math.min(attemptStart + limit, ex.startMs + MAX_EXECUTION_MS),
      execId: ex.id,
      threadId: -1,
      seq: 0,
      kind: 'execution-timeout',
    });
    if (!this.pumping) this.armRealTimer();
  }

  running(arn: string): Execution | undefined {
    return this.byArn.get(arn);
  }

  onExecutionEnd(id: number, fn: (ex: Execution) => void): void {
    const list = this.endWaiters.get(id) ?? [];
    list.push(fn);
    this.endWaiters.set(id, list);
  }

  /** End an execution: record the closing event, release its threads, tokens and timers, tell its parent. */
  finishExecution(
    ex: Execution,
    status: Exclude<ExecutionStatus, 'RUNNING' | 'PENDING_REDRIVE'>,
    result: { output?: string; error?: string; cause?: string },
  ): void {
    if (ex.status !== 'RUNNING') return;
    const root = [...ex.threads.values()].find((t) => t.parent === undefined);
    const prev = lastEventOf(ex);
    if (root && status !== 'SUCCEEDED')
      ex.redrive = { state: root.state, input: root.input, vars: root.vars };
    for (const th of ex.threads.values()) {
      if (th.task?.token) this.closeToken(ex, th, th.task.token);
      if (th.task?.childArn && th.phase !== 'done' && status !== 'SUCCEEDED')
        this.stopChildExecution(th.task.childArn);
    }
    ex.status = status;
    ex.stopMs = this.now();
    const details: Record<string, unknown> = {};
    if (result.error) details.error = result.error;
    if (result.cause) details.cause = result.cause;
    const p = root?.lastEventId ?? prev;
    switch (status) {
      case 'SUCCEEDED':
        ex.output = result.output ?? 'null';
        this.emit(
          ex,
          undefined,
          'ExecutionSucceeded',
          { executionSucceededEventDetails: { output: ex.output, outputDetails: { truncated: false } } },
          p,
        );
        break;
      case 'FAILED':
        this.emit(ex, undefined, 'ExecutionFailed', { executionFailedEventDetails: details }, p);
        break;
      case 'TIMED_OUT':
        this.emit(
          ex,
          undefined,
          'ExecutionTimedOut',
          { executionTimedOutEventDetails: details },
          lastEventOf(ex),
        );
        break;
      case 'ABORTED':
        this.emit(
          ex,
          undefined,
          'ExecutionAborted',
          { executionAbortedEventDetails: details },
          lastEventOf(ex),
        );
        break;
    }
    ex.error = result.error || null;
    ex.cause = result.cause || null;
    if (status !== 'SUCCEEDED' && this.onUnsuccessful && !ex.test) {
      const ended: EndedExecution = {
        executionArn: ex.arn,
        name: ex.name,
        stateMachineName: ex.smName,
        status,
        ...(result.error ? { error: result.error } : {}),
        ...caseIdOf(ex.inputText),
      };
      const listener = this.onUnsuccessful;
      this.afterCommit.push(() => listener(ended));
    }
    ex.threads.clear();
    ex.dropAllThreads = true;
    this.dirty.add(ex);
    this.executions.delete(ex.id);
    this.byArn.delete(ex.arn);
    if (ex.durable) this.endedUncommitted.set(ex.arn, ex);
    if (ex.parent) {
      const parent = this.byArn.get(ex.parent.execArn);
      if (parent) {
        this.enqueue({
          kind: 'child-exec',
          execId: parent.id,
          threadId: ex.parent.threadId,
          seq: ex.parent.seq,
          childArn: ex.arn,
        });
      }
    }
    const waiters = this.endWaiters.get(ex.id);
    if (waiters) {
      this.endWaiters.delete(ex.id);
      this.afterCommit.push(() => {
        for (const w of waiters) w(ex);
      });
    }
  }

  stopExecution(arn: string, error?: string, cause?: string): Promise<number> {
    const ex = this.byArn.get(arn);
    if (!ex) {
      const ended = this.endedUncommitted.get(arn);
      if (ended) return Promise.resolve(ended.stopMs ?? this.now());
      const row = this.store.getExecution(arn);
      if (!row) return Promise.reject(notFoundExecution(arn));
      return Promise.resolve(row.stopMs ?? this.now());
    }
    return new Promise((resolve, reject) => {
      this.enqueue({
        kind: 'stop',
        execId: ex.id,
        error,
        cause,
        reply: (err) => (err ? reject(err) : resolve(ex.stopMs ?? this.now())),
      });
    });
  }

  /**
   * RedriveExecution: continue an unsuccessful Standard execution from the top-level state that did not
   * complete, with that state's input and the variables it saw. (AWS reruns only the failed branches or
   * iterations of a Parallel / inline Map; this engine reruns the whole state.)
   */
  async redriveExecution(arn: string): Promise<number> {
    await this.settle();
    if (this.byArn.has(arn)) {
      throw new ApiError('ExecutionNotRedrivable', `Execution is RUNNING and cannot be redriven: '${arn}'`);
    }
    const row = this.store.getExecution(arn);
    if (!row) throw notFoundExecution(arn);
    if (row.status === 'SUCCEEDED') {
      throw new ApiError('ExecutionNotRedrivable', `Execution is SUCCEEDED and cannot be redriven: '${arn}'`);
    }
    const text = this.store.getDefinition(row.definitionHash);
    if (!text) throw notFoundExecution(arn);
    const ex = Execution.fromRow(row, this.definitionOf(text).def);
    const point = ex.redrive;
    if (!point || this.now() - (row.stopMs ?? 0) > REDRIVE_WINDOW_MS || ex.nextEventId > MAX_HISTORY_EVENTS) {
      throw new ApiError('ExecutionNotRedrivable', `Execution cannot be redriven: '${arn}'`);
    }
    ex.persisted = true;
    ex.status = 'RUNNING';
    ex.stopMs = null;
    ex.output = null;
    ex.error = null;
    ex.cause = null;
    ex.redrive = undefined;
    ex.redriveCount++;
    ex.redriveMs = this.now();
    this.executions.set(ex.id, ex);
    this.byArn.set(ex.arn, ex);
    const redrivenId = this.emit(
      ex,
      undefined,
      'ExecutionRedriven',
      {
        executionRedrivenEventDetails: { redriveCount: ex.redriveCount },
      },
      lastEventOf(ex),
    );
    const root = this.newThread(ex, {
      scope: [],
      state: point.state,
      input: point.input,
      vars: point.vars,
      lastEventId: redrivenId,
    });
    this.armExecutionTimers(ex);
    this.enqueue({ kind: 'run', execId: ex.id, threadId: root.id, seq: root.seq });
    await this.commitSoon(ex);
    return ex.redriveMs;
  }

  /** Stop a child execution started by a task that no longer waits for it. */
  stopChildExecution(arn: string): void {
    const child = this.byArn.get(arn);
    if (child) this.enqueue({ kind: 'stop', execId: child.id, reply: () => undefined });
  }

  /** What a `.sync` / `.sync:2` task returns for a finished child execution. */
  private childOutcome(childArn: string, resourceName: string): Outcome {
    // The child may have ended since the last commit: then only memory knows its final state.
    const ex = this.endedUncommitted.get(childArn)?.toRow() ?? this.store.getExecution(childArn);
    if (!ex) return { ok: false, error: 'States.TaskFailed', cause: `Execution ${childArn} not found` };
    const parsed = resourceName.endsWith(':2');
    const base: Record<string, unknown> = {
      ExecutionArn: ex.arn,
      Input: parsed ? JSON.parse(ex.input) : ex.input,
      InputDetails: { Included: true },
      Name: ex.name,
    };
    if (ex.status === 'SUCCEEDED') {
      return {
        ok: true,
        value: {
          ...base,
          Output: parsed ? JSON.parse(ex.output ?? 'null') : ex.output,
          OutputDetails: { Included: true },
          StartDate: ex.startMs,
          StateMachineArn: ex.smArn,
          Status: ex.status,
          StopDate: ex.stopMs,
        },
      };
    }
    const cause: Record<string, unknown> = {};
    if (ex.cause) cause.Cause = ex.cause;
    if (ex.error) cause.Error = ex.error;
    Object.assign(cause, base, {
      StartDate: ex.startMs,
      StateMachineArn: ex.smArn,
      Status: ex.status,
      StopDate: ex.stopMs,
    });
    return { ok: false, error: 'States.TaskFailed', cause: JSON.stringify(cause) };
  }

  // ------------------------------------------------------------------------------------------ tasks

  /** Start the integration call of a thread that just entered its task phase. */
  dispatchTask(ex: Execution, th: Thread): void {
    const task = th.task!;
    const seq = th.seq;
    const parsed = parseResource(task.resource);
    const submitted = parsed.pattern === 'token';
    const date = new Date(this.now());
    const settings = {
      region: this.region,
      accountId: this.accountId,
      timeoutMs: (task.timeoutSeconds ?? 900) * 1000,
    };
    const mocked = this.mocks?.responseFor(ex, th);
    if (mocked) {
      // A mocked callback task's response is its result: there is no token holder to wait for.
      this.track(ex.id, th.id, seq, Promise.resolve(mocked), false);
      return;
    }
    if (parsed.kind === 'lambda-arn') {
      this.noteInvocation(ex, th, task.resource);
      this.track(ex.id, th.id, seq, invokeLocal(this.lambdas, task.resource, task.params, settings), false);
      return;
    }
    if (parsed.resourceType === 'lambda' && parsed.action === 'invoke') {
      const params = (task.params ?? {}) as Record<string, unknown>;
      if (typeof params.FunctionName !== 'string') {
        this.track(ex.id, th.id, seq, Promise.resolve(missingParameter('FunctionName')), submitted);
        return;
      }
      this.noteInvocation(ex, th, params.FunctionName);
      const call = invokeLocal(this.lambdas, params.FunctionName, params.Payload ?? {}, settings).then(
        (r): Outcome => (r.ok ? { ok: true, value: invokeResponse(r.value, r.requestId, date) } : r),
      );
      this.track(ex.id, th.id, seq, call, submitted);
      return;
    }
    if (parsed.resourceType === 'states' && parsed.action === 'startExecution') {
      const outcome = this.startChild(ex, th, parsed.pattern, date);
      const waits = parsed.pattern !== 'request';
      this.track(ex.id, th.id, seq, Promise.resolve(outcome), waits);
      return;
    }
    if (parsed.resourceType.startsWith('aws-sdk:')) {
      const service = parsed.resourceType.slice('aws-sdk:'.length);
      this.track(
        ex.id,
        th.id,
        seq,
        callAwsSdk(service, parsed.action, task.params, this.awsEndpoints, this.region),
        submitted,
      );
      return;
    }
    this.track(
      ex.id,
      th.id,
      seq,
      Promise.resolve<Outcome>({
        ok: false,
        error: 'States.Runtime',
        cause: `The resource '${task.resource}' is not supported by the local engine (supported: Lambda, states:startExecution, aws-sdk:dynamodb, aws-sdk:sesv2).`,
      }),
      false,
    );
  }

  /**
   * Records when the Lambda invocation about to start must end (written with the step that starts it),
   * for a function registered with its own timeout; others are re-sent at once after a restart.
   */
  private noteInvocation(ex: Execution, th: Thread, functionName: string): void {
    const timeoutMs = this.lambdas.resolve(functionName)?.timeoutMs;
    if (timeoutMs === undefined) delete th.task!.invocationDeadline;
    else th.task!.invocationDeadline = Date.now() + timeoutMs;
    this.touch(ex, th);
  }

  /**
   * Re-sends a Lambda invocation lost with the previous process once its deadline has passed, as Lambda
   * would have timed it out: until then its idempotency record is still in progress. Counted as work in
   * flight, so a clock move (or waitForIdle) waits for it.
   */
  private redispatchAfterDeadline(ex: Execution, th: Thread): void {
    const wait = (th.task?.invocationDeadline ?? 0) - Date.now();
    if (wait <= 0) {
      this.dispatchTask(ex, th);
      return;
    }
    const seq = th.seq;
    this.inflight++;
    const timer = setTimeout(() => {
      this.recoveryTimers.delete(timer);
      if (!this.closed && ex.status === 'RUNNING' && th.phase === 'task' && th.seq === seq) {
        this.dispatchTask(ex, th);
      }
      this.inflight--;
      this.checkIdle();
    }, wait);
    this.recoveryTimers.add(timer);
  }

  private track(
    execId: number,
    threadId: number,
    seq: number,
    p: Promise<Outcome>,
    submitted: boolean,
  ): void {
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

  /** states:startExecution from a task: the child is created in the parent's step (atomically with it). */
  private startChild(ex: Execution, th: Thread, pattern: string, date: Date): Outcome {
    const params = (th.task!.params ?? {}) as Record<string, unknown>;
    const smArn = params.StateMachineArn;
    if (typeof smArn !== 'string') return missingParameter('StateMachineArn');
    const sm = this.store.getStateMachine(smArn.split('#')[0]);
    if (!sm) {
      return {
        ok: false,
        error: 'StepFunctions.StateMachineDoesNotExistException',
        cause: `State Machine Does Not Exist: '${smArn}' (Service: AWSStepFunctions; Status Code: 400; Error Code: StateMachineDoesNotExist; Request ID: ${randomUUID()}; Proxy: null)`,
      };
    }
    const input =
      params.Input === undefined
        ? '{}'
        : typeof params.Input === 'string'
          ? params.Input
          : JSON.stringify(params.Input);
    const name = typeof params.Name === 'string' ? params.Name : randomUUID();
    const arn = this.executionArn(sm.arn, name, sm.type === 'EXPRESS');
    if (this.executionExists(arn)) {
      return {
        ok: false,
        error: 'StepFunctions.ExecutionAlreadyExistsException',
        cause: `Execution Already Exists: '${arn}' (Service: AWSStepFunctions; Status Code: 400; Error Code: ExecutionAlreadyExists; Request ID: ${randomUUID()}; Proxy: null)`,
      };
    }
    const child = this.createExecution({
      machine: sm,
      name,
      inputText: input,
      parent:
        pattern === 'sync' || pattern === 'sync2'
          ? { execArn: ex.arn, threadId: th.id, seq: th.seq }
          : undefined,
      mockTestCase: smArn.includes('#') ? smArn.split('#')[1] : undefined,
      durable: true,
    });
    th.task!.childArn = child.arn;
    this.touch(ex, th);
    const body = { ExecutionArn: child.arn, StartDate: child.startMs };
    return { ok: true, value: { ...body, ...sdkMetadata(randomUUID(), date, body) } };
  }

  // ------------------------------------------------------------------------------------------ recovery

  /** Load every RUNNING execution from the store and re-derive its queue entries, timers and tokens. */
  recover(): void {
    for (const row of this.store.runningExecutions()) {
      const text = this.store.getDefinition(row.definitionHash);
      if (!text) continue;
      const { def } = this.definitionOf(text);
      const ex = Execution.fromRow(row, def);
      ex.persisted = true;
      for (const t of this.store.threads(ex.id)) ex.threads.set(t.id, JSON.parse(t.body) as Thread);
      this.executions.set(ex.id, ex);
      this.byArn.set(ex.arn, ex);
      this.armExecutionTimers(ex);
    }
    for (const ex of this.executions.values()) {
      for (const th of ex.threads.values()) this.resume(ex, th);
    }
  }

  private resume(ex: Execution, th: Thread): void {
    switch (th.phase) {
      case 'enter':
        this.enqueue({ kind: 'run', execId: ex.id, threadId: th.id, seq: th.seq });
        return;
      case 'wait':
      case 'retry':
        this.addTimer(ex, th, th.wakeAt ?? this.now(), 'wake');
        return;
      case 'done':
        if (th.parent !== undefined && !th.reported) {
          this.enqueue({ kind: 'child', execId: ex.id, threadId: th.parent, childId: th.id });
        }
        return;
      case 'task': {
        const task = th.task!;
        if (task.timeoutAt !== undefined) this.addTimer(ex, th, task.timeoutAt, 'timeout');
        if (task.heartbeatAt !== undefined) this.addTimer(ex, th, task.heartbeatAt, 'heartbeat');
        if (task.token) this.tokens.set(task.token, { execId: ex.id, threadId: th.id });
        if (task.childArn) {
          const child = this.byArn.get(task.childArn);
          const pattern = parseResource(task.resource).pattern;
          if (!child && (pattern === 'sync' || pattern === 'sync2') && task.submitted) {
            this.enqueue({
              kind: 'child-exec',
              execId: ex.id,
              threadId: th.id,
              seq: th.seq,
              childArn: task.childArn,
            });
          } else if (!task.submitted) {
            // The child exists (it was created in the same step); only the submission answer was lost.
            const body = { ExecutionArn: task.childArn, StartDate: child?.startMs ?? this.now() };
            this.track(
              ex.id,
              th.id,
              th.seq,
              Promise.resolve({ ok: true, value: body }),
              pattern !== 'request',
            );
          }
          return;
        }
        if (!task.submitted) this.redispatchAfterDeadline(ex, th);
        return;
      }
      default:
        return;
    }
  }

  close(): void {
    this.closed = true;
    if (this.realTimer) clearTimeout(this.realTimer);
    for (const timer of this.recoveryTimers) clearTimeout(timer);
    this.recoveryTimers.clear();
    this.flush();
    this.timers.clear();
  }

  describeClock(): string {
    return iso(this.now());
  }
}

function caseIdOf(input: string): { caseId?: string } {
  try {
    const parsed = JSON.parse(input) as { caseId?: unknown };
    return typeof parsed?.caseId === 'string' ? { caseId: parsed.caseId } : {};
  } catch {
    return {};
  }
}

function lastEventOf(ex: Execution): number {
  return ex.nextEventId - 1;
}

function taskTimedOut(): ApiError {
  return new ApiError('TaskTimedOut', 'Task Timed Out');
}

function missingParameter(name: string): Outcome {
  return {
    ok: false,
    error: 'States.Runtime',
    cause: `The field '${name}' is required by the integration.`,
  };
}

export { notFoundStateMachine };
