import { StatesError } from '../errors';
import type { Execution } from '../execution';
import { parseResource } from '../integrations/resources';
import { jsonataExpressionOf, parseTimestamp, withStateContext } from '../language';
import type { Runtime } from '../runtime';
import type { Catcher, StateDef, Thread } from '../types';
import { contextObject, queryLanguageOf, scopeMachine, stateOf } from './context';
import { DataFlow, type Scope } from './dataflow';
import { dataLimitError, historyLimitFailure, MAX_HISTORY_EVENTS, payloadTooLarge } from './limits';

/** Transitions one signal may run before yielding to other executions (a busy loop must not starve them). */
const TRANSITION_BUDGET = 64;

export type FailureInfo = {
  error: string;
  cause: string;
  heartbeat?: boolean;
  /** A Parallel / Map failed because a branch or iteration did: recorded as *StateFailed unless retried. */
  branchFailure?: boolean;
};

function flowFor(
  rt: Runtime,
  ex: Execution,
  th: Thread,
  state: StateDef,
  mapItem?: { index: number; value: unknown },
): DataFlow {
  return new DataFlow(
    queryLanguageOf(ex, state),
    state,
    () => contextObject(ex, th, mapItem, state.Type),
    th.vars,
    () => new Date(rt.now()),
  );
}

export function json(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value);
}

function prefixed(th: Thread, e: StatesError): FailureInfo {
  // AWS reports data-flow failures as "An error occurred while executing the state 'X' (entered at the event id #N). ..."
  if (e.cause.startsWith('An error occurred while executing the state'))
    return { error: e.error, cause: e.cause };
  const wrapped = withStateContext(e, th.state, th.enteredEventId);
  return { error: wrapped.error, cause: wrapped.cause };
}

/** Run a thread that is ready to enter its current state, following transitions up to the budget. */
export async function runThread(rt: Runtime, ex: Execution, th: Thread): Promise<void> {
  let budget = TRANSITION_BUDGET;
  while (th.phase === 'enter' && ex.status === 'RUNNING') {
    if (ex.nextEventId + 2 > MAX_HISTORY_EVENTS) {
      // Entering and leaving one more state, plus ExecutionFailed, must still fit in the history.
      rt.finishExecution(ex, 'FAILED', historyLimitFailure());
      return;
    }
    if (budget-- === 0) {
      rt.enqueue({ kind: 'run', execId: ex.id, threadId: th.id, seq: th.seq });
      return;
    }
    await enterState(rt, ex, th);
  }
}

async function enterState(rt: Runtime, ex: Execution, th: Thread): Promise<void> {
  const state = stateOf(ex, th);
  th.enteredMs = rt.now();
  th.retries = [];
  th.retryCount = 0;
  th.effective = undefined;
  th.enteredPrev = th.lastEventId;
  th.enteredEventId = rt.emit(ex, th, `${state.Type}StateEntered`, {
    stateEnteredEventDetails: { name: th.state, input: json(th.input), inputDetails: { truncated: false } },
  });
  rt.touch(ex, th);
  await guarded(rt, ex, th, state, () => runState(rt, ex, th, state));
}

/** Run `fn`; a StatesError it throws is this state's failure (retried, caught, or failing the thread). */
async function guarded(
  rt: Runtime,
  ex: Execution,
  th: Thread,
  state: StateDef,
  fn: () => Promise<void>,
): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (!(e instanceof StatesError)) throw e;
    const failure = prefixed(th, e);
    if (e.error === 'States.QueryEvaluationError') {
      evaluationFailed(rt, ex, th, state, failure, e.location);
      // A Map or Parallel records its own failure after the evaluation's.
      if (state.Type === 'Map' || state.Type === 'Parallel') failure.branchFailure = true;
    }
    await stateFailed(rt, ex, th, state, failure);
  }
}

/**
 * A JSONata evaluation failed: AWS records an EvaluationFailed event. It follows what the state's entered
 * event followed, except in a Wait, where it follows the entered event (AWS recordings).
 */
function evaluationFailed(
  rt: Runtime,
  ex: Execution,
  th: Thread,
  state: StateDef,
  failure: FailureInfo,
  location: string | undefined,
): void {
  const prev = state.Type === 'Wait' ? th.lastEventId : (th.enteredPrev ?? th.lastEventId);
  rt.emit(
    ex,
    th,
    'EvaluationFailed',
    {
      evaluationFailedEventDetails: {
        error: failure.error,
        cause: failure.cause,
        ...(location === undefined ? {} : { location }),
        state: th.state,
      },
    },
    prev,
  );
}

