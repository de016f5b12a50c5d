// Task tokens, heartbeats and timeouts:
// https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskSuccess.html
import {
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  TaskDoesNotExist,
  TaskTimedOut,
  InvalidToken,
  InvalidOutput,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type EngineFixture, engineFixture, types } from './helpers';

let f: EngineFixture;
const tokens: string[] = [];
const lastToken = () => tokens[tokens.length - 1];

beforeAll(async () => {
  f = await engineFixture({
    lambdas: new Map([
      [
        'notify',
        async (event: unknown) => {
          tokens.push((event as { token: string }).token);
          return { sent: true };
        },
      ],
    ]),
  });
});
afterAll(() => f.close());

function humanTask(extra: Record<string, unknown> = {}) {
  return {
    StartAt: 'Wait for person',
    States: {
      'Wait for person': {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: { FunctionName: 'notify', Payload: { 'token.$': '$$.Task.Token', 'case.$': '$.case' } },
        ...extra,
        End: true,
      },
    },
  };
}

describe('waitForTaskToken', () => {
  test('SendTaskSuccess resumes the execution with the output as the task result', async () => {
    const arn = await f.machine(humanTask({ ResultPath: '$.decision' }));
    const exec = await f.start(arn, { case: 'C-1' });
    expect((await f.describe(exec)).status).toBe('RUNNING');
    const events = types(await f.history(exec));
    expect(events.slice(-3)).toEqual(['TaskScheduled', 'TaskStarted', 'TaskSubmitted']);
    await f.sfn.send(
      new SendTaskSuccessCommand({ taskToken: lastToken(), output: JSON.stringify({ ok: 1 }) }),
    );
    await f.engine.waitForIdle();
    const d = await f.describe(exec);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output!)).toEqual({ case: 'C-1', decision: { ok: 1 } });
  });

  test('a second callback with the same token is TaskTimedOut (the task is closed)', async () => {
    const arn = await f.machine(humanTask());
    await f.start(arn, { case: 'C-2' });
    const token = lastToken();
    await f.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));
    await expect(
      f.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
    ).rejects.toBeInstanceOf(TaskTimedOut);
  });

  test('SendTaskFailure fails the task with the given error and cause', async () => {
    const arn = await f.machine(humanTask());
    const exec = await f.start(arn, { case: 'C-3' });
    await f.sfn.send(
      new SendTaskFailureCommand({ taskToken: lastToken(), error: 'Rejected', cause: 'no consent' }),
    );
    await f.engine.waitForIdle();
    const d = await f.describe(exec);
    expect([d.status, d.error, d.cause]).toEqual(['FAILED', 'Rejected', 'no consent']);
  });

  test.each([false, true])(
    'SendTaskFailure with no error or cause: caught as null, and inside a Parallel the Task is aborted (in Parallel: %s)',
    async (inParallel) => {
      // As AWS recorded it (localstack test_callback.snapshot.json, test_sqs_failure_in_wait_for_task_tok_no_error_field).
      const caught = { ErrorEquals: ['States.ALL'], ResultPath: '$.states_all_error', Next: 'Caught' };
      const task = humanTask().States['Wait for person'];
      const definition = inParallel
        ? {
            StartAt: 'P',
            States: {
              P: { Type: 'Parallel', Branches: [humanTask()], Catch: [caught], End: true },
              Caught: { Type: 'Pass', End: true },
            },
          }
        : {
            StartAt: 'Wait for person',
            States: { 'Wait for person': { ...task, Catch: [caught] }, Caught: { Type: 'Pass', End: true } },
          };
      const exec = await f.start(await f.machine(definition), { case: 'C-4' });
      await f.sfn.send(new SendTaskFailureCommand({ taskToken: lastToken() }));
      await f.engine.waitForIdle();
      const d = await f.describe(exec);
      expect(JSON.parse(d.output!).states_all_error).toEqual({ Error: null, Cause: null });
      const events = await f.history(exec);
      const failed = events.find((e) => e.type === 'TaskFailed')!;
      expect(failed.taskFailedEventDetails).toEqual({
        resourceType: 'lambda',
        resource: 'invoke.waitForTaskToken',
      });
      const after = events.filter((e) => e.id! > failed.id!).map((e) => [e.type, e.previousEventId]);
      expect(after.slice(0, inParallel ? 3 : 1)).toEqual(
        inParallel
          ? [
              ['TaskStateAborted', failed.id],
              ['ParallelStateFailed', failed.id],
              ['ParallelStateExited', failed.id! + 2],
            ]
          : [['TaskStateExited', failed.id]],
      );
    },
  );

  test('malformed, unknown and bad-output callbacks get the AWS errors', async () => {
    await expect(
      f.sfn.send(new SendTaskSuccessCommand({ taskToken: 'nope', output: '{}' })),
    ).rejects.toBeInstanceOf(InvalidToken);
    const unknown = `AQB${'A'.repeat(64)}`;
    await expect(f.sfn.send(new SendTaskHeartbeatCommand({ taskToken: unknown }))).rejects.toBeInstanceOf(
      TaskDoesNotExist,
    );
    const arn = await f.machine(humanTask());
    await f.start(arn, { case: 'C-4' });
    await expect(
      f.sfn.send(new SendTaskSuccessCommand({ taskToken: lastToken(), output: '{not json' })),
    ).rejects.toBeInstanceOf(InvalidOutput);
  });
});

