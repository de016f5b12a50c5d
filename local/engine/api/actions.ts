import { randomUUID } from 'node:crypto';
import { checkDefinition as validateDefinition } from '../definition';
import { runtimeOf } from '../execution';
import { MAX_NAME_LENGTH, MAX_PAYLOAD_BYTES } from '../interpreter/limits';
import type { ExecutionRow, StateMachineRow } from '../store';
import type { EngineApi } from './engine-api';
import { ApiError, notFoundExecution, notFoundStateMachine, validation } from './errors';
import { renderEvent } from './history';
import { testState } from './test-state';

type Body = Record<string, unknown>;
type Action = (rt: EngineApi, body: Body) => Promise<unknown> | unknown;

const seconds = (ms: number | null | undefined) => (ms === null || ms === undefined ? undefined : ms / 1000);

// Names: 1-80 characters, none of whitespace, brackets, wildcards, the listed punctuation or control characters.
const INVALID_NAME = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/;
const hasControlCharacter = (name: string) =>
  [...name].some((c) => {
    const code = c.charCodeAt(0);
    return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
  });

function checkName(name: unknown): string {
  if (
    typeof name !== 'string' ||
    name.length === 0 ||
    name.length > MAX_NAME_LENGTH ||
    INVALID_NAME.test(name) ||
    hasControlCharacter(name)
  ) {
    throw new ApiError('InvalidName', `Invalid Name: '${String(name)}'`);
  }
  return name;
}

function requireString(body: Body, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.length === 0) {
    throw validation(
      `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

function checkDefinitionText(text: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ApiError(
      'InvalidDefinition',
      `Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: ${e instanceof Error ? e.message : String(e)}'`,
    );
  }
  const result = validateDefinition(parsed);
  if (!result.valid) {
    throw new ApiError(
      'InvalidDefinition',
      `Invalid State Machine Definition: '${result.diagnostics.map((d) => d.message).join(', ')}'`,
    );
  }
}

function smArnOf(rt: EngineApi, name: string): string {
  return `arn:aws:states:${rt.region}:${rt.accountId}:stateMachine:${name}`;
}

function getMachine(rt: EngineApi, arn: unknown): StateMachineRow {
  if (typeof arn !== 'string')
    throw validation(
      "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null",
    );
  const sm = rt.stateMachine(arn);
  if (!sm) throw notFoundStateMachine(arn);
  return sm;
}

function pageToken(value: number): string {
  return Buffer.from(JSON.stringify({ c: value })).toString('base64');
}

function readPageToken(token: unknown): number | undefined {
  if (token === undefined || token === null) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(String(token), 'base64').toString('utf8')) as { c?: unknown };
    if (typeof parsed.c === 'number') return parsed.c;
  } catch {
    // fall through to the AWS error below
  }
  throw new ApiError('InvalidToken', `Invalid Token: '${String(token)}'`);
}

function maxResults(body: Body, fallback: number): number {
  const value = body.maxResults;
  if (value === undefined || value === null || value === 0) return fallback;
  if (typeof value !== 'number' || value < 0 || value > 1000) {
    throw validation(
      `1 validation error detected: Value '${String(value)}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000`,
    );
  }
  return value;
}

function describeExecutionRow(row: ExecutionRow): Body {
  const rt = runtimeOf(row);
  const out: Body = {
    executionArn: row.arn,
    stateMachineArn: row.smArn,
    name: row.name,
    status: row.status,
    startDate: seconds(row.startMs),
    stopDate: seconds(row.stopMs),
    input: row.input,
    inputDetails: { included: true },
    redriveCount: rt.redriveCount,
    redriveStatus: row.status === 'RUNNING' || row.status === 'SUCCEEDED' ? 'NOT_REDRIVABLE' : 'REDRIVABLE',
  };
  if (row.output !== null) {
    out.output = row.output;
    out.outputDetails = { included: true };
  }
  if (row.error) out.error = row.error;
  if (row.cause) out.cause = row.cause;
  if (rt.redriveMs !== undefined) out.redriveDate = seconds(rt.redriveMs);
  return out;
}

