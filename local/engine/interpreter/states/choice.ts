import { StatesError } from '../../errors';
import type { Execution } from '../../execution';
import type { StateDef, Thread } from '../../types';
import { flowFor } from '../flow';
import type { InterpreterHost } from '../host';
import { exitState } from '../transitions';

export async function runChoice(
  host: InterpreterHost,
  ex: Execution,
  th: Thread,
  state: StateDef,
): Promise<void> {
  const flow = flowFor(host, ex, th, state);
  for (const rule of state.Choices ?? []) {
    if (await flow.choiceMatches(rule, th.input)) {
      const output = await flow.passThrough(th.input, rule.Output ?? state.Output);
      const assign = (rule.Assign as Record<string, unknown> | undefined) ?? state.Assign;
      const vars = await flow.assign(assign, { input: th.input });
      return exitState(host, ex, th, state, output, vars, String(rule.Next));
    }
  }
  if (state.Default !== undefined) {
    const output = await flow.passThrough(th.input);
    const vars = await flow.assign(state.Assign, { input: th.input });
    return exitState(host, ex, th, state, output, vars, state.Default);
  }
  throw new StatesError('States.NoChoiceMatched', `No Matches!`);
}
