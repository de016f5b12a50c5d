import { randomUUID } from 'node:crypto';
import { checkDefinition } from '../definition';
import type { Execution } from '../execution';
import { parseResource } from '../integrations/resources';
import type { EngineApi } from './engine-api';
import type { StateDef } from '../types';
import { ApiError, validation } from './errors';

type Body = Record<string, unknown>;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function parseJson(text: unknown, field: string): unknown {
  if (text === undefined || text === null) return undefined;
  if (typeof text !== 'string') throw validation(`${field} must be a JSON string`);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ApiError(
      field === 'definition' ? 'InvalidDefinition' : 'InvalidExecutionInput',
      `Invalid ${field}: '${e instanceof Error ? e.message : String(e)}'`,
    );
  }
}

/**
 * TestState (https://docs.aws.amazon.com/step-functions/latest/apireference/API_TestState.html): run one state
 * with a given input and variables, calling its integration for real, and report its output, error, next
 * state and status (SUCCEEDED, FAILED, RETRIABLE, CAUGHT_ERROR) without waiting on Wait states or retries.
 * `definition` is a single state, or a whole state machine with `stateName` naming the state to test.
 */
export async function testState(rt: EngineApi, body: Body): Promise<Body> {
  const parsed = parseJson(body.definition, 'definition');
  if (!isObject(parsed))
    throw new ApiError(
      'InvalidDefinition',
      "Invalid State Machine Definition: 'the definition must be a JSON object'",
    );
  let name: string;
  let machine: Record<string, unknown>;
  if (isObject(parsed.States)) {
    name = typeof body.stateName === 'string' ? body.stateName : String(parsed.StartAt);
    if (!Object.hasOwn(parsed.States, name))
      throw validation(`stateName '${name}' is not a state of the definition`);
    machine = { ...parsed, StartAt: name };
  } else {
    name = typeof body.stateName === 'string' ? body.stateName : 'TestState';
    // The state's Next target is reported, never entered: give it a stand-in so the definition is whole.
    const state = { ...(parsed as unknown as StateDef) };
    const states: Record<string, unknown> = { [name]: state };
    for (const target of targetsOf(state)) if (target !== name) states[target] = { Type: 'Succeed' };
    machine = { StartAt: name, States: states };
  }
  const check = checkDefinition(machine);
  if (!check.valid) {
    throw new ApiError(
      'InvalidDefinition',
      `Invalid State Machine Definition: '${check.diagnostics.map((d) => d.message).join(', ')}'`,
    );
  }
  const tested = (machine.States as Record<string, StateDef>)[name];
  if (tested.Type === 'Task') {
    const pattern = parseResource(String(tested.Resource)).pattern;
    if (pattern !== 'request')
      throw validation(
        `TestState does not support the ${pattern === 'token' ? '.waitForTaskToken' : '.sync'} integration pattern`,
      );
  }
  const input = parseJson(body.input, 'input') ?? {};
  const vars = parseJson(body.variables, 'variables') ?? {};
  if (!isObject(vars)) throw validation('variables must be a JSON object');
  const ex = rt.createExecution({
    machine: {
      arn: `arn:aws:states:${rt.region}:${rt.accountId}:stateMachine:TestState`,
      name: 'TestState',
      definition: JSON.stringify(machine),
      roleArn:
        typeof body.roleArn === 'string' ? body.roleArn : `arn:aws:iam::${rt.accountId}:role/TestState`,
      type: 'EXPRESS',
    },
    name: randomUUID(),
    inputText: JSON.stringify(input),
    durable: false,
    vars,
    test: true,
  });
  const ended = await new Promise<Execution>((resolve) => rt.onExecutionEnd(ex.id, resolve));
  const out: Body = {
    status: ended.test?.status ?? (ended.status === 'SUCCEEDED' ? 'SUCCEEDED' : 'FAILED'),
  };
  if (ended.status === 'SUCCEEDED') out.output = ended.output;
  if (ended.error) out.error = ended.error;
  if (ended.cause) out.cause = ended.cause;
  if (ended.test?.nextState !== undefined) out.nextState = ended.test.nextState;
  if (body.inspectionLevel === 'DEBUG' || body.inspectionLevel === 'TRACE') {
    out.inspectionData = { input: JSON.stringify(input), variables: JSON.stringify(vars) };
  }
  return out;
}

function targetsOf(state: StateDef): string[] {
  const targets: string[] = [];
  if (typeof state.Next === 'string') targets.push(state.Next);
  if (typeof state.Default === 'string') targets.push(state.Default);
  for (const c of state.Choices ?? []) if (typeof c.Next === 'string') targets.push(c.Next);
  for (const c of state.Catch ?? []) if (typeof c.Next === 'string') targets.push(c.Next);
  return targets;
}