function parseInput(input: unknown): string {
  if (input === undefined || input === null) return '{}';
  if (typeof input !== 'string')
    throw new ApiError(
      'InvalidExecutionInput',
      "Invalid State Machine Execution Input: 'Invalid execution input.'",
    );
  if (Buffer.byteLength(input) > MAX_PAYLOAD_BYTES) {
    throw new ApiError(
      'InvalidExecutionInput',
      `Invalid State Machine Execution Input: 'The input exceeds the maximum size of ${MAX_PAYLOAD_BYTES} bytes.'`,
    );
  }
  try {
    JSON.parse(input);
  } catch (e) {
    throw new ApiError(
      'InvalidExecutionInput',
      `Invalid State Machine Execution Input: '${e instanceof Error ? e.message : String(e)}'`,
    );
  }
  return input;
}

/** Resolve `arn` or `arn#TestCase` (Step Functions Local's mock test case selector). */
function machineAndTestCase(rt: EngineApi, arn: unknown): { sm: StateMachineRow; testCase?: string } {
  if (typeof arn !== 'string') return { sm: getMachine(rt, arn) };
  const [base, testCase] = arn.split('#');
  const sm = getMachine(rt, base);
  if (testCase !== undefined && !rt.hasMockTestCase(sm.name, testCase)) {
    throw new ApiError(
      'ValidationException',
      `Test case '${testCase}' is not defined for state machine '${sm.name}' in the mock configuration (SFN_MOCK_CONFIG)`,
    );
  }
  return { sm, testCase };
}

async function startExecution(rt: EngineApi, body: Body): Promise<Body> {
  const { sm, testCase } = machineAndTestCase(rt, body.stateMachineArn);
  const name = body.name === undefined ? randomUUID() : checkName(body.name);
  const inputText = parseInput(body.input);
  const arn = rt.executionArn(sm.arn, name, sm.type === 'EXPRESS');
  const live = rt.running(arn);
  if (live) {
    // Standard workflows: the same name and input as a running execution is an idempotent repeat.
    if (live.inputText === inputText && sm.type === 'STANDARD') {
      return { executionArn: live.arn, startDate: seconds(live.startMs) };
    }
    throw new ApiError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
  }
  if (rt.executionExists(arn))
    throw new ApiError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
  const ex = rt.createExecution({
    machine: sm,
    name,
    inputText,
    mockTestCase: testCase,
    durable: sm.type === 'STANDARD',
  });
  await rt.commitSoon(ex);
  return { executionArn: ex.arn, startDate: seconds(ex.startMs) };
}

async function startSyncExecution(rt: EngineApi, body: Body): Promise<Body> {
  const { sm, testCase } = machineAndTestCase(rt, body.stateMachineArn);
  if (sm.type !== 'EXPRESS') {
    throw new ApiError(
      'StateMachineTypeNotSupported',
      'This operation is not supported by this type of state machine',
    );
  }
  const name = body.name === undefined ? randomUUID() : checkName(body.name);
  const inputText = parseInput(body.input);
  const ex = rt.createExecution({
    machine: sm,
    name,
    inputText,
    mockTestCase: testCase,
    durable: false,
  });
  const ended = await new Promise<typeof ex>((resolve) => rt.onExecutionEnd(ex.id, resolve));
  const out: Body = {
    executionArn: ended.arn,
    stateMachineArn: ended.smArn,
    name: ended.name,
    startDate: seconds(ended.startMs),
    stopDate: seconds(ended.stopMs),
    status: ended.status,
    input: ended.inputText,
    inputDetails: { included: true },
    billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: 100 },
  };
  if (ended.output !== null) {
    out.output = ended.output;
    out.outputDetails = { included: true };
  }
  if (ended.error) out.error = ended.error;
  if (ended.cause) out.cause = ended.cause;
  return out;
}

function describeMachine(sm: StateMachineRow): Body {
  return {
    stateMachineArn: sm.arn,
    name: sm.name,
    status: 'ACTIVE',
    definition: sm.definition,
    roleArn: sm.roleArn,
    type: sm.type,
    creationDate: seconds(sm.createdMs),
    loggingConfiguration: sm.extra.loggingConfiguration ?? { level: 'OFF', includeExecutionData: false },
    tracingConfiguration: sm.extra.tracingConfiguration ?? { enabled: false },
    revisionId: sm.revisionId,
    ...(sm.extra.description !== undefined ? { description: sm.extra.description } : {}),
  };
}

