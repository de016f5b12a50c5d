import type { Execution } from '../execution';
import type { NewThread } from '../interpreter/host';
import type { Store } from '../store';
import type { StateText, Thread } from '../types';
import type { Clock } from './clock';

/**
 * What the steps write, held in memory and committed to the store in one transaction per group of steps.
 * One transaction per step would cap the engine at the disk's sync rate; grouping keeps each commit whole
 * (never half a step) and answers callers only once what they were told is durable.
 */
export class PersistenceBatch {
  private ops: (() => void)[] = [];
  private committed: (() => void)[] = [];
  /** Executions with writes not yet committed; written (latest state only) at the next flush. */
  private readonly dirty = new Set<Execution>();
  /** ARNs of executions created since the last commit (the store cannot answer for them yet). */
  private readonly createdArns = new Set<string>();
  /** Executions that ended since the last commit (the store cannot answer for them yet). */
  private readonly ended = new Map<string, Execution>();
  /** Tokens closed since the last commit. */
  private readonly closedTokens = new Set<string>();
  /** A step is being processed: commits wait for its end, so they only ever hold whole steps. */
  private inStep = false;
  private flushWanted = false;
  private flushScheduled = false;
  private committedClock = Number.NaN;
  private closed = false;
  /** Will the scheduler's pump commit soon by itself (it is running or about to)? Set by the scheduler. */
  private pumpWillCommit: () => boolean = () => false;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** The scheduler's pump commits whenever it stops: a start queued behind it needs no commit of its own. */
  commitsWithPump(pending: () => boolean): void {
    this.pumpWillCommit = pending;
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
    // An EXPRESS execution's history is never stored (AWS keeps none either).
    if (ex.durable) {
      const body = JSON.stringify({ t: type, ts: this.clock.now(), p: previous, d: details });
      ex.newEvents.add(id, body, type.endsWith('StateEntered'));
    }
    if (th) th.lastEventId = id;
    this.dirty.add(ex);
    return id;
  }