describe('timeouts and heartbeats', () => {
  test('TimeoutSecondsPath: no callback in time is States.Timeout and the token then answers TaskTimedOut', async () => {
    const arn = await f.machine(humanTask({ TimeoutSecondsPath: '$.limit' }));
    const exec = await f.start(arn, { case: 'C-5', limit: 3600 });
    const token = lastToken();
    await f.engine.clock.advance(3599);
    expect((await f.describe(exec)).status).toBe('RUNNING');
    await f.engine.clock.advance(1);
    const d = await f.describe(exec);
    expect([d.status, d.error]).toEqual(['FAILED', 'States.Timeout']);
    const scheduled = (await f.history(exec)).find((e) => e.type === 'TaskScheduled')!;
    expect(scheduled.taskScheduledEventDetails!.timeoutInSeconds).toBe(3600);
    await expect(
      f.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
    ).rejects.toBeInstanceOf(TaskTimedOut);
  });

  test('heartbeats keep the task alive; a missed heartbeat times it out and is caught as States.HeartbeatTimeout', async () => {
    const arn = await f.machine({
      StartAt: 'Work',
      States: {
        Work: {
          ...humanTask({ HeartbeatSeconds: 60 }).States['Wait for person'],
          End: undefined,
          Catch: [{ ErrorEquals: ['States.HeartbeatTimeout'], Next: 'Missed' }],
          Next: 'Done',
        },
        Missed: { Type: 'Pass', Result: 'missed', End: true },
        Done: { Type: 'Succeed' },
      },
    });
    const exec = await f.start(arn, { case: 'C-6' });
    const token = lastToken();
    for (let i = 0; i < 3; i++) {
      await f.engine.clock.advance(50);
      await f.sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    }
    expect((await f.describe(exec)).status).toBe('RUNNING');
    await f.engine.clock.advance(60);
    const d = await f.describe(exec);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output!)).toBe('missed');
    const timedOut = (await f.history(exec)).find((e) => e.type === 'TaskTimedOut')!;
    expect(timedOut.taskTimedOutEventDetails!.error).toBe('States.Timeout');
  });

  test('the reminder pattern: a timed-out wait loops back with a fresh token', async () => {
    const arn = await f.machine({
      StartAt: 'Wait',
      States: {
        Wait: {
          ...humanTask({ TimeoutSeconds: 100 }).States['Wait for person'],
          End: undefined,
          Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: null, Next: 'Wait' }],
          Next: 'Done',
        },
        Done: { Type: 'Succeed' },
      },
    });
    const exec = await f.start(arn, { case: 'C-7' });
    const first = lastToken();
    await f.engine.clock.advance(100);
    const second = lastToken();
    expect(second).not.toBe(first);
    await expect(
      f.sfn.send(new SendTaskSuccessCommand({ taskToken: first, output: '{}' })),
    ).rejects.toBeInstanceOf(TaskTimedOut);
    await f.sfn.send(new SendTaskSuccessCommand({ taskToken: second, output: '"done"' }));
    await f.engine.waitForIdle();
    expect((await f.describe(exec)).status).toBe('SUCCEEDED');
  });
});
