import { StatesError } from '../../errors';
import type { Execution } from '../../execution';
import { parseResource } from '../../integrations/resources';
import type { StateDef, Thread } from '../../types';
import { guarded, stateFailed } from '../failures';
import { stateOf } from '../context';
import { flowFor, json } from '../flow';
import type { InterpreterHost } from '../host';
import { dataLimitError, payloadTooLarge } from '../limits';
import { exitState } from '../transitions';

export async function startTask(
  host: InterpreterHost,
  ex: Execution,
  th: Thread,
  state: StateDef,
): Promise<void> {
  const resource = parseResource(String(state.Resource));
  const token = resource.pattern === 'token' ? host.newToken() : undefined;
  th.task = {
    resource: String(state.Resource),
    resourceType: resource.resourceType,
    resourceName: resource.resourceName,
    params: undefined,
    kind: resource.kind === 'lambda-arn' ? 'lambda-arn' : 'service',
    token,
  };
  const flow = flowFor(host, ex, th, state);
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
  const now = host.now();
  if (resource.kind === 'lambda-arn') {
    host.emit(ex, th, 'LambdaFunctionScheduled', {
      lambdaFunctionScheduledEventDetails: {
        resource: th.task.resource,
        input: json(params),
        inputDetails: { truncated: false },
        ...(timeoutSeconds !== undefined ? { timeoutInSeconds: timeoutSeconds } : {}),
      },
    });
    host.emit(ex, th, 'LambdaFunctionStarted', {});
  } else {
    host.emit(ex, th, 'TaskScheduled', {
      taskScheduledEventDetails: {
        resourceType: th.task.resourceType,
        resource: th.task.resourceName,
        region: host.region,
        parameters: json(params),
        ...(timeoutSeconds !== undefined ? { timeoutInSeconds: timeoutSeconds } : {}),
        ...(heartbeatSeconds !== undefined ? { heartbeatInSeconds: heartbeatSeconds } : {}),
      },
    });
    host.emit(ex, th, 'TaskStarted', {
      taskStartedEventDetails: { resourceType: th.task.resourceType, resource: th.task.resourceName },
    });
  }
  if (timeoutSeconds !== undefined) {
    th.task.timeoutSeconds = timeoutSeconds;
    th.task.timeoutAt = now + timeoutSeconds * 1000;
    host.addTimer(ex, th, th.task.timeoutAt, 'timeout');
  }
  if (heartbeatSeconds !== undefined) {
    th.task.heartbeatSeconds = heartbeatSeconds;
    th.task.heartbeatAt = now + heartbeatSeconds * 1000;
    host.addTimer(ex, th, th.task.heartbeatAt, 'heartbeat');
  }
  if (token) host.registerToken(ex, th, token);
  host.touch(ex, th);
  host.dispatchTask(ex, th);
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
  host: InterpreterHost,
  ex: Execution,
  th: Thread,
  // A SendTaskFailure may name no error or cause: then the events leave them out.
  outcome: { ok: true; value: unknown } | { ok: false; error?: string; cause?: string },
): Promise<void> {
  const state = stateOf(ex, th);
  const task = th.task!;
  closeTask(host, ex, th);
  const outputText = outcome.ok ? json(outcome.value) : '';
  if (outcome.ok && payloadTooLarge(outputText)) {
    // A result over the limit is the task's failure, a catchable States.DataLimitExceeded naming the
    // Lambda function's ARN or the integration's service (AWS recordings).
    const name = task.kind === 'lambda-arn' ? task.resource : task.resourceType;
    outcome = { ok: false, ...dataLimitError(name) };
  }
  if (!outcome.ok) {
    const { error, cause } = outcome;
    const named = { ...(error === undefined ? {} : { error }), ...(cause === undefined ? {} : { cause }) };
    if (task.kind === 'lambda-arn') {
      host.emit(ex, th, 'LambdaFunctionFailed', { lambdaFunctionFailedEventDetails: named });
    } else {
      host.emit(ex, th, 'TaskFailed', {
        taskFailedEventDetails: { resourceType: task.resourceType, resource: task.resourceName, ...named },
      });
    }
    // AWS's Catch then gives {"Error": null, "Cause": null} (recording of SendTaskFailure with neither).
    return stateFailed(host, ex, th, state, {
      error: error ?? '',
      cause: cause ?? '',
      ...(error === undefined ? { errorNull: true } : {}),
      ...(cause === undefined ? { causeNull: true } : {}),
    });
  }
  if (task.kind === 'lambda-arn') {
    host.emit(ex, th, 'LambdaFunctionSucceeded', {
      lambdaFunctionSucceededEventDetails: { output: outputText, outputDetails: { truncated: false } },
    });
  } else {
    host.emit(ex, th, 'TaskSucceeded', {
      taskSucceededEventDetails: {
        resourceType: task.resourceType,
        resource: task.resourceName,
        output: outputText,
        outputDetails: { truncated: false },
      },
    });
  }
  await guarded(host, ex, th, state, async () => {
    const flow = flowFor(host, ex, th, state);
    const { output, selected } = await flow.output(th.input, outcome.value);
    const vars = await flow.assign(state.Assign, { input: th.input, result: selected });
    exitState(host, ex, th, state, output, vars);
  });
}

