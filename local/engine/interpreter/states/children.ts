import { StatesError } from '../../errors';
import type { Execution } from '../../execution';
import type { StateDef, Thread } from '../../types';
import { scopeMachine } from '../context';
import { guarded } from '../failures';
import { flowFor, json } from '../flow';
import type { InterpreterHost } from '../host';
import { dataLimitError, payloadTooLarge } from '../limits';
import { exitState } from '../transitions';

// A Parallel or Map waits on child threads (branches, iterations): what ends them, and what their end makes
// of the parent.

export function abortChildren(
  host: InterpreterHost,
  ex: Execution,
  parent: Thread,
  causeEventId: number,
): void {
  const ch = parent.children!;
  for (const id of ch.childIds) {
    const child = ex.threads.get(id);
    if (!child) continue;
    // A sibling that failed too, before its parent heard of it, is aborted like a running one (AWS recording
    // of a Map whose four Tasks timed out together: one MapIterationFailed, three MapIterationAborted).
    const failedUnheard = child.phase === 'done' && child.status === 'failed' && !child.reported;
    if (child.phase !== 'done' || failedUnheard) {
      if (ch.kind === 'map') {
        host.emit(
          ex,
          parent,
          'MapIterationAborted',
          { mapIterationAbortedEventDetails: { name: parent.state, index: child.index } },
          causeEventId,
        );
      }
      if (failedUnheard) abortFailedTask(host, ex, child, causeEventId);
      else abortThreadTree(host, ex, child, causeEventId);
    }
    host.dropThread(ex, child);
  }
}

/**
 * A branch or iteration that failed in a Task: AWS records the Task as aborted once its Parallel or Map
 * fails (after the MapIterationFailed or MapIterationAborted), following the event that failed the parent.
 */
export function abortFailedTask(
  host: InterpreterHost,
  ex: Execution,
  child: Thread,
  causeEventId: number,
): void {
  const state = scopeMachine(ex, child).States[child.state];
  if (state?.Type === 'Task') host.emit(ex, child, 'TaskStateAborted', {}, causeEventId);
}

/** Stop a running thread and everything under it (a failed sibling branch, a stopped execution). */
function abortThreadTree(host: InterpreterHost, ex: Execution, th: Thread, causeEventId: number): void {
  if (th.children) {
    for (const id of th.children.childIds) {
      const child = ex.threads.get(id);
      if (child) {
        if (child.phase !== 'done') abortThreadTree(host, ex, child, causeEventId);
        host.dropThread(ex, child);
      }
    }
  }
  if (th.phase !== 'done') {
    const state = scopeMachine(ex, th).States[th.state];
    if (th.task?.token) host.closeToken(ex, th, th.task.token);
    if (th.task?.childArn) host.stopChildExecution(th.task.childArn);
    if (th.phase !== 'enter' && state) host.emit(ex, th, `${state.Type}StateAborted`, {}, causeEventId);
  }
  th.phase = 'done';
  th.status = 'failed';
  th.seq++;
}

export async function childrenComplete(
  host: InterpreterHost,
  ex: Execution,
  th: Thread,
  state: StateDef,
): Promise<void> {
  const ch = th.children!;
  const results = ch.childIds.map((id) => {
    const child = ex.threads.get(id);
    if (!child) return null;
    host.dropThread(ex, child);
    return child.status === 'succeeded'
      ? child.output
      : { Error: child.error?.error, Cause: child.error?.cause };
  });
  if (ch.distributed) {
    th.lastEventId = ch.startedEventId;
    host.emit(ex, th, 'MapRunSucceeded', {});
  }
  const last = th.lastEventId;
  host.emit(ex, th, ch.kind === 'map' ? 'MapStateSucceeded' : 'ParallelStateSucceeded', {});
  // AWS's *StateExited follows the same event as *StateSucceeded, or after a Map Run its MapRunStarted
  // (recordings since 2024-11).
  th.lastEventId = ch.distributed ? ch.startedEventId : last;
  th.children = undefined;
  await guarded(host, ex, th, state, async () => {
    if (payloadTooLarge(json(results))) {
      const limit = dataLimitError(th.state);
      throw new StatesError(limit.error, limit.cause);
    }
    const flow = flowFor(host, ex, th, state);
    const { output, selected } = await flow.output(th.input, results);
    const vars = await flow.assign(state.Assign, { input: th.input, result: selected });
    exitState(host, ex, th, state, output, vars);
  });
}
