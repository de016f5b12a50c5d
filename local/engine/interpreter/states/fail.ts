import type { Execution } from '../../execution';
import type { StateDef, Thread } from '../../types';
import { flowFor } from '../flow';
import type { InterpreterHost } from '../host';
import { threadFailed } from '../transitions';

export async function runFail(
  host: InterpreterHost,
  ex: Execution,
  th: Thread,
  state: StateDef,
): Promise<void> {
  const flow = flowFor(host, ex, th, state);
  const error = await flow.field('Error', 'ErrorPath', th.input);
  const cause = await flow.field('Cause', 'CausePath', th.input);
  threadFailed(host, ex, th, {
    error: error === undefined ? '' : String(error),
    cause: cause === undefined ? '' : String(cause),
  });
}