/** waitForTaskToken / .sync: the call that hands out the work returned; keep waiting for the callback. */
export function onTaskSubmitted(host: InterpreterHost, ex: Execution, th: Thread, value: unknown): void {
  const task = th.task!;
  task.submitted = true;
  host.emit(ex, th, 'TaskSubmitted', {
    taskSubmittedEventDetails: {
      resourceType: task.resourceType,
      resource: task.resourceName,
      output: json(value),
      outputDetails: { truncated: false },
    },
  });
  host.touch(ex, th);
}

function closeTask(host: InterpreterHost, ex: Execution, th: Thread): void {
  if (th.task?.token) host.closeToken(ex, th, th.task.token);
  th.seq++;
  host.touch(ex, th);
}

/** A task's timeout or heartbeat timer fired and is still current: the task times out. */
export async function onTaskTimer(
  host: InterpreterHost,
  ex: Execution,
  th: Thread,
  state: StateDef,
  kind: 'timeout' | 'heartbeat',
): Promise<void> {
  if (th.phase !== 'task' || !th.task) return;
  const task = th.task;
  if (kind === 'heartbeat' && task.heartbeatAt !== undefined && task.heartbeatAt > host.now()) return;
  if (kind === 'timeout' && task.timeoutAt !== undefined && task.timeoutAt > host.now()) return;
  closeTask(host, ex, th);
  if (task.childArn && (task.resourceName.endsWith('.sync') || task.resourceName.endsWith('.sync:2'))) {
    host.stopChildExecution(task.childArn);
  }
  if (task.kind === 'lambda-arn') {
    host.emit(ex, th, 'LambdaFunctionTimedOut', {
      lambdaFunctionTimedOutEventDetails: { error: 'States.Timeout' },
    });
  } else {
    host.emit(ex, th, 'TaskTimedOut', {
      taskTimedOutEventDetails: {
        resourceType: task.resourceType,
        resource: task.resourceName,
        error: 'States.Timeout',
      },
    });
  }
  // AWS records a missed heartbeat as States.Timeout too; a catcher naming States.HeartbeatTimeout still matches it.
  return stateFailed(host, ex, th, state, {
    error: 'States.Timeout',
    cause: '',
    heartbeat: kind === 'heartbeat',
  });
}

export function onHeartbeat(host: InterpreterHost, ex: Execution, th: Thread): void {
  const task = th.task;
  if (!task || task.heartbeatSeconds === undefined) return;
  task.heartbeatAt = host.now() + task.heartbeatSeconds * 1000;
  host.addTimer(ex, th, task.heartbeatAt, 'heartbeat');
  host.touch(ex, th);
}