export const actions: Record<string, Action> = {
  CreateStateMachine(rt, body) {
    const name = checkName(body.name);
    const definition = requireString(body, 'definition');
    const roleArn = requireString(body, 'roleArn');
    const type = body.type === 'EXPRESS' ? 'EXPRESS' : 'STANDARD';
    if (body.type !== undefined && body.type !== 'EXPRESS' && body.type !== 'STANDARD') {
      throw validation(
        `1 validation error detected: Value '${String(body.type)}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]`,
      );
    }
    checkDefinitionText(definition);
    const arn = smArnOf(rt, name);
    const existing = rt.stateMachine(arn);
    if (existing) {
      if (existing.definition === definition && existing.roleArn === roleArn && existing.type === type) {
        return { stateMachineArn: arn, creationDate: seconds(existing.createdMs) };
      }
      throw new ApiError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
    }
    const now = rt.now();
    rt.putStateMachine({
      arn,
      name,
      type,
      roleArn,
      definition,
      createdMs: now,
      updatedMs: now,
      revisionId: randomUUID(),
      extra: {
        loggingConfiguration: body.loggingConfiguration,
        tracingConfiguration: body.tracingConfiguration,
      },
    });
    return { stateMachineArn: arn, creationDate: seconds(now) };
  },

  UpdateStateMachine(rt, body) {
    const sm = getMachine(rt, body.stateMachineArn);
    if (
      body.definition === undefined &&
      body.roleArn === undefined &&
      body.loggingConfiguration === undefined &&
      body.tracingConfiguration === undefined
    ) {
      throw new ApiError(
        'MissingRequiredParameter',
        'Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified',
      );
    }
    if (body.definition !== undefined) checkDefinitionText(String(body.definition));
    const now = rt.now();
    const revisionId = randomUUID();
    rt.putStateMachine({
      ...sm,
      definition: body.definition === undefined ? sm.definition : String(body.definition),
      roleArn: body.roleArn === undefined ? sm.roleArn : String(body.roleArn),
      updatedMs: now,
      revisionId,
      extra: {
        ...sm.extra,
        ...(body.loggingConfiguration !== undefined
          ? { loggingConfiguration: body.loggingConfiguration }
          : {}),
        ...(body.tracingConfiguration !== undefined
          ? { tracingConfiguration: body.tracingConfiguration }
          : {}),
      },
    });
    return { updateDate: seconds(now), revisionId };
  },

  DescribeStateMachine(rt, body) {
    return describeMachine(getMachine(rt, body.stateMachineArn));
  },

  ListStateMachines(rt, body) {
    const limit = maxResults(body, 100);
    const start = readPageToken(body.nextToken) ?? 0;
    const all = rt.listStateMachines();
    const page = all.slice(start, start + limit);
    return {
      stateMachines: page.map((sm) => ({
        stateMachineArn: sm.arn,
        name: sm.name,
        type: sm.type,
        creationDate: seconds(sm.createdMs),
      })),
      ...(start + limit < all.length ? { nextToken: pageToken(start + limit) } : {}),
    };
  },

  DeleteStateMachine(rt, body) {
    const arn = body.stateMachineArn;
    if (typeof arn !== 'string')
      throw validation(
        "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null",
      );
    // Running executions keep their own copy of the definition and finish, as on AWS.
    rt.deleteStateMachine(arn);
    return {};
  },

  ValidateStateMachineDefinition(_rt, body) {
    const definition = requireString(body, 'definition');
    let parsed: unknown;
    try {
      parsed = JSON.parse(definition);
    } catch (e) {
      return {
        result: 'FAIL',
        diagnostics: [
          {
            severity: 'ERROR',
            code: 'INVALID_JSON_DESCRIPTION',
            message: e instanceof Error ? e.message : String(e),
          },
        ],
        truncated: false,
      };
    }
    const result = validateDefinition(parsed);
    return {
      result: result.valid ? 'OK' : 'FAIL',
      diagnostics: result.diagnostics.map((d) => ({ severity: 'ERROR', ...d })),
      truncated: false,
    };
  },

  StartExecution: startExecution,

  StartSyncExecution: startSyncExecution,

  TestState: testState,

  async DescribeExecution(rt, body) {
    const arn = body.executionArn;
    if (typeof arn !== 'string')
      throw validation(
        "1 validation error detected: Value null at 'executionArn' failed to satisfy constraint: Member must not be null",
      );
    const row = await rt.committedExecution(arn);
    if (!row) throw notFoundExecution(arn);
    return describeExecutionRow(row);
  },

  async ListExecutions(rt, body) {
    const sm = getMachine(rt, body.stateMachineArn);
    const status = body.statusFilter;
    const statuses = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];
    if (status !== undefined && (typeof status !== 'string' || !statuses.includes(status))) {
      throw validation(
        `1 validation error detected: Value '${String(status)}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, RUNNING]`,
      );
    }
    const limit = maxResults(body, 100);
    const before = readPageToken(body.nextToken) ?? Number.MAX_SAFE_INTEGER;
    const rows = await rt.committedExecutions(sm.arn, status as string | undefined, before, limit + 1);
    const page = rows.slice(0, limit);
    return {
      executions: page.map((row) => ({
        executionArn: row.arn,
        stateMachineArn: row.smArn,
        name: row.name,
        status: row.status,
        startDate: seconds(row.startMs),
        stopDate: seconds(row.stopMs),
        redriveCount: runtimeOf(row).redriveCount,
      })),
      ...(rows.length > limit ? { nextToken: pageToken(page[page.length - 1].id) } : {}),
    };
  },

  async StopExecution(rt, body) {
    const arn = requireString(body, 'executionArn');
    const stopMs = await rt.stopExecution(
      arn,
      typeof body.error === 'string' ? body.error : undefined,
      typeof body.cause === 'string' ? body.cause : undefined,
    );
    return { stopDate: seconds(stopMs) };
  },

  async GetExecutionHistory(rt, body) {
    const arn = requireString(body, 'executionArn');
    const row = await rt.committedExecution(arn);
    if (!row) throw notFoundExecution(arn);
    const limit = maxResults(body, 100);
    const reverse = body.reverseOrder === true;
    const cursor = readPageToken(body.nextToken) ?? (reverse ? Number.MAX_SAFE_INTEGER : 0);
    const rows = rt.historyEvents(row.id, cursor, limit + 1, reverse);
    const page = rows.slice(0, limit);
    const includeData = body.includeExecutionData !== false;
    return {
      events: page.map((e) => renderEvent(e.id, e.body, includeData)),
      ...(rows.length > limit ? { nextToken: pageToken(page[page.length - 1].id) } : {}),
    };
  },

  async RedriveExecution(rt, body) {
    const arn = requireString(body, 'executionArn');
    return { redriveDate: seconds(await rt.redriveExecution(arn)) };
  },

  async SendTaskSuccess(rt, body) {
    const token = requireString(body, 'taskToken');
    const outputText = body.output;
    if (typeof outputText !== 'string') throw new ApiError('InvalidOutput', 'Invalid Output: null');
    let output: unknown;
    try {
      output = JSON.parse(outputText);
    } catch (e) {
      throw new ApiError('InvalidOutput', `Invalid Output: '${e instanceof Error ? e.message : String(e)}'`);
    }
    if (Buffer.byteLength(outputText) > MAX_PAYLOAD_BYTES) {
      throw new ApiError(
        'InvalidOutput',
        `Invalid Output: 'The output exceeds the maximum size of ${MAX_PAYLOAD_BYTES} bytes.'`,
      );
    }
    await rt.callback(token, 'success', { output });
    return {};
  },

  async SendTaskFailure(rt, body) {
    const token = requireString(body, 'taskToken');
    await rt.callback(token, 'failure', {
      error: typeof body.error === 'string' ? body.error : undefined,
      cause: typeof body.cause === 'string' ? body.cause : undefined,
    });
    return {};
  },

  async SendTaskHeartbeat(rt, body) {
    const token = requireString(body, 'taskToken');
    await rt.callback(token, 'heartbeat', {});
    return {};
  },
};
