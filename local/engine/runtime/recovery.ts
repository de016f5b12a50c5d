import { Execution } from '../execution';
import { parseResource } from '../integrations/resources';
import type { Store } from '../store';
import type { Thread } from '../types';
import type { Clock } from './clock';
import type { Lifecycle } from './lifecycle';
import type { ExecutionRegistry } from './registry';
import type { Scheduler } from './scheduler';
import type { TaskDispatcher } from './task-dispatch';

interface Parts {
  store: Store;
  clock: Clock;
  registry: ExecutionRegistry;
  scheduler: Scheduler;
  lifecycle: Lifecycle;
  tasks: TaskDispatcher;
}

/**
 * After a restart: load every RUNNING execution from the store and re-derive what only memory held, its
 * queue entries, timers and tokens. Each thread's committed phase says what it was waiting for.
 */
export function recoverRunning(parts: Parts): void {
  const { store, registry } = parts;
  for (const row of store.runningExecutions()) {
    const text = store.getDefinition(row.definitionHash);
    if (!text) continue;
    const { def } = registry.definitionOf(text);
    const ex = Execution.fromRow(row, def);
    ex.persisted = true;
    for (const t of store.threads(ex.id)) ex.threads.set(t.id, JSON.parse(t.body) as Thread);
    registry.add(ex);
    parts.lifecycle.armExecutionTimers(ex);
  }
  for (const ex of registry.all()) {
    for (const th of ex.threads.values()) resume(parts, ex, th);
  }
}

function resume(parts: Parts, ex: Execution, th: Thread): void {
  const { scheduler } = parts;
  switch (th.phase) {
    case 'enter':
      scheduler.enqueue({ kind: 'run', execId: ex.id, threadId: th.id, seq: th.seq });
      return;
    case 'wait':
    case 'retry':
      scheduler.addTimer(ex, th, th.wakeAt ?? parts.clock.now(), 'wake');
      return;
    case 'done':
      if (th.parent !== undefined && !th.reported) {
        scheduler.enqueue({ kind: 'child', execId: ex.id, threadId: th.parent, childId: th.id });
      }
      return;
    case 'task': {
      const task = th.task!;
      if (task.timeoutAt !== undefined) scheduler.addTimer(ex, th, task.timeoutAt, 'timeout');
      if (task.heartbeatAt !== undefined) scheduler.addTimer(ex, th, task.heartbeatAt, 'heartbeat');
      if (task.token) parts.registry.restoreToken(ex, th, task.token);
      if (task.childArn) {
        const child = parts.registry.running(task.childArn);
        const pattern = parseResource(task.resource).pattern;
        if (!child && (pattern === 'sync' || pattern === 'sync2') && task.submitted) {
          scheduler.enqueue({
            kind: 'child-exec',
            execId: ex.id,
            threadId: th.id,
            seq: th.seq,
            childArn: task.childArn,
          });
        } else if (!task.submitted) {
          // The child exists (it was created in the same step); only the submission answer was lost.
          const body = { ExecutionArn: task.childArn, StartDate: child?.startMs ?? parts.clock.now() };
          scheduler.track(
            ex.id,
            th.id,
            th.seq,
            Promise.resolve({ ok: true, value: body }),
            pattern !== 'request',
          );
        }
        return;
      }
      if (!task.submitted) parts.tasks.redispatchAfterDeadline(ex, th);
      return;
    }
    default:
      return;
  }
}
