import { StatesError } from '../../errors';
import type { Execution } from '../../execution';
import type { StateDef, Thread } from '../../types';
import type { DataFlow } from '../dataflow';
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
  if (!flow.jsonata && state.Assign === undefined) return runPathChoice(host, ex, th, state, flow);
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

/**
 * A JSONPath Choice without a state-level Assign, evaluated without awaiting (JSONPath never waits): the
 * same rules and outputs as `runChoice`, with no suspension, microtask or promise of its own unless the
 * matching rule assigns.
 */
function runPathChoice(
  host: InterpreterHost,
  ex: Execution,
  th: Thread,
  state: StateDef,
  flow: DataFlow,
): Promise<void> | undefined {
  for (const rule of state.Choices ?? []) {
    if (flow.choiceMatchesPath(rule, th.input)) {
      const output = flow.passThroughPath(th.input);
      const assign = rule.Assign as Record<string, unknown> | undefined;
      if (assign !== undefined) return assignThenExit(host, ex, th, state, flow, output, assign, rule);
      exitState(host, ex, th, state, output, { vars: flow.vars }, String(rule.Next));
      return undefined;
    }
  }
  if (state.Default !== undefined) {
    exitState(host, ex, th, state, flow.passThroughPath(th.input), { vars: flow.vars }, state.Default);
    return undefined;
  }
  throw new StatesError('States.NoChoiceMatched', `No Matches!`);
}

async function assignThenExit(
  host: InterpreterHost,
  ex: Execution,
  th: Thread,
  state: StateDef,
  flow: DataFlow,
  output: unknown,
  assign: Record<string, unknown>,
  rule: Record<string, unknown>,
): Promise<void> {
  const vars = await flow.assign(assign, { input: th.input });
  exitState(host, ex, th, state, output, vars, String(rule.Next));
}