async function runState(rt: Runtime, ex: Execution, th: Thread, state: StateDef): Promise<void> {
  switch (state.Type) {
    case 'Pass': {
      const flow = flowFor(rt, ex, th, state);
      const { output, result } = await flow.passOutput(th.input);
      const vars = await flow.assign(state.Assign, { input: th.input, result });
      return exitState(rt, ex, th, state, output, vars);
    }
    case 'Choice':
      return runChoice(rt, ex, th, state);
    case 'Wait':
      return startWait(rt, ex, th, state);
    case 'Succeed': {
      const flow = flowFor(rt, ex, th, state);
      const output = await flow.passThrough(th.input);
      return exitState(rt, ex, th, state, output, { vars: th.vars });
    }
    case 'Fail':
      return runFail(rt, ex, th, state);
    case 'Task':
      return startTask(rt, ex, th, state);
    case 'Parallel':
      return startParallel(rt, ex, th, state);
    case 'Map':
      return startMap(rt, ex, th, state);
    default:
      throw new StatesError('States.Runtime', `Unsupported state type '${(state as StateDef).Type}'`);
  }
}

async function runChoice(rt: Runtime, ex: Execution, th: Thread, state: StateDef): Promise<void> {
  const flow = flowFor(rt, ex, th, state);
  for (const rule of state.Choices ?? []) {
    if (await flow.choiceMatches(rule, th.input)) {
      const output = await flow.passThrough(th.input, rule.Output ?? state.Output);
      const assign = (rule.Assign as Record<string, unknown> | undefined) ?? state.Assign;
      const vars = await flow.assign(assign, { input: th.input });
      return exitState(rt, ex, th, state, output, vars, String(rule.Next));
    }
  }
  if (state.Default !== undefined) {
    const output = await flow.passThrough(th.input);
    const vars = await flow.assign(state.Assign, { input: th.input });
    return exitState(rt, ex, th, state, output, vars, state.Default);
  }
  throw new StatesError('States.NoChoiceMatched', `No Matches!`);
}

async function runFail(rt: Runtime, ex: Execution, th: Thread, state: StateDef): Promise<void> {
  const flow = flowFor(rt, ex, th, state);
  const error = await flow.field('Error', 'ErrorPath', th.input);
  const cause = await flow.field('Cause', 'CausePath', th.input);
  threadFailed(rt, ex, th, {
    error: error === undefined ? '' : String(error),
    cause: cause === undefined ? '' : String(cause),
  });
}

async function startWait(rt: Runtime, ex: Execution, th: Thread, state: StateDef): Promise<void> {
  const flow = flowFor(rt, ex, th, state);
  const input = flow.jsonata ? th.input : flow.effectiveInput(th.input);
  let wakeAt: number;
  const seconds = await flow.field('Seconds', 'SecondsPath', input);
  if (seconds !== undefined) {
    wakeAt = th.enteredMs + waitSeconds(seconds, flow.jsonata ? undefined : state.SecondsPath) * 1000;
  } else {
    const ts = await flow.field('Timestamp', 'TimestampPath', input);
    const ms = typeof ts === 'string' ? parseTimestamp(ts) : undefined;
    if (ms === undefined) throw timestampError(ts, flow.jsonata ? undefined : state.TimestampPath);
    wakeAt = Math.floor(ms);
  }
  if (wakeAt - th.enteredMs > MAX_WAIT_MS)
    throw new StatesError('States.Runtime', 'Wait state delay is too long.');
  if (testing(ex, th)) {
    // TestState evaluates a Wait state without waiting.
    return finishWait(rt, ex, th, state);
  }
  th.phase = 'wait';
  th.seq++;
  th.wakeAt = wakeAt;
  rt.touch(ex, th);
  rt.addTimer(ex, th, wakeAt, 'wake');
}

/** AWS keeps a wait to 2^31 - 1 seconds (recordings: 24,855 days waits, 24,856 days fails). */
const MAX_WAIT_MS = (2 ** 31 - 1) * 1000;

/** How a path's value reads in AWS's Wait causes: `$.path == value` (strings bare). */
function pathValue(path: string, value: unknown): string {
  return `${path} == ${typeof value === 'string' ? value : json(value)}`;
}

/** Whole seconds from Seconds / SecondsPath, or the failure AWS records for anything else. */
function waitSeconds(seconds: unknown, path: string | undefined): number {
  if (typeof seconds === 'number' && Number.isInteger(seconds) && seconds >= 0) return seconds;
  if (path !== undefined && typeof seconds === 'number') {
    throw new StatesError(
      'States.Runtime',
      Number.isInteger(seconds)
        ? `The SecondsPath parameter references a negative value: ${pathValue(path, seconds)}`
        : `The SecondsPath parameter cannot be parsed as a long value: ${pathValue(path, seconds)}`,
    );
  }
  throw new StatesError(
    'States.Runtime',
    `The ${path === undefined ? 'Seconds' : 'SecondsPath'} parameter does not reference a valid integer value: ${json(seconds)}`,
  );
}

