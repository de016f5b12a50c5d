import { StatesError } from '../errors';
import type { Execution } from '../execution';
import { INPUT_TEXT, type StateDef, type Thread } from '../types';
import { stateOf } from './context';
import { guarded, stateFailed, stateThrew } from './failures';
import { enteredType, stateText } from './flow';
import type { InterpreterHost } from './host';
import { historyLimitFailure, MAX_HISTORY_EVENTS } from './limits';
import { abortChildren, abortFailedTask, childrenComplete } from './states/children';
import { runChoice } from './states/choice';
import { runFail } from './states/fail';
import { launchIterations, startMap } from './states/map';
import { startParallel } from './states/parallel';
import { runPass } from './states/pass';
import { runSucceed } from './states/succeed';
import { onTaskTimer, startTask } from './states/task';
import { finishWait, startWait } from './states/wait';

// The interpreter's entry points: run a thread through its states, and route what the host reports (an
// integration's outcome, a timer, a branch's end) to the module of the state waiting for it. Each state
// type's behaviour lives in states/<type>.ts.

export { onHeartbeat, onTaskOutcome, onTaskSubmitted } from './states/task';

/** Transitions one signal may run before yielding to other executions (a busy loop must not starve them). */
const TRANSITION_BUDGET = 64;

/** Run a thread that is ready to enter its current state, following transitions up to the budget. */
export async function runThread(host: InterpreterHost, ex: Execution, th: Thread): Promise<void> {
  let budget = TRANSITION_BUDGET;
  while (th.phase === 'enter' && ex.status === 'RUNNING') {
    if (ex.nextEventId + 2 > MAX_HISTORY_EVENTS) {
      // Entering and leaving one more state, plus ExecutionFailed, must still fit in the history.
      host.finishExecution(ex, 'FAILED', historyLimitFailure());
      return;
    }
    if (budget-- === 0) {
      host.runLater(ex, th);
      return;
    }
    await enterState(host, ex, th);
  }
}

async function enterState(host: InterpreterHost, ex: Execution, th: Thread): Promise<void> {
  const state = stateOf(ex, th);
  th.enteredMs = host.now();
  th.retries = [];
  th.retryCount = 0;
  th.effective = undefined;
  th.enteredPrev = th.lastEventId;
  // The input's text is usually the previous state's output text, made when that state exited.
  const input = stateText(th.input, th[INPUT_TEXT]);
  th[INPUT_TEXT] = input;
  th.enteredEventId = host.emitStateEvent(ex, th, enteredType(state.Type), true, input);
  host.touch(ex, th);
  // `guarded` without its closure (one allocation fewer per state entered).
  try {
    await runState(host, ex, th, state);
  } catch (e) {
    await stateThrew(host, ex, th, state, e);
  }
}

/** The state's own step (not async itself: it hands back its state module's promise). */
function runState(host: InterpreterHost, ex: Execution, th: Thread, state: StateDef): Promise<void> {
  switch (state.Type) {
    case 'Pass':
      return runPass(host, ex, th, state);
    case 'Choice':
      return runChoice(host, ex, th, state);
    case 'Wait':
      return startWait(host, ex, th, state);
    case 'Succeed':
      return runSucceed(host, ex, th, state);
    case 'Fail':
      return runFail(host, ex, th, state);
    case 'Task':
      return startTask(host, ex, th, state);
    case 'Parallel':
      return startParallel(host, ex, th, state);
    case 'Map':
      return startMap(host, ex, th, state);
    default:
      throw new StatesError('States.Runtime', `Unsupported state type '${(state as StateDef).Type}'`);
  }
}

/** A timer fired for a thread and is still current. */
export async function onTimer(
  host: InterpreterHost,
  ex: Execution,
  th: Thread,
  kind: 'wake' | 'timeout' | 'heartbeat',
): Promise<void> {
  const state = stateOf(ex, th);
  if (kind === 'wake') {
    if (th.phase === 'wait') return finishWait(host, ex, th, state);
    if (th.phase === 'retry') return retryState(host, ex, th, state);
    return;
  }
  return onTaskTimer(host, ex, th, state, kind);
}

async function retryState(host: InterpreterHost, ex: Execution, th: Thread, state: StateDef): Promise<void> {
  th.wakeAt = undefined;
  await guarded(host, ex, th, state, async () => {
    if (state.Type === 'Task') return startTask(host, ex, th, state);
    if (state.Type === 'Parallel') return startParallel(host, ex, th, state);
    return startMap(host, ex, th, state);
  });
}

/** A branch or iteration ended; `parent` is the Parallel / Map thread waiting on it. */
export async function onChildEnded(
  host: InterpreterHost,
  ex: Execution,
  parent: Thread,
  child: Thread,
): Promise<void> {
  const ch = parent.children;
  if (parent.phase !== 'children' || !ch || ch.childIds[child.index!] !== child.id) return;
  const state = stateOf(ex, parent);
  parent.lastEventId = child.lastEventId;
  if (child.status === 'succeeded') {
    ch.done++;
    if (ch.kind === 'map' && !ch.distributed) {
      host.emit(ex, parent, 'MapIterationSucceeded', {
        mapIterationSucceededEventDetails: { name: parent.state, index: child.index },
      });
    }
  } else {
    ch.failed++;
    if (ch.kind === 'map' && !ch.distributed) {
      host.emit(ex, parent, 'MapIterationFailed', {
        mapIterationFailedEventDetails: { name: parent.state, index: child.index },
      });
    }
    parent.lastEventId = child.lastEventId;
    const tolerated =
      ch.kind === 'map' &&
      ((ch.toleratedCount >= 0 && ch.failed <= ch.toleratedCount) ||
        (ch.toleratedPercentage >= 0 && (ch.failed / ch.total) * 100 <= ch.toleratedPercentage));
    if (!tolerated) {
      const exceeded = ch.kind === 'map' && (ch.toleratedCount >= 0 || ch.toleratedPercentage >= 0);
      // What the parent records next follows the event that failed the branch or iteration.
      const failedEventId = child.lastEventId;
      abortFailedTask(host, ex, child, failedEventId);
      abortChildren(host, ex, parent, failedEventId);
      parent.lastEventId = failedEventId;
      parent.children = undefined;
      const failure = exceeded
        ? {
            error: 'States.ExceedToleratedFailureThreshold',
            cause: 'The specified tolerated failure threshold was exceeded',
          }
        : child.error!;
      if (ch.distributed) {
        parent.lastEventId = ch.startedEventId;
        host.emit(ex, parent, 'MapRunFailed', {
          mapRunFailedEventDetails: { error: failure.error, cause: failure.cause },
        });
      }
      return stateFailed(host, ex, parent, state, { ...failure, branchFailure: true });
    }
  }
  if (ch.kind === 'map' && ch.started < ch.total) {
    // The next iteration's MapIterationStarted follows the ended iteration's last event, as in AWS.
    const iterationEnded = parent.lastEventId;
    parent.lastEventId = child.lastEventId;
    await launchIterations(host, ex, parent, state);
    if (ch.done + ch.failed === ch.total) parent.lastEventId = iterationEnded;
  }
  if (ch.done + ch.failed === ch.total) return childrenComplete(host, ex, parent, state);
  host.touch(ex, parent);
}
