import type { Execution } from '../execution';
import type { InterpreterHost } from '../interpreter/host';
import { historyLimitFailure, MAX_HISTORY_EVENTS } from '../interpreter/limits';
import {
  onChildEnded,
  onHeartbeat,
  onTaskOutcome,
  onTaskSubmitted,
  onTimer,
  runThread,
} from '../interpreter/machine';
import { taskTimedOut } from './callbacks';
import type { Lifecycle } from './lifecycle';
import type { PersistenceBatch } from './persistence-batch';
import type { ExecutionRegistry } from './registry';
import type { Signal } from './scheduler';
import type { TaskDispatcher } from './task-dispatch';

/**
 * Turns one queued signal into one step of the interpreter. A signal can arrive after its thread or
 * execution moved on (a late callback, a timer of a finished task): the thread's `seq` tells, and such a
 * signal is answered as AWS would and otherwise dropped.
 */
export class SignalHandler {
  constructor(
    private readonly host: InterpreterHost,
    private readonly batch: PersistenceBatch,
    private readonly registry: ExecutionRegistry,
    private readonly lifecycle: Lifecycle,
    private readonly tasks: TaskDispatcher,
  ) {}

  async process(sig: Signal): Promise<void> {
    const ex = this.registry.byId(sig.execId);
    if (ex?.status !== 'RUNNING') {
      if (sig.kind === 'callback') this.batch.afterCommit(() => sig.reply(taskTimedOut()));
      if (sig.kind === 'stop') this.batch.afterCommit(() => sig.reply());
      return;
    }
    if (!ex) return;
    try {
      await this.dispatch(ex, sig);
      // A signal that moved its thread on to a next state (task result, timer, branches done) runs it now.
      const th = 'threadId' in sig ? ex.threads.get(sig.threadId) : undefined;
      if (th && th.phase === 'enter' && ex.status === 'RUNNING') await runThread(this.host, ex, th);
    } catch (e) {
      // A defect in the engine must not take other executions down: fail this one, visibly.
      console.error(`engine: internal error in ${ex.arn}`, e);
      this.lifecycle.finishExecution(ex, 'FAILED', {
        error: 'States.Runtime',
        cause: `Internal error in the local engine: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
    if (ex.status === 'RUNNING' && ex.nextEventId > MAX_HISTORY_EVENTS) {
      this.lifecycle.finishExecution(ex, 'FAILED', historyLimitFailure());
    }
  }

  private async dispatch(ex: Execution, sig: Signal): Promise<void> {
    const host = this.host;
    if (sig.kind === 'stop') {
      this.lifecycle.finishExecution(ex, 'ABORTED', { error: sig.error, cause: sig.cause });
      this.batch.afterCommit(() => sig.reply());
      return;
    }
    if (sig.kind === 'timer' && sig.timer === 'execution-timeout') {
      this.lifecycle.finishExecution(ex, 'TIMED_OUT', { error: 'States.Timeout', cause: '' });
      return;
    }
    const th = ex.threads.get(sig.threadId);
    switch (sig.kind) {
      case 'run':
        if (th && th.phase === 'enter' && th.seq === sig.seq) await runThread(host, ex, th);
        return;
      case 'timer':
        if (th && th.seq === sig.seq)
          await onTimer(host, ex, th, sig.timer as 'wake' | 'timeout' | 'heartbeat');
        return;
      case 'outcome':
        if (th?.phase !== 'task' || th.seq !== sig.seq) return;
        if (sig.submitted && sig.outcome.ok) onTaskSubmitted(host, ex, th, sig.outcome.value);
        else await onTaskOutcome(host, ex, th, sig.outcome);
        return;
      case 'child': {
        const child = ex.threads.get(sig.childId);
        if (th && child && !child.reported) {
          child.reported = true;
          this.batch.touch(ex, child);
          await onChildEnded(host, ex, th, child);
        }
        return;
      }
      case 'child-exec':
        if (th && th.phase === 'task' && th.seq === sig.seq && th.task?.childArn === sig.childArn) {
          await onTaskOutcome(host, ex, th, this.tasks.childOutcome(sig.childArn, th.task.resourceName));
        }
        return;
      case 'callback': {
        if (th?.phase !== 'task' || th.task?.token !== sig.token) {
          this.batch.afterCommit(() => sig.reply(taskTimedOut()));
          return;
        }
        if (sig.action === 'heartbeat') onHeartbeat(host, ex, th);
        else if (sig.action === 'success') await onTaskOutcome(host, ex, th, { ok: true, value: sig.output });
        else await onTaskOutcome(host, ex, th, { ok: false, error: sig.error, cause: sig.cause });
        this.batch.afterCommit(() => sig.reply());
        return;
      }
    }
  }
}