function timestampError(ts: unknown, path: string | undefined): StatesError {
  if (path === undefined) {
    return new StatesError(
      'States.QueryEvaluationError',
      `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${typeof ts === 'string' ? ts : json(ts)}`,
      'Timestamp',
    );
  }
  return new StatesError(
    'States.Runtime',
    `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${pathValue(path, ts)}`,
  );
}

/** TestState runs one state: the root thread stops after it (branches of a Parallel / Map run fully). */
function testing(ex: Execution, th: Thread): boolean {
  return ex.test !== undefined && th.parent === undefined;
}

async function finishWait(rt: Runtime, ex: Execution, th: Thread, state: StateDef): Promise<void> {
  th.wakeAt = undefined;
  await guarded(rt, ex, th, state, async () => {
    const flow = flowFor(rt, ex, th, state);
    const output = await flow.passThrough(th.input);
    const vars = await flow.assign(state.Assign, { input: th.input });
    await exitState(rt, ex, th, state, output, vars);
  });
}

/** Leave a state with its output: record the exit and move to Next, or end the thread. */
async function exitState(
  rt: Runtime,
  ex: Execution,
  th: Thread,
  state: StateDef,
  output: unknown,
  scope: Scope,
  next?: string,
): Promise<void> {
  const text = json(output);
  if (payloadTooLarge(text)) {
    // A state's own oversized output fails the execution at once (AWS recordings: not catchable here).
    return failExecutionNow(rt, ex, th, dataLimitError(th.state));
  }
  th.vars = scope.vars;
  const details: Record<string, unknown> = {};
  if (scope.assigned) {
    details.assignedVariables = Object.fromEntries(
      Object.entries(scope.assigned).map(([k, v]) => [k, json(v)]),
    );
    details.assignedVariablesDetails = { truncated: false };
  }
  rt.emit(ex, th, `${state.Type}StateExited`, {
    stateExitedEventDetails: {
      ...details,
      name: th.state,
      output: text,
      outputDetails: { truncated: false },
    },
  });
  // A Choice rule's or a Catcher's Next wins over the state's own End.
  const target = next ?? (state.End ? undefined : state.Next);
  if (testing(ex, th)) {
    ex.test!.nextState = state.Type === 'Succeed' ? undefined : target;
    threadSucceeded(rt, ex, th, output);
    return;
  }
  if (state.Type === 'Succeed' || target === undefined) {
    threadSucceeded(rt, ex, th, output);
    return;
  }
  th.state = target;
  th.input = output;
  th.phase = 'enter';
  th.seq++;
  th.task = undefined;
  th.children = undefined;
  rt.touch(ex, th);
}

function failExecutionNow(rt: Runtime, ex: Execution, _th: Thread, failure: FailureInfo): void {
  rt.finishExecution(ex, 'FAILED', { error: failure.error, cause: failure.cause });
}

// ---------------------------------------------------------------------------------------------- Task

async function startTask(rt: Runtime, ex: Execution, th: Thread, state: StateDef): Promise<void> {
  const resource = parseResource(String(state.Resource));
  const token = resource.pattern === 'token' ? rt.newToken() : undefined;
  th.task = {
    resource: String(state.Resource),
    resourceType: resource.resourceType,
    resourceName: resource.resourceName,
    params: undefined,
    kind: resource.kind === 'lambda-arn' ? 'lambda-arn' : 'service',
    token,
  };
  const flow = flowFor(rt, ex, th, state);
  if (th.effective === undefined) th.effective = flow.effectiveInput(th.input);
  const timeoutSeconds = positiveSeconds(
    await flow.field('TimeoutSeconds', 'TimeoutSecondsPath', th.effective),
    'Timeout',
  );
  const heartbeatSeconds = positiveSeconds(
    await flow.field('HeartbeatSeconds', 'HeartbeatSecondsPath', th.effective),
    'Heartbeat',
  );
  const params = await flow.payload(th.input, th.effective);
  th.task.params = params;
  th.phase = 'task';
  th.seq++;
  const now = rt.now();
  if (resource.kind === 'lambda-arn') {
    rt.emit(ex, th, 'LambdaFunctionScheduled', {
      lambdaFunctionScheduledEventDetails: {
        resource: th.task.resource,
        input: json(params),
        inputDetails: { truncated: false },
        ...(timeoutSeconds !== undefined ? { timeoutInSeconds: timeoutSeconds } : {}),
      },
    });
    rt.emit(ex, th, 'LambdaFunctionStarted', {});
  } else {
    rt.emit(ex, th, 'TaskScheduled', {
      taskScheduledEventDetails: {
        resourceType: th.task.resourceType,
        resource: th.task.resourceName,
        region: rt.region,
        parameters: json(params),
        ...(timeoutSeconds !== undefined ? { timeoutInSeconds: timeoutSeconds } : {}),
        ...(heartbeatSeconds !== undefined ? { heartbeatInSeconds: heartbeatSeconds } : {}),
      },
    });
    rt.emit(ex, th, 'TaskStarted', {
      taskStartedEventDetails: { resourceType: th.task.resourceType, resource: th.task.resourceName },
    });
  }
  if (timeoutSeconds !== undefined) {
    th.task.timeoutSeconds = timeoutSeconds;
    th.task.timeoutAt = now + timeoutSeconds * 1000;
    rt.addTimer(ex, th, th.task.timeoutAt, 'timeout');
  }
  if (heartbeatSeconds !== undefined) {
    th.task.heartbeatSeconds = heartbeatSeconds;
    th.task.heartbeatAt = now + heartbeatSeconds * 1000;
    rt.addTimer(ex, th, th.task.heartbeatAt, 'heartbeat');
  }
  if (token) rt.registerToken(ex, th, token);
  rt.touch(ex, th);
  rt.dispatchTask(ex, th);
}

