import type { Execution } from '../../execution';
import type { StateDef, Thread } from '../../types';
import { flowFor } from '../flow';
import type { InterpreterHost } from '../host';
import { exitState } from '../transitions';

export async function runPass(
  host: InterpreterHost,
  ex: Execution,
  th: Thread,
  state: StateDef,
): Promise<void> {
  const flow = flowFor(host, ex, th, state);
  if (!flow.jsonata && state.Assign === undefined) {
    // JSONPath never waits: no suspension and microtask for a Pass that assigns nothing.
    return exitState(host, ex, th, state, flow.passOutputPath(th.input).output, { vars: flow.vars });
  }
  const { output, result } = await flow.passOutput(th.input);
  const vars = await flow.assign(state.Assign, { input: th.input, result });
  return exitState(host, ex, th, state, output, vars);
}
