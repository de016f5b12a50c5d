import type { Execution } from '../../execution';
import type { StateDef, Thread } from '../../types';
import { flowFor } from '../flow';
import type { InterpreterHost } from '../host';
import { exitState } from '../transitions';

export async function runSucceed(
  host: InterpreterHost,
  ex: Execution,
  th: Thread,
  state: StateDef,
): Promise<void> {
  const flow = flowFor(host, ex, th, state);
  const output = await flow.passThrough(th.input);
  return exitState(host, ex, th, state, output, { vars: th.vars });
}