function positiveSeconds(value: unknown, what: 'Timeout' | 'Heartbeat'): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new StatesError(
      'States.Runtime',
      `The ${what}SecondsPath parameter does not reference a valid integer value: ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** The integration answered: a result, a failure, or (token / .sync patterns) that the work was submitted. */
export async function onTaskOutcome(
  rt: Runtime,
  ex: Execution,
  th: Thread,
  outcome: { ok: true; value: unknown } | { ok: false; error: string; cause: string },
): Promise<void> {
  const state = stateOf(ex, th);
  const task = th.task!;
  closeTask(rt, ex, th);
  if (!outcome.ok) {
    if (task.kind === 'lambda-arn') {
      rt.emit(ex, th, 'LambdaFunctionFailed', {
        lambdaFunctionFailedEventDetails: { error: outcome.error, cause: outcome.cause },
      });
    } else {
      rt.emit(ex, th, 'TaskFailed', {
        taskFailedEventDetails: {
          resourceType: task.resourceType,
          resource: task.resourceName,
          error: outcome.error,
          cause: outcome.cause,
        },
      });
    }
    return stateFailed(rt, ex, th, state, { error: outcome.error, cause: outcome.cause });
  }
  const outputText = json(outcome.value);
  if (task.kind === 'lambda-arn') {
    rt.emit(ex, th, 'LambdaFunctionSucceeded', {
      lambdaFunctionSucceededEventDetails: { output: outputText, outputDetails: { truncated: false } },
    });
  } else {
    rt.emit(ex, th, 'TaskSucceeded', {
      taskSucceededEventDetails: {
        resourceType: task.resourceType,
        resource: task.resourceName,
        output: outputText,
        outputDetails: { truncated: false },
      },
    });
  }
  if (payloadTooLarge(outputText)) {
    // A task result over the limit is a catchable States.DataLimitExceeded (AWS recordings).
    return stateFailed(rt, ex, th, state, dataLimitError(th.state));
  }
  await guarded(rt, ex, th, state, async () => {
    const flow = flowFor(rt, ex, th, state);
    const { output, selected } = await flow.output(th.input, outcome.value);
    const vars = await flow.assign(state.Assign, { input: th.input, result: selected });
    await exitState(rt, ex, th, state, output, vars);
  });
}

/** waitForTaskToken / .sync: the call that hands out the work returned; keep waiting for the callback. */
export function onTaskSubmitted(rt: Runtime, ex: Execution, th: Thread, value: unknown): void {
  const task = th.task!;
  task.submitted = true;
  rt.emit(ex, th, 'TaskSubmitted', {
    taskSubmittedEventDetails: {
      resourceType: task.resourceType,
      resource: task.resourceName,
      output: json(value),
      outputDetails: { truncated: false },
    },
  });
  rt.touch(ex, th);
}

function closeTask(rt: Runtime, ex: Execution, th: Thread): void {
  if (th.task?.token) rt.closeToken(ex, th, th.task.token);
  th.seq++;
  rt.touch(ex, th);
}

/** A timer fired for a thread and is still current. */
export async function onTimer(
  rt: Runtime,
  ex: Execution,
  th: Thread,
  kind: 'wake' | 'timeout' | 'heartbeat',
): Promise<void> {
  const state = stateOf(ex, th);
  if (kind === 'wake') {
    if (th.phase === 'wait') return finishWait(rt, ex, th, state);
    if (th.phase === 'retry') return retryState(rt, ex, th, state);
    return;
  }
  if (th.phase !== 'task' || !th.task) return;
  const task = th.task;
  if (kind === 'heartbeat' && task.heartbeatAt !== undefined && task.heartbeatAt > rt.now()) return;
  if (kind === 'timeout' && task.timeoutAt !== undefined && task.timeoutAt > rt.now()) return;
  closeTask(rt, ex, th);
  if (task.childArn && (task.resourceName.endsWith('.sync') || task.resourceName.endsWith('.sync:2'))) {
    rt.stopChildExecution(task.childArn);
  }
  if (task.kind === 'lambda-arn') {
    rt.emit(ex, th, 'LambdaFunctionTimedOut', {
      lambdaFunctionTimedOutEventDetails: { error: 'States.Timeout' },
    });
  } else {
    rt.emit(ex, th, 'TaskTimedOut', {
      taskTimedOutEventDetails: {
        resourceType: task.resourceType,
        resource: task.resourceName,
        error: 'States.Timeout',
      },
    });
  }
  // AWS records a missed heartbeat as States.Timeout too; a catcher naming States.HeartbeatTimeout still matches it.
  return stateFailed(rt, ex, th, state, {
    error: 'States.Timeout',
    cause: '',
    heartbeat: kind === 'heartbeat',
  });
}

export function onHeartbeat(rt: Runtime, ex: Execution, th: Thread): void {
  const task = th.task;
  if (!task || task.heartbeatSeconds === undefined) return;
  task.heartbeatAt = rt.now() + task.heartbeatSeconds * 1000;
  rt.addTimer(ex, th, task.heartbeatAt, 'heartbeat');
  rt.touch(ex, th);
}

// ---------------------------------------------------------------------------------------------- errors

/** Does a Retry / Catch ErrorEquals list cover this failure? */
export function errorMatches(list: string[], failure: FailureInfo): boolean {
  const { error } = failure;
  // States.Runtime is never retried or caught (AWS: "A retry or catch on States.ALL won't catch States.Runtime").
  if (error === 'States.Runtime') return false;
  for (const name of list) {
    if (name === error) return true;
    if (name === 'States.ALL') return true;
    if (name === 'States.TaskFailed' && error !== 'States.Timeout') return true;
    if (name === 'States.HeartbeatTimeout' && failure.heartbeat) return true;
  }
  return false;
}

/** A state failed: retry it, catch it, or fail the thread. */
export async function stateFailed(
  rt: Runtime,
  ex: Execution,
  th: Thread,
  state: StateDef,
  failure: FailureInfo,
): Promise<void> {
  if (ex.status !== 'RUNNING') return;
  const retriable = state.Type === 'Task' || state.Type === 'Parallel' || state.Type === 'Map';
  if (retriable && state.Retry) {
    for (let i = 0; i < state.Retry.length; i++) {
      const retrier = state.Retry[i];
      if (!errorMatches(retrier.ErrorEquals, failure)) continue;
      const attempts = th.retries[i] ?? 0;
      const max = retrier.MaxAttempts ?? 3;
      if (attempts < max && testing(ex, th)) {
        // TestState reports that the state would be retried, without waiting for it.
        ex.test!.status = 'RETRIABLE';
        threadFailed(rt, ex, th, failure);
        return;
      }
      if (attempts < max) {
        const interval = retrier.IntervalSeconds ?? 1;
        const backoff = retrier.BackoffRate ?? 2;
        let delay = interval * backoff ** attempts;
        if (retrier.MaxDelaySeconds !== undefined) delay = Math.min(delay, retrier.MaxDelaySeconds);
        if (retrier.JitterStrategy === 'FULL') delay = Math.random() * delay;
        th.retries[i] = attempts + 1;
        th.retryCount++;
        th.phase = 'retry';
        th.seq++;
        th.wakeAt = rt.now() + Math.round(delay * 1000);
        rt.touch(ex, th);
        rt.addTimer(ex, th, th.wakeAt, 'wake');
        return;
      }
      break;
    }
  }
  if (failure.branchFailure) rt.emit(ex, th, `${state.Type}StateFailed`, {});
  if (retriable && state.Catch) {
    for (const catcher of state.Catch) {
      if (!errorMatches(catcher.ErrorEquals, failure)) continue;
      return caught(rt, ex, th, state, catcher, failure);
    }
  }
  threadFailed(rt, ex, th, failure);
}

async function caught(
  rt: Runtime,
  ex: Execution,
  th: Thread,
  state: StateDef,
  catcher: Catcher,
  failure: FailureInfo,
): Promise<void> {
  const errorOutput = { Error: failure.error, Cause: failure.cause };
  if (testing(ex, th)) ex.test!.status = 'CAUGHT_ERROR';
  try {
    const flow = flowFor(rt, ex, th, state);
    const output = await flow.catchOutput(th.input, errorOutput, catcher);
    const vars = await flow.assign(catcher.Assign, { input: th.input, errorOutput });
    await exitState(rt, ex, th, state, output, vars, catcher.Next);
  } catch (e) {
    if (!(e instanceof StatesError)) throw e;
    threadFailed(rt, ex, th, prefixed(th, e));
  }
}

async function retryState(rt: Runtime, ex: Execution, th: Thread, state: StateDef): Promise<void> {
  th.wakeAt = undefined;
  await guarded(rt, ex, th, state, async () => {
    if (state.Type === 'Task') return startTask(rt, ex, th, state);
    if (state.Type === 'Parallel') return startParallel(rt, ex, th, state);
    return startMap(rt, ex, th, state);
  });
}

// ---------------------------------------------------------------------------------------------- endings

function threadSucceeded(rt: Runtime, ex: Execution, th: Thread, output: unknown): void {
  th.phase = 'done';
  th.status = 'succeeded';
  th.output = output;
  th.seq++;
  rt.touch(ex, th);
  if (th.parent === undefined) {
    rt.finishExecution(ex, 'SUCCEEDED', { output: json(output) });
    return;
  }
  rt.enqueue({ kind: 'child', execId: ex.id, threadId: th.parent, childId: th.id });
}

export function threadFailed(rt: Runtime, ex: Execution, th: Thread, failure: FailureInfo): void {
  th.phase = 'done';
  th.status = 'failed';
  th.error = { error: failure.error, cause: failure.cause };
  th.seq++;
  rt.touch(ex, th);
  if (th.parent === undefined) {
    rt.finishExecution(ex, 'FAILED', { error: failure.error, cause: failure.cause });
    return;
  }
  rt.enqueue({ kind: 'child', execId: ex.id, threadId: th.parent, childId: th.id });
}

// ---------------------------------------------------------------------------------------------- Parallel, Map

async function startParallel(rt: Runtime, ex: Execution, th: Thread, state: StateDef): Promise<void> {
  const flow = flowFor(rt, ex, th, state);
  if (th.effective === undefined) th.effective = flow.effectiveInput(th.input);
  const branchInput = await flow.payload(th.input, th.effective);
  const branches = state.Branches ?? [];
  th.phase = 'children';
  th.seq++;
  const startedEventId = rt.emit(ex, th, 'ParallelStateStarted', {});
  th.children = {
    kind: 'parallel',
    total: branches.length,
    started: 0,
    done: 0,
    failed: 0,
    maxConcurrency: 0,
    toleratedCount: 0,
    toleratedPercentage: 0,
    childIds: [],
    startedEventId,
  };
  rt.touch(ex, th);
  branches.forEach((branch, index) => {
    const child = rt.newThread(ex, {
      parent: th.id,
      index,
      scope: [...th.scope, { state: th.state, branch: index }],
      state: branch.StartAt,
      input: branchInput,
      vars: { ...th.vars },
      lastEventId: startedEventId,
      quiet: th.quiet,
    });
    th.children!.childIds.push(child.id);
    th.children!.started++;
    rt.enqueue({ kind: 'run', execId: ex.id, threadId: child.id, seq: child.seq });
  });
  if (branches.length === 0) await childrenComplete(rt, ex, th, state);
}

async function startMap(rt: Runtime, ex: Execution, th: Thread, state: StateDef): Promise<void> {
  const flow = flowFor(rt, ex, th, state);
  if (th.effective === undefined) th.effective = flow.effectiveInput(th.input);
  let items: unknown;
  if (flow.jsonata) {
    items = state.Items === undefined ? th.input : await flow.field('Items', undefined, th.input);
    if (!Array.isArray(items)) {
      if (state.Items === undefined) {
        throw new StatesError(
          'States.QueryEvaluationError',
          `Map state input must be an array but was: ${json(items)}`,
        );
      }
      throw new StatesError(
        'States.QueryEvaluationError',
        `The JSONata expression '${jsonataExpressionOf(state.Items) ?? String(state.Items)}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '${typeName(items)}' for value: ${json(items)}`,
        'Items',
      );
    }
  } else {
    items = state.ItemsPath ? readItems(flow, state.ItemsPath, th.effective) : th.effective;
    if (!Array.isArray(items)) {
      throw new StatesError('States.Runtime', `Map state input must be an array but was: ${json(items)}`);
    }
  }
  const maxConcurrency = await flow.field('MaxConcurrency', 'MaxConcurrencyPath', th.effective);
  if (maxConcurrency !== undefined && !(Number.isInteger(maxConcurrency) && Number(maxConcurrency) >= 0)) {
    throw pathValueError(state, 'MaxConcurrencyPath', maxConcurrency, 'integer');
  }
  th.phase = 'children';
  th.seq++;
  const list = items as unknown[];
  let startedEventId = rt.emit(ex, th, 'MapStateStarted', {
    mapStateStartedEventDetails: { length: list.length },
  });
  // AWS reads the tolerated failure thresholds once the Map has started (recordings: the failure follows MapStateStarted).
  const toleratedCount = await flow.field('ToleratedFailureCount', 'ToleratedFailureCountPath', th.effective);
  const toleratedPercentage = await flow.field(
    'ToleratedFailurePercentage',
    'ToleratedFailurePercentagePath',
    th.effective,
  );
  if (toleratedCount !== undefined) {
    if (!Number.isInteger(toleratedCount))
      throw pathValueError(state, 'ToleratedFailureCountPath', toleratedCount, 'integer');
    if (Number(toleratedCount) < 0)
      throw new StatesError('States.Runtime', 'ToleratedFailureCount cannot be negative.');
  }
  if (toleratedPercentage !== undefined) {
    if (typeof toleratedPercentage !== 'number')
      throw pathValueError(state, 'ToleratedFailurePercentagePath', toleratedPercentage, 'float');
    if (toleratedPercentage < 0 || toleratedPercentage > 100)
      throw new StatesError('States.Runtime', 'ToleratedFailurePercentage must be between 0 and 100.');
  }
  th.children = {
    kind: 'map',
    total: list.length,
    started: 0,
    done: 0,
    failed: 0,
    maxConcurrency: Number(maxConcurrency ?? 0),
    toleratedCount: toleratedCount === undefined ? -1 : Number(toleratedCount),
    toleratedPercentage: toleratedPercentage === undefined ? -1 : Number(toleratedPercentage),
    items: list,
    selectorInput: th.effective,
    childIds: [],
    startedEventId,
  };
  if ((state.ItemProcessor ?? state.Iterator)?.ProcessorConfig?.Mode === 'DISTRIBUTED') {
    startedEventId = rt.emit(ex, th, 'MapRunStarted', {
      mapRunStartedEventDetails: { mapRunArn: mapRunArn(ex, th, state) },
    });
    th.children.startedEventId = startedEventId;
    th.children.distributed = true;
  }
  rt.touch(ex, th);
  if (list.length === 0) return childrenComplete(rt, ex, th, state);
  await launchIterations(rt, ex, th, state);
}

