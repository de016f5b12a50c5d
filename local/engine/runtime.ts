import type { EngineApi } from './api/engine-api';
import type { ExecutionStatus, Execution } from './execution';
import { iso } from './interpreter/context';
import type { InterpreterHost, NewThread, ThreadTimer } from './interpreter/host';
import type { LambdaRegistry } from './integrations/lambda';
import type { MockConfig } from './integrations/mocks';
import { deliverCallback } from './runtime/callbacks';
import { Clock } from './runtime/clock';
import { type EndedExecution, Lifecycle, type NewExecution } from './runtime/lifecycle';
import { PersistenceBatch } from './runtime/persistence-batch';
import { recoverRunning } from './runtime/recovery';
import { ExecutionRegistry } from './runtime/registry';
import { Scheduler } from './runtime/scheduler';
import { SignalHandler } from './runtime/signal-handler';
import { TaskDispatcher } from './runtime/task-dispatch';
import type { EventRow, ExecutionRow, StateMachineRow, Store } from './store';
import type { StateText, Thread } from './types';

export type { EndedExecution };

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

/**
 * The engine: executions in memory, a run queue processed one signal at a time (so a step never
 * interleaves with another), timers on a real or virtual clock, and a write batch committed to the store in
 * one transaction per group of steps. This class only wires its parts together and is what the interpreter
 * (InterpreterHost) and the HTTP API (EngineApi) see; each part is in runtime/.
 */
export class Runtime implements InterpreterHost, EngineApi {
  readonly region: string;
  readonly accountId: string;
  readonly virtual: boolean;
  private readonly store: Store;
  private readonly mocks?: MockConfig;
  private readonly clock: Clock;
  private readonly batch: PersistenceBatch;
  private readonly scheduler: Scheduler;
  private readonly registry: ExecutionRegistry;
  private readonly lifecycle: Lifecycle;
  private readonly tasks: TaskDispatcher;
  private readonly signals: SignalHandler;

  constructor(o: RuntimeOptions) {
    this.store = o.store;
    this.region = o.region;
    this.accountId = o.accountId;
    this.mocks = o.mocks;
    this.virtual = o.virtualClock;
    const stored = this.store.getMeta('virtualClock');
    this.clock = new Clock(o.virtualClock, stored !== undefined ? Number(stored) : o.startMs);
    this.batch = new PersistenceBatch(o.store, this.clock);
    this.scheduler = new Scheduler(this.clock, this.batch, (sig) => this.signals.process(sig));
    this.registry = new ExecutionRegistry(o.store, this.batch, o.region, o.accountId);
    this.lifecycle = new Lifecycle(
      o.store,
      this.clock,
      this.batch,
      this.registry,
      this.scheduler,
      o.onUnsuccessful,
    );
    this.tasks = new TaskDispatcher(
      o,
      o.store,
      this.clock,
      this.batch,
      this.registry,
      this.scheduler,
      this.lifecycle,
    );
    this.signals = new SignalHandler(this, this.batch, this.registry, this.lifecycle, this.tasks);
  }

  // ------------------------------------------------------------------------------------------ InterpreterHost

  now(): number {
    return this.clock.now();
  }

  emit(
    ex: Execution,
    th: Thread | undefined,
    type: string,
    details: Record<string, unknown>,
    prev?: number,
  ): number {
    return this.batch.emit(ex, th, type, details, prev);
  }

  emitStateEvent(ex: Execution, th: Thread, type: string, entered: boolean, payload: StateText): number {
    return this.batch.emitStateEvent(ex, th, type, entered, payload);
  }

  touch(ex: Execution, th?: Thread): void {
    this.batch.touch(ex, th);
  }

  newThread(ex: Execution, init: NewThread): Thread {
    return this.batch.newThread(ex, init);
  }

  dropThread(ex: Execution, th: Thread): void {
    this.batch.dropThread(ex, th);
  }

  runLater(ex: Execution, th: Thread): void {
    this.scheduler.enqueue({ kind: 'run', execId: ex.id, threadId: th.id, seq: th.seq });
  }

  reportToParent(ex: Execution, child: Thread): void {
    this.scheduler.enqueue({ kind: 'child', execId: ex.id, threadId: child.parent!, childId: child.id });
  }

