import { StatesError } from '../errors';
import type { Execution } from '../execution';
import { withStateContext } from '../language';
import type { Catcher, StateDef, Thread } from '../types';
import { flowFor, testing } from './flow';
import type { InterpreterHost } from './host';
import { exitState, type FailureInfo, threadFailed } from './transitions';

// What happens when a state fails: the Retry that schedules it again, the Catch that moves on, or the
// thread's failure.

function prefixed(th: Thread, e: StatesError): FailureInfo {
  // AWS reports data-flow failures as "An error occurred while executing the state 'X' (entered at the event id #N). ..."
  if (e.cause.startsWith('An error occurred while executing the state'))
    return { error: e.error, cause: e.cause };
  const wrapped = withStateContext(e, th.state, th.enteredEventId);
  return { error: wrapped.error, cause: wrapped.cause };
}

/** Run `fn`; a StatesError it throws is this state's failure (retried, caught, or failing the thread). */
export async function guarded(
  host: InterpreterHost,
  ex: Execution,
  th: Thread,
  state: StateDef,
  fn: () => Promise<void>,
): Promise<void> {
  try {
    await fn();
  } catch (e) {
    await stateThrew(host, ex, th, state, e);
  }
}

/** What `guarded` does with what its function threw (for callers that run the state without a closure). */
export async function stateThrew(
  host: InterpreterHost,
  ex: Execution,
  th: Thread,
  state: StateDef,
  e: unknown,
): Promise<void> {
  if (!(e instanceof StatesError)) throw e;
  const failure = prefixed(th, e);
  if (e.error === 'States.QueryEvaluationError') {
    evaluationFailed(host, ex, th, state, failure, e.location);
    // A Map or Parallel records its own failure after the evaluation's.
    if (state.Type === 'Map' || state.Type === 'Parallel') failure.branchFailure = true;
  }
  await stateFailed(host, ex, th, state, failure);
}

/**
 * A JSONata evaluation failed: AWS records an EvaluationFailed event. It follows what the state's entered
 * event followed, except in a Wait, where it follows the entered event (AWS recordings).
 */
function evaluationFailed(
  host: InterpreterHost,
  ex: Execution,
  th: Thread,
  state: StateDef,
  failure: FailureInfo,
  location: string | undefined,
): void {
  const prev = state.Type === 'Wait' ? th.lastEventId : (th.enteredPrev ?? th.lastEventId);
  host.emit(
    ex,
    th,
    'EvaluationFailed',
    {
      evaluationFailedEventDetails: {
        error: failure.error,
        cause: failure.cause,
        ...(location === undefined ? {} : { location }),
        state: th.state,
      },
    },
    prev,
  );
}

/** Does a Retry / Catch ErrorEquals list cover this failure? */
function errorMatches(list: string[], failure: FailureInfo): boolean {
  const { error } = failure;
  // States.Runtime is never retried or caught (AWS: "A retry or catch on States.ALL won't catch States.Runtime").
  if (error === 'States.Runtime') return false;
  for (const name of list) {
    if (name === error) return true;
    if (name === 'States.ALL') return true;
    if (name === 'States.TaskFailed' && error !== 'States.Timeout') return true;
    if (name === 'States.HeartbeatTimeout' && failure.heartbeat) return true;
  }
  return false;
}

/** A state failed: retry it, catch it, or fail the thread. */
export async function stateFailed(
  host: InterpreterHost,
  ex: Execution,
  th: Thread,
  state: StateDef,
  failure: FailureInfo,
): Promise<void> {
  if (ex.status !== 'RUNNING') return;
  const retriable = state.Type === 'Task' || state.Type === 'Parallel' || state.Type === 'Map';
  if (retriable && state.Retry) {
    for (let i = 0; i < state.Retry.length; i++) {
      const retrier = state.Retry[i];
      if (!errorMatches(retrier.ErrorEquals, failure)) continue;
      const attempts = th.retries[i] ?? 0;
      const max = retrier.MaxAttempts ?? 3;
      if (attempts < max && testing(ex, th)) {
        // TestState reports that the state would be retried, without waiting for it.
        ex.test!.status = 'RETRIABLE';
        threadFailed(host, ex, th, failure);
        return;
      }
      if (attempts < max) {
        const interval = retrier.IntervalSeconds ?? 1;
        const backoff = retrier.BackoffRate ?? 2;
        let delay = interval * backoff ** attempts;
        if (retrier.MaxDelaySeconds !== undefined) delay = Math.min(delay, retrier.MaxDelaySeconds);
        if (retrier.JitterStrategy === 'FULL') delay = Math.random() * delay;
        th.retries[i] = attempts + 1;
        th.retryCount++;
        th.phase = 'retry';
        th.seq++;
        th.wakeAt = host.now() + Math.round(delay * 1000);
        host.touch(ex, th);
        host.addTimer(ex, th, th.wakeAt, 'wake');
        return;
      }
      break;
    }
  }
  if (failure.branchFailure) host.emit(ex, th, `${state.Type}StateFailed`, {});
  if (retriable && state.Catch) {
    for (const catcher of state.Catch) {
      if (!errorMatches(catcher.ErrorEquals, failure)) continue;
      return caught(host, ex, th, state, catcher, failure);
    }
  }
  threadFailed(host, ex, th, failure);
}

async function caught(
  host: InterpreterHost,
  ex: Execution,
  th: Thread,
  state: StateDef,
  catcher: Catcher,
  failure: FailureInfo,
): Promise<void> {
  const errorOutput = {
    Error: failure.errorNull ? null : failure.error,
    Cause: failure.causeNull ? null : failure.cause,
  };
  if (testing(ex, th)) ex.test!.status = 'CAUGHT_ERROR';
  try {
    const flow = flowFor(host, ex, th, state);
    const output = await flow.catchOutput(th.input, errorOutput, catcher);
    const vars = await flow.assign(catcher.Assign, { input: th.input, errorOutput });
    exitState(host, ex, th, state, output, vars, catcher.Next);
  } catch (e) {
    if (!(e instanceof StatesError)) throw e;
    threadFailed(host, ex, th, prefixed(th, e));
  }
}