/** A Map Run's ARN: `arn:aws:states:<region>:<account>:mapRun:<machine>/<label or state>:<run id>`. */
function mapRunArn(ex: Execution, th: Thread, state: StateDef): string {
  const prefix = ex.smArn.replace(':stateMachine:', ':mapRun:');
  return `${prefix}/${state.Label ?? th.state}:${ex.name}-${th.enteredEventId}`;
}

/** A Map's *Path field found a value of the wrong kind: AWS's cause names the value and the path. */
function pathValueError(
  state: StateDef,
  field: 'MaxConcurrencyPath' | 'ToleratedFailureCountPath' | 'ToleratedFailurePercentagePath',
  value: unknown,
  kind: 'integer' | 'float',
): StatesError {
  const path = state[field];
  const shown = typeof value === 'string' ? value : json(value);
  if (path === undefined) {
    // A JSONata expression gave it (the literal forms are checked with the definition).
    const name = field.slice(0, -'Path'.length);
    return new StatesError(
      'States.QueryEvaluationError',
      `The ${name} field refers to value "${shown}" which is not a valid ${kind}`,
      name,
    );
  }
  return new StatesError(
    'States.Runtime',
    `The ${field} field refers to value "${shown}" which is not a valid ${kind}: ${path}`,
  );
}

