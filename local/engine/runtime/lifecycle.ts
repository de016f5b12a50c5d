import { ApiError, notFoundExecution } from '../api/errors';
import { Execution, type ExecutionStatus } from '../execution';
import { MAX_EXECUTION_MS, MAX_HISTORY_EVENTS } from '../interpreter/limits';
import type { StateMachineRow, Store } from '../store';
import type { ParentLink } from '../types';
import type { Clock } from './clock';
import type { PersistenceBatch } from './persistence-batch';
import type { ExecutionRegistry } from './registry';
import type { Scheduler } from './scheduler';

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

export type EndStatus = Exclude<ExecutionStatus, 'RUNNING' | 'PENDING_REDRIVE'>;

export interface NewExecution {
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
}

/** AWS lets an unsuccessful execution be redriven for 14 days after it stopped. */
const REDRIVE_WINDOW_MS = 14 * 24 * 3600 * 1000;

/**
 * An execution's life: its start (and restart by a redrive), its end, and a stop asked for from outside.
 * These are the moments that touch everything at once: history, threads, tokens, timers, the parent of a
 * child execution and whoever waits for the result.
 */
export class Lifecycle {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly batch: PersistenceBatch,
    private readonly registry: ExecutionRegistry,
    private readonly scheduler: Scheduler,
    private readonly onUnsuccessful?: (ended: EndedExecution) => void,
  ) {}

  /** Create an execution and queue its first state. Written in the current batch (the caller flushes). */
  createExecution(o: NewExecution): Execution {
    const { machine } = o;
    const { def, hash } = this.registry.definitionOf(machine.definition);
    const start = this.clock.now();
    const ex = new Execution({
      id: this.registry.newId(),
      arn: this.registry.executionArn(machine.arn, o.name, machine.type === 'EXPRESS'),
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
    if (o.durable) this.batch.created(ex);
    if (o.durable) {
      const text = machine.definition;
      this.batch.write(() => this.store.putDefinition(hash, text));
    }
    this.registry.add(ex);
    this.batch.emit(ex, undefined, 'ExecutionStarted', {
      executionStartedEventDetails: {
        input: o.inputText,
        inputDetails: { truncated: false },
        roleArn: machine.roleArn,
      },
    });
    const root = this.batch.newThread(ex, {
      scope: [],
      state: def.StartAt,
      input: ex.input,
      vars: o.vars ?? {},
      lastEventId: 0,
    });
    this.armExecutionTimers(ex);
    this.scheduler.enqueue({ kind: 'run', execId: ex.id, threadId: root.id, seq: root.seq });
    return ex;
  }

  armExecutionTimers(ex: Execution): void {
    // TimeoutSeconds counts from the start of this attempt (a redrive starts a new one); the one-year cap
    // counts from the original start.
    const attemptStart = ex.redriveMs ?? ex.startMs;
    const limit = ex.def.TimeoutSeconds !== undefined ? ex.def.TimeoutSeconds * 1000 : MAX_EXECUTION_MS;
    this.scheduler.pushTimer({
      due: Math.min(attemptStart + limit, ex.startMs + MAX_EXECUTION_MS),
      execId: ex.id,
      threadId: -1,
      seq: 0,
      kind: 'execution-timeout',
    });
  }

  /** End an execution: record the closing event, release its threads, tokens and timers, tell its parent. */
  finishExecution(
    ex: Execution,
    status: EndStatus,
    result: { output?: string; error?: string; cause?: string },
  ): void {
    if (ex.status !== 'RUNNING') return;
    const root = [...ex.threads.values()].find((t) => t.parent === undefined);
    const prev = lastEventOf(ex);
    if (root && status !== 'SUCCEEDED')
      ex.redrive = { state: root.state, input: root.input, vars: root.vars };
    for (const th of ex.threads.values()) {
      if (th.task?.token) this.registry.closeToken(ex, th, th.task.token);
      if (th.task?.childArn && th.phase !== 'done' && status !== 'SUCCEEDED')
        this.stopChildExecution(th.task.childArn);
    }
    ex.status = status;
    ex.stopMs = this.clock.now();
    this.emitEnd(ex, status, result, root?.lastEventId ?? prev);
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
      this.batch.afterCommit(() => listener(ended));
    }
    ex.threads.clear();
    ex.dropAllThreads = true;
    this.batch.touch(ex);
    this.registry.remove(ex);
    if (ex.durable) this.batch.endedExecution(ex);
    for (const link of [...(ex.parent ? [ex.parent] : []), ...ex.followers]) {
      const parent = this.registry.running(link.execArn);
      if (parent) {
        this.scheduler.enqueue({
          kind: 'child-exec',
          execId: parent.id,
          threadId: link.threadId,
          seq: link.seq,
          childArn: ex.arn,
        });
      }
    }
    const waiters = this.registry.takeEndWaiters(ex.id);
    if (waiters) {
      this.batch.afterCommit(() => {
        for (const w of waiters) w(ex);
      });
    }
  }

  /** The closing history event; a success or failure follows the root thread's last event. */
  private emitEnd(
    ex: Execution,
    status: EndStatus,
    result: { output?: string; error?: string; cause?: string },
    p: number,
  ): void {
    const details: Record<string, unknown> = {};
    if (result.error) details.error = result.error;
    if (result.cause) details.cause = result.cause;
    switch (status) {
      case 'SUCCEEDED':
        ex.output = result.output ?? 'null';
        this.batch.emit(
          ex,
          undefined,
          'ExecutionSucceeded',
          { executionSucceededEventDetails: { output: ex.output, outputDetails: { truncated: false } } },
          p,
        );
        break;
      case 'FAILED':
        this.batch.emit(ex, undefined, 'ExecutionFailed', { executionFailedEventDetails: details }, p);
        break;
      case 'TIMED_OUT':
        this.batch.emit(
          ex,
          undefined,
          'ExecutionTimedOut',
          { executionTimedOutEventDetails: details },
          lastEventOf(ex),
        );
        break;
      case 'ABORTED':
        this.batch.emit(
          ex,
          undefined,
          'ExecutionAborted',
          { executionAbortedEventDetails: details },
          lastEventOf(ex),
        );
        break;
    }
  }

  stopExecution(arn: string, error?: string, cause?: string): Promise<number> {
    const ex = this.registry.running(arn);
    if (!ex) {
      const ended = this.batch.endedUncommitted(arn);
      if (ended) return Promise.resolve(ended.stopMs ?? this.clock.now());
      const row = this.store.getExecution(arn);
      if (!row) return Promise.reject(notFoundExecution(arn));
      return Promise.resolve(row.stopMs ?? this.clock.now());
    }
    return new Promise((resolve, reject) => {
      this.scheduler.enqueue({
        kind: 'stop',
        execId: ex.id,
        error,
        cause,
        reply: (err) => (err ? reject(err) : resolve(ex.stopMs ?? this.clock.now())),
      });
    });
  }

  /** Stop a child execution started by a task that no longer waits for it. */
  stopChildExecution(arn: string): void {
    const child = this.registry.running(arn);
    if (child) this.scheduler.enqueue({ kind: 'stop', execId: child.id, reply: () => undefined });
  }

  /**
   * RedriveExecution: continue an unsuccessful Standard execution from the top-level state that did not
   * complete, with that state's input and the variables it saw. (AWS reruns only the failed branches or
   * iterations of a Parallel / inline Map; this engine reruns the whole state.)
   */
  async redriveExecution(arn: string): Promise<number> {
    await this.batch.settle();
    if (this.registry.running(arn)) {
      throw new ApiError('ExecutionNotRedrivable', `Execution is RUNNING and cannot be redriven: '${arn}'`);
    }
    const row = this.store.getExecution(arn);
    if (!row) throw notFoundExecution(arn);
    if (row.status === 'SUCCEEDED') {
      throw new ApiError('ExecutionNotRedrivable', `Execution is SUCCEEDED and cannot be redriven: '${arn}'`);
    }
    const text = this.store.getDefinition(row.definitionHash);
    if (!text) throw notFoundExecution(arn);
    const ex = Execution.fromRow(row, this.registry.definitionOf(text).def);
    const point = ex.redrive;
    if (
      !point ||
      this.clock.now() - (row.stopMs ?? 0) > REDRIVE_WINDOW_MS ||
      ex.nextEventId > MAX_HISTORY_EVENTS
    ) {
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
    ex.redriveMs = this.clock.now();
    this.registry.add(ex);
    const redrivenId = this.batch.emit(
      ex,
      undefined,
      'ExecutionRedriven',
      {
        executionRedrivenEventDetails: { redriveCount: ex.redriveCount },
      },
      lastEventOf(ex),
    );
    const root = this.batch.newThread(ex, {
      scope: [],
      state: point.state,
      input: point.input,
      vars: point.vars,
      lastEventId: redrivenId,
    });
    this.armExecutionTimers(ex);
    this.scheduler.enqueue({ kind: 'run', execId: ex.id, threadId: root.id, seq: root.seq });
    await this.batch.commitSoon(ex);
    return ex.redriveMs;
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