  /**
   * `emit` of a state's entered or exited event holding only its name and input or output text, with the
   * body put together from the text's JSON literal, which the exit and the next entry share (quoting a
   * payload was most of a long loop's event cost). The body is the text `emit` makes, key for key, except
   * that a payload the chunk holds already is written as a reference to it (`PendingEvents.addShared`).
   */
  emitStateEvent(ex: Execution, th: Thread, type: string, entered: boolean, payload: StateText): number {
    if (th.quiet) return th.lastEventId;
    const id = ex.nextEventId++;
    const previous = th.lastEventId;
    if (ex.durable) {
      if (payload.quoted === undefined) payload.quoted = JSON.stringify(payload.text);
      const [start, middle] = stateEventParts(type, entered, th.state);
      const head = `${start}${this.clock.now()},"p":${previous}${middle}`;
      ex.newEvents.addShared(
        id,
        head,
        payload,
        payload.quoted,
        entered ? ENTERED_TAIL : EXITED_TAIL,
        entered,
      );
    }
    th.lastEventId = id;
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
      enteredMs: this.clock.now(),
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

  /** A store write that is not an execution's (a definition), committed with the next group. */
  write(op: () => void): void {
    this.ops.push(op);
  }

  /** Run `cb` once everything written so far is committed. */
  afterCommit(cb: () => void): void {
    this.committed.push(cb);
  }

  // ------------------------------------------------------------------------------------------ not yet committed

  created(ex: Execution): void {
    this.createdArns.add(ex.arn);
  }

  isCreatedUncommitted(arn: string): boolean {
    return this.createdArns.has(arn);
  }

  endedExecution(ex: Execution): void {
    this.ended.set(ex.arn, ex);
  }

  /** An execution that ended since the last commit: only memory knows its final state. */
  endedUncommitted(arn: string): Execution | undefined {
    return this.ended.get(arn);
  }

  tokenClosed(token: string): void {
    this.closedTokens.add(token);
  }

  isTokenClosedUncommitted(token: string): boolean {
    return this.closedTokens.has(token);
  }

  // ------------------------------------------------------------------------------------------ commits

  beginStep(): void {
    this.inStep = true;
  }

  endStep(): void {
    this.inStep = false;
  }

  /** Commit now if a commit was asked for during the step that just ended. */
  flushIfWanted(): void {
    if (this.flushWanted) this.flush();
  }

  /**
   * Commit if anyone waits for durability: a caller's answer, a callback's reply, a call to the outside world
   * (`outside`). A busy pump asks this every few milliseconds; with nobody waiting, what its steps wrote waits
   * for the pump's end (or `tooLongUncommitted`), so an execution that starts, runs and ends within one busy
   * spell is written once, not once per interval. Nothing is lost that was promised: whatever a client or the
   * outside world was told is committed before it is told.
   */
  flushIfAwaited(): boolean {
    if (this.committed.length === 0 && this.dirty.size < MAX_UNCOMMITTED_EXECUTIONS) return false;
    this.flush();
    return true;
  }

  /**
   * Resolves once everything written so far is committed: a step about to let something out of the engine
   * (an integration call carrying its input or a task token, a re-sent invocation) waits on it, so a crash
   * can never leave the outside world holding what the restarted engine does not know about.
   */
  outside(): Promise<void> {
    return new Promise((resolve) => {
      this.committed.push(resolve);
      this.flushSoon();
    });
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
    if (clock) this.ops.push(clock);
    if (this.ops.length > 0 || this.dirty.size > 0) {
      const ops = this.ops;
      const dirty = [...this.dirty];
      this.ops = [];
      this.dirty.clear();
      this.store.transaction(() => {
        for (const op of ops) op();
        for (const ex of dirty) this.writeExecution(ex);
      });
    }
    this.createdArns.clear();
    this.ended.clear();
    this.closedTokens.clear();
    if (this.committed.length > 0) {
      const cbs = this.committed;
      this.committed = [];
      for (const cb of cbs) cb();
    }
  }

  /** Resolve once everything done so far is committed (API reads and answers that must be durable). */
  settle(): Promise<void> {
    if (!this.inStep) {
      this.flush();
      return Promise.resolve();
    }
    this.flushWanted = true;
    return new Promise((resolve) => this.committed.push(resolve));
  }

  /**
   * Commit a new execution with the next group of writes and resolve once it is durable: concurrent
   * StartExecution calls share one transaction instead of paying for one each. While the pump is running
   * or about to (the new execution's first step is queued), its own commit takes the start along, so the
   * execution's row is written once with its first steps instead of once at the start and again after.
   */
  commitSoon(ex: Execution): Promise<void> {
    this.dirty.add(ex);
    return new Promise((resolve) => {
      this.committed.push(resolve);
      this.flushSoon();
    });
  }

  /** Commit at the next turn of the event loop, unless the pump is running or about to (it commits then). */
  private flushSoon(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      if (!this.closed && !this.pumpWillCommit()) this.flush();
    });
  }

  /** The last commit: later writes are dropped with the process. */
  close(): void {
    this.closed = true;
    this.flush();
  }

  /** The virtual time is committed with the steps it caused, so a restart resumes at a consistent time. */
  private clockWrite(): (() => void) | undefined {
    const now = this.clock.virtualTime();
    if (now === undefined || now === this.committedClock) return undefined;
    this.committedClock = now;
    return () => this.store.setMeta('virtualClock', String(now));
  }

  /** Write an execution's latest state and its new events, threads and tokens (inside the commit). */
  private writeExecution(ex: Execution): void {
    if (!ex.durable) {
      ex.newEvents.clear(true);
      ex.dirtyThreads.clear();
      ex.deletedThreads.clear();
      ex.tokenWrites = [];
      ex.dropAllThreads = false;
      return;
    }
    const s = this.store;
    const row = ex.toRow();
    // Thread rows are only ever written with the execution's row: an execution written for the first time
    // has none to delete (most short executions start and end within one commit).
    const hadRows = ex.persisted;
    if (!hadRows) {
      ex.persisted = true;
      s.upsertExecution(row);
    } else {
      s.updateExecution(row);
    }
    const id = ex.id;
    if (ex.dropAllThreads) {
      if (hadRows) s.deleteThreads(id);
    } else {
      if (hadRows) for (const tid of ex.deletedThreads) s.deleteThread(id, tid);
      for (const tid of ex.dirtyThreads) {
        const th = ex.threads.get(tid);
        if (th) s.upsertThread(id, tid, JSON.stringify(th));
      }
    }
    const events = ex.newEvents;
    if (events.count > 0)
      s.insertChunk(id, events.first, events.first + events.count - 1, events.entered, events.bytes());
    // An ended execution writes no more events: its buffer goes back for another's.
    events.clear(ex.status !== 'RUNNING');
    for (const t of ex.tokenWrites) s.putToken(t.token, id, t.threadId, t.open);
    ex.dirtyThreads.clear();
    ex.deletedThreads.clear();
    ex.tokenWrites = [];
    ex.dropAllThreads = false;
  }
}

/**
 * Executions with uncommitted writes past which a busy pump commits even when nobody waits: each holds its
 * pending history in memory until then.
 */
const MAX_UNCOMMITTED_EXECUTIONS = 2048;

/**
 * The fixed text of a state's entered / exited event around its time and previous id: `{"t":"<type>","ts":`
 * and `,"d":{"state…EventDetails":{"name":"<name>","input":` (or `"output":`), quoted once per type and
 * state name instead of once per event.
 */
function stateEventParts(type: string, entered: boolean, name: string): [string, string] {
  let byName = eventParts.get(type);
  if (byName === undefined) {
    byName = new Map();
    eventParts.set(type, byName);
  }
  let parts = byName.get(name);
  if (parts === undefined) {
    const details = entered ? '{"stateEnteredEventDetails":{"name":' : '{"stateExitedEventDetails":{"name":';
    const key = entered ? ',"input":' : ',"output":';
    parts = [`{"t":${JSON.stringify(type)},"ts":`, `,"d":${details}${JSON.stringify(name)}${key}`];
    // Definitions come and go over a long run: forget them all now and then rather than keep every name.
    if (byName.size > 10_000) byName.clear();
    byName.set(name, parts);
  }
  return parts;
}

const eventParts = new Map<string, Map<string, [string, string]>>();

const ENTERED_TAIL = ',"inputDetails":{"truncated":false}}}}';
const EXITED_TAIL = ',"outputDetails":{"truncated":false}}}}';