function readItems(flow: DataFlow, path: string, input: unknown): unknown {
  // ItemsPath is a reference path into the effective input.
  const probe = new DataFlow(flow.ql, { Type: 'Pass', InputPath: path }, flow.ctx, flow.vars, flow.now);
  return probe.effectiveInput(input);
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

async function launchIterations(rt: Runtime, ex: Execution, th: Thread, state: StateDef): Promise<void> {
  const ch = th.children!;
  const processor = (state.ItemProcessor ?? state.Iterator)!;
  const running = ch.started - ch.done - ch.failed;
  let room = ch.maxConcurrency > 0 ? ch.maxConcurrency - running : ch.total;
  while (room > 0 && ch.started < ch.total) {
    const index = ch.started;
    const value = ch.items![index];
    const flow = flowFor(rt, ex, th, state, { index, value });
    const input = await flow.itemInput(th.input, ch.selectorInput, value, flow.ctx);
    const iterationEventId = ch.distributed
      ? ch.startedEventId
      : rt.emit(ex, th, 'MapIterationStarted', {
          mapIterationStartedEventDetails: { name: th.state, index },
        });
    th.lastEventId = ch.startedEventId;
    const child = rt.newThread(ex, {
      parent: th.id,
      index,
      scope: [...th.scope, { state: th.state }],
      state: processor.StartAt,
      input,
      vars: { ...th.vars },
      lastEventId: iterationEventId,
      quiet: th.quiet || ch.distributed,
    });
    ch.childIds[index] = child.id;
    ch.started++;
    room--;
    rt.enqueue({ kind: 'run', execId: ex.id, threadId: child.id, seq: child.seq });
  }
  rt.touch(ex, th);
}

/** A branch or iteration ended; `parent` is the Parallel / Map thread waiting on it. */
export async function onChildEnded(rt: Runtime, ex: Execution, parent: Thread, child: Thread): Promise<void> {
  const ch = parent.children;
  if (parent.phase !== 'children' || !ch || ch.childIds[child.index!] !== child.id) return;
  const state = stateOf(ex, parent);
  parent.lastEventId = child.lastEventId;
  if (child.status === 'succeeded') {
    ch.done++;
    if (ch.kind === 'map' && !ch.distributed) {
      rt.emit(ex, parent, 'MapIterationSucceeded', {
        mapIterationSucceededEventDetails: { name: parent.state, index: child.index },
      });
    }
  } else {
    ch.failed++;
    if (ch.kind === 'map' && !ch.distributed) {
      rt.emit(ex, parent, 'MapIterationFailed', {
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
      abortChildren(rt, ex, parent, child.lastEventId);
      parent.lastEventId = child.lastEventId;
      parent.children = undefined;
      const failure = exceeded
        ? {
            error: 'States.ExceedToleratedFailureThreshold',
            cause: 'The specified tolerated failure threshold was exceeded',
          }
        : child.error!;
      if (ch.distributed) {
        parent.lastEventId = ch.startedEventId;
        rt.emit(ex, parent, 'MapRunFailed', {
          mapRunFailedEventDetails: { error: failure.error, cause: failure.cause },
        });
      }
      return stateFailed(rt, ex, parent, state, { ...failure, branchFailure: true });
    }
  }
  if (ch.kind === 'map' && ch.started < ch.total) {
    // The next iteration's MapIterationStarted follows the ended iteration's last event, as in AWS.
    const iterationEnded = parent.lastEventId;
    parent.lastEventId = child.lastEventId;
    await launchIterations(rt, ex, parent, state);
    if (ch.done + ch.failed === ch.total) parent.lastEventId = iterationEnded;
  }
  if (ch.done + ch.failed === ch.total) return childrenComplete(rt, ex, parent, state);
  rt.touch(ex, parent);
}

function abortChildren(rt: Runtime, ex: Execution, parent: Thread, causeEventId: number): void {
  const ch = parent.children!;
  for (const id of ch.childIds) {
    const child = ex.threads.get(id);
    if (!child) continue;
    if (child.phase !== 'done') {
      abortThreadTree(rt, ex, child, causeEventId);
      if (ch.kind === 'map') {
        rt.emit(
          ex,
          parent,
          'MapIterationAborted',
          { mapIterationAbortedEventDetails: { name: parent.state, index: child.index } },
          causeEventId,
        );
      }
    }
    rt.dropThread(ex, child);
  }
}

/** Stop a running thread and everything under it (a failed sibling branch, a stopped execution). */
export function abortThreadTree(rt: Runtime, ex: Execution, th: Thread, causeEventId: number): void {
  if (th.children) {
    for (const id of th.children.childIds) {
      const child = ex.threads.get(id);
      if (child) {
        if (child.phase !== 'done') abortThreadTree(rt, ex, child, causeEventId);
        rt.dropThread(ex, child);
      }
    }
  }
  if (th.phase !== 'done') {
    const state = scopeMachine(ex, th).States[th.state];
    if (th.task?.token) rt.closeToken(ex, th, th.task.token);
    if (th.task?.childArn) rt.stopChildExecution(th.task.childArn);
    if (th.phase !== 'enter' && state) rt.emit(ex, th, `${state.Type}StateAborted`, {}, causeEventId);
  }
  th.phase = 'done';
  th.status = 'failed';
  th.seq++;
}

async function childrenComplete(rt: Runtime, ex: Execution, th: Thread, state: StateDef): Promise<void> {
  const ch = th.children!;
  const results = ch.childIds.map((id) => {
    const child = ex.threads.get(id);
    if (!child) return null;
    rt.dropThread(ex, child);
    return child.status === 'succeeded'
      ? child.output
      : { Error: child.error?.error, Cause: child.error?.cause };
  });
  if (ch.distributed) {
    th.lastEventId = ch.startedEventId;
    rt.emit(ex, th, 'MapRunSucceeded', {});
  }
  const last = th.lastEventId;
  rt.emit(ex, th, ch.kind === 'map' ? 'MapStateSucceeded' : 'ParallelStateSucceeded', {});
  // AWS's *StateExited follows the same event as *StateSucceeded, or after a Map Run its MapRunStarted
  // (recordings since 2024-11).
  th.lastEventId = ch.distributed ? ch.startedEventId : last;
  th.children = undefined;
  await guarded(rt, ex, th, state, async () => {
    if (payloadTooLarge(json(results))) {
      const limit = dataLimitError(th.state);
      throw new StatesError(limit.error, limit.cause);
    }
    const flow = flowFor(rt, ex, th, state);
    const { output, selected } = await flow.output(th.input, results);
    const vars = await flow.assign(state.Assign, { input: th.input, result: selected });
    await exitState(rt, ex, th, state, output, vars);
  });
}

export function threadStateType(ex: Execution, th: Thread): string {
  return stateOf(ex, th).Type;
}
