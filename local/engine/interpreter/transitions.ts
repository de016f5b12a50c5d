import type { Execution } from '../execution';
import { INPUT_TEXT, type StateDef, type Thread } from '../types';
import type { Scope } from './dataflow';
import { exitedType, json, stateText, testing } from './flow';
import type { InterpreterHost } from './host';
import { dataLimitError, payloadTooLarge } from './limits';

// How a thread leaves a state: on to Next, or ended (succeeded or failed), telling its parent or the host.

export type FailureInfo = {
  error: string;
  cause: string;
  heartbeat?: boolean;
  /** A Parallel / Map failed because a branch or iteration did: recorded as *StateFailed unless retried. */
  branchFailure?: boolean;
  /** A task failure that named no error / no cause: a Catch's error output has null there. */
  errorNull?: boolean;
  causeNull?: boolean;
};

/** Leave a state with its output: record the exit and move to Next, or end the thread. */
export function exitState(
  host: InterpreterHost,
  ex: Execution,
  th: Thread,
  state: StateDef,
  output: unknown,
  scope: Scope,
  next?: string,
): void {
  // A state that passes its input on (Choice, Succeed, a plain Pass) reuses the text its entry recorded.
  const made = stateText(output, th[INPUT_TEXT]);
  const text = made.text;
  if (payloadTooLarge(text)) {
    // A state's own oversized output fails the execution at once (AWS recordings: not catchable here).
    failExecutionNow(host, ex, th, dataLimitError(th.state));
    return;
  }
  th.vars = scope.vars;
  if (scope.assigned) {
    const assignedVariables = Object.fromEntries(
      Object.entries(scope.assigned).map(([k, v]) => [k, json(v)]),
    );
    host.emit(ex, th, `${state.Type}StateExited`, {
      stateExitedEventDetails: {
        assignedVariables,
        assignedVariablesDetails: { truncated: false },
        name: th.state,
        output: text,
        outputDetails: { truncated: false },
      },
    });
  } else {
    host.emitStateEvent(ex, th, exitedType(state.Type), false, made);
  }
  // A Choice rule's or a Catcher's Next wins over the state's own End.
  const target = next ?? (state.End ? undefined : state.Next);
  if (testing(ex, th)) {
    ex.test!.nextState = state.Type === 'Succeed' ? undefined : target;
    threadSucceeded(host, ex, th, output, text);
    return;
  }
  if (state.Type === 'Succeed' || target === undefined) {
    threadSucceeded(host, ex, th, output, text);
    return;
  }
  th.state = target;
  th.input = output;
  th[INPUT_TEXT] = made;
  th.phase = 'enter';
  th.seq++;
  th.task = undefined;
  th.children = undefined;
  host.touch(ex, th);
}

function failExecutionNow(host: InterpreterHost, ex: Execution, _th: Thread, failure: FailureInfo): void {
  host.finishExecution(ex, 'FAILED', { error: failure.error, cause: failure.cause });
}

function threadSucceeded(
  host: InterpreterHost,
  ex: Execution,
  th: Thread,
  output: unknown,
  text: string,
): void {
  th.phase = 'done';
  th.status = 'succeeded';
  th.output = output;
  th.seq++;
  host.touch(ex, th);
  if (th.parent === undefined) {
    host.finishExecution(ex, 'SUCCEEDED', { output: text });
    return;
  }
  host.reportToParent(ex, th);
}

export function threadFailed(host: InterpreterHost, ex: Execution, th: Thread, failure: FailureInfo): void {
  th.phase = 'done';
  th.status = 'failed';
  th.error = {
    error: failure.error,
    cause: failure.cause,
    ...(failure.errorNull ? { errorNull: true } : {}),
    ...(failure.causeNull ? { causeNull: true } : {}),
  };
  th.seq++;
  host.touch(ex, th);
  if (th.parent === undefined) {
    host.finishExecution(ex, 'FAILED', { error: failure.error, cause: failure.cause });
    return;
  }
  host.reportToParent(ex, th);
}
