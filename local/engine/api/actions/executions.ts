import { randomUUID } from 'node:crypto';
import { runtimeOf } from '../../execution';
import type { ExecutionRow, StateMachineRow } from '../../store';
import type { EngineApi } from '../engine-api';
import { ApiError, notFoundExecution, validation } from '../errors';
import { renderEvent } from '../history';
import { testState } from '../test-state';
import {
  type Action,
  type Body,
  checkName,
  getMachine,
  maxResults,
  pageToken,
  parseInput,
  readPageToken,
  requireString,
  seconds,
} from './request';

// Starting, reading, stopping and redriving executions, and their histories.

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

export const EXECUTION_ACTIONS: Record<string, Action> = {
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
};