  addTimer(ex: Execution, th: Thread, due: number, kind: ThreadTimer): void {
    this.scheduler.addTimer(ex, th, due, kind);
  }

  dispatchTask(ex: Execution, th: Thread): void {
    this.tasks.dispatchTask(ex, th);
  }

  newToken(): string {
    return this.registry.newToken();
  }

  registerToken(ex: Execution, th: Thread, token: string): void {
    this.registry.registerToken(ex, th, token);
  }

  closeToken(ex: Execution, th: Thread, token: string): void {
    this.registry.closeToken(ex, th, token);
  }

  stopChildExecution(arn: string): void {
    this.lifecycle.stopChildExecution(arn);
  }

  finishExecution(
    ex: Execution,
    status: Exclude<ExecutionStatus, 'RUNNING' | 'PENDING_REDRIVE'>,
    result: { output?: string; error?: string; cause?: string },
  ): void {
    this.lifecycle.finishExecution(ex, status, result);
  }

  // ------------------------------------------------------------------------------------------ EngineApi

  describeClock(): string {
    return iso(this.now());
  }

  moveClock(target: number): Promise<void> {
    return this.scheduler.moveClock(target);
  }

  hasMockTestCase(stateMachineName: string, testCase: string): boolean {
    return this.mocks?.hasTestCase(stateMachineName, testCase) ?? false;
  }

  stateMachine(arn: string): StateMachineRow | undefined {
    return this.store.getStateMachine(arn);
  }

  putStateMachine(sm: StateMachineRow): void {
    this.store.putStateMachine(sm);
  }

  listStateMachines(): StateMachineRow[] {
    return this.store.listStateMachines();
  }

  deleteStateMachine(arn: string): void {
    this.store.deleteStateMachine(arn);
  }

  executionArn(smArn: string, name: string, express: boolean): string {
    return this.registry.executionArn(smArn, name, express);
  }

  running(arn: string): Execution | undefined {
    return this.registry.running(arn);
  }

  executionExists(arn: string): boolean {
    return this.registry.executionExists(arn);
  }

  createExecution(o: NewExecution): Execution {
    return this.lifecycle.createExecution(o);
  }

  commitSoon(ex: Execution): Promise<void> {
    return this.batch.commitSoon(ex);
  }

  onExecutionEnd(id: number, fn: (ex: Execution) => void): void {
    this.registry.onExecutionEnd(id, fn);
  }

  async committedExecution(arn: string): Promise<ExecutionRow | undefined> {
    await this.batch.settle();
    return this.store.getExecution(arn);
  }

  async committedExecutions(
    smArn: string,
    status: string | undefined,
    beforeId: number,
    limit: number,
  ): Promise<ExecutionRow[]> {
    await this.batch.settle();
    return this.store.listExecutions(smArn, status, beforeId, limit);
  }

  historyEvents(execId: number, cursor: number, limit: number, reverse: boolean): EventRow[] {
    return this.store.events(execId, cursor, limit, reverse);
  }

  stopExecution(arn: string, error?: string, cause?: string): Promise<number> {
    return this.lifecycle.stopExecution(arn, error, cause);
  }

  redriveExecution(arn: string): Promise<number> {
    return this.lifecycle.redriveExecution(arn);
  }

  callback(
    token: string,
    action: 'success' | 'failure' | 'heartbeat',
    payload: { output?: unknown; error?: string; cause?: string },
  ): Promise<void> {
    const { store, batch, registry, scheduler } = this;
    return deliverCallback({ store, batch, registry, scheduler }, token, action, payload);
  }

  // ------------------------------------------------------------------------------------------ the engine's owner

  waitForIdle(): Promise<void> {
    return this.scheduler.waitForIdle();
  }

  runningExecutions(): number {
    return this.registry.runningCount();
  }

  /** Load every RUNNING execution from the store and re-derive its queue entries, timers and tokens. */
  recover(): void {
    const { store, clock, registry, scheduler, lifecycle, tasks } = this;
    recoverRunning({ store, clock, registry, scheduler, lifecycle, tasks });
  }

  close(): void {
    this.scheduler.close();
    this.batch.close();
    this.scheduler.clearTimers();
  }
}
