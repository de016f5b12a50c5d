// GetExecutionHistory: event types, ids and previousEventId as AWS records them, reverseOrder and pagination.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetExecutionHistory.html
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html
import { GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type EngineFixture, engineFixture } from './helpers';

let f: EngineFixture;
beforeAll(async () => {
  f = await engineFixture({ lambdas: new Map([['echo', async (e: unknown) => e]]) });
});
afterAll(() => f.close());

test('a Lambda task records the AWS sequence with ids and previous ids', async () => {
  const r = await f.run(
    {
      StartAt: 'Start',
      States: {
        Start: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'echo', 'Payload.$': '$' },
          End: true,
        },
      },
    },
    { hello: 'world' },
  );
  expect(r.events.map((e) => [e.id, e.previousEventId, e.type])).toEqual([
    [1, 0, 'ExecutionStarted'],
    [2, 0, 'TaskStateEntered'],
    [3, 2, 'TaskScheduled'],
    [4, 3, 'TaskStarted'],
    [5, 4, 'TaskSucceeded'],
    [6, 5, 'TaskStateExited'],
    [7, 6, 'ExecutionSucceeded'],
  ]);
  expect(r.events[2].taskScheduledEventDetails).toMatchObject({
    resourceType: 'lambda',
    resource: 'invoke',
    region: 'eu-west-2',
  });
  const result = JSON.parse(r.events[4].taskSucceededEventDetails!.output!);
  expect(result).toMatchObject({ ExecutedVersion: '$LATEST', Payload: { hello: 'world' }, StatusCode: 200 });
  expect(result.SdkHttpMetadata.HttpStatusCode).toBe(200);
  expect(r.events[0].executionStartedEventDetails!.input).toBe('{"hello":"world"}');
});

test('reverseOrder and pagination walk the same events', async () => {
  const r = await f.run({
    StartAt: 'A',
    States: {
      A: { Type: 'Pass', Next: 'B' },
      B: { Type: 'Pass', Next: 'C' },
      C: { Type: 'Pass', End: true },
    },
  });
  const forward = r.events.map((e) => e.id);
  const backward: number[] = [];
  let nextToken: string | undefined;
  do {
    const page = await f.sfn.send(
      new GetExecutionHistoryCommand({
        executionArn: r.executionArn,
        reverseOrder: true,
        maxResults: 3,
        nextToken,
      }),
    );
    backward.push(...page.events!.map((e) => e.id!));
    nextToken = page.nextToken;
  } while (nextToken);
  expect(backward).toEqual([...forward].reverse());
  expect(forward).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
});

// Sequences as AWS recorded them (localstack/localstack tests/aws/services/stepfunctions/v2/scenarios,
// test_base_scenarios.snapshot.json: test_map_state_catch, test_parallel_state_catch, test_map_state_retry).
const failingIterator = {
  StartAt: 'HandleItemFail',
  States: { HandleItemFail: { Type: 'Fail', Error: 'HandleItemFailError', Cause: 'HandleItemFailCause' } },
};

test('a caught Map failure: ids and previous ids as AWS records them', async () => {
  const r = await f.run({
    StartAt: 'StartState',
    States: {
      StartState: { Type: 'Pass', Result: { arr: [1] }, Next: 'MapState' },
      MapState: {
        Type: 'Map',
        ItemsPath: '$.arr',
        Iterator: failingIterator,
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'FinalCaught' }],
        End: true,
      },
      FinalCaught: { Type: 'Pass', End: true },
    },
  });
  expect(r.events.map((e) => [e.id, e.previousEventId, e.type])).toEqual([
    [1, 0, 'ExecutionStarted'],
    [2, 0, 'PassStateEntered'],
    [3, 2, 'PassStateExited'],
    [4, 3, 'MapStateEntered'],
    [5, 4, 'MapStateStarted'],
    [6, 5, 'MapIterationStarted'],
    [7, 6, 'FailStateEntered'],
    [8, 7, 'MapIterationFailed'],
    [9, 7, 'MapStateFailed'],
    [10, 9, 'MapStateExited'],
    [11, 10, 'PassStateEntered'],
    [12, 11, 'PassStateExited'],
    [13, 12, 'ExecutionSucceeded'],
  ]);
});

test('a caught Parallel failure: ids and previous ids as AWS records them', async () => {
  const r = await f.run({
    StartAt: 'ParallelState',
    States: {
      ParallelState: {
        Type: 'Parallel',
        Branches: [
          {
            StartAt: 'Branch1',
            States: { Branch1: { Type: 'Fail', Error: 'FailureType', Cause: 'Cause description' } },
          },
        ],
        Catch: [{ ErrorEquals: ['FailureType'], Next: 'FinalCaught' }],
        End: true,
      },
      FinalCaught: { Type: 'Pass', End: true },
    },
  });
  expect(r.events.map((e) => [e.id, e.previousEventId, e.type])).toEqual([
    [1, 0, 'ExecutionStarted'],
    [2, 0, 'ParallelStateEntered'],
    [3, 2, 'ParallelStateStarted'],
    [4, 3, 'FailStateEntered'],
    [5, 4, 'ParallelStateFailed'],
    [6, 5, 'ParallelStateExited'],
    [7, 6, 'PassStateEntered'],
    [8, 7, 'PassStateExited'],
    [9, 8, 'ExecutionSucceeded'],
  ]);
});

test('a retried Map: each attempt restarts the map without re-entering the state', async () => {
  const r = await f.run({
    StartAt: 'StartState',
    States: {
      StartState: { Type: 'Pass', Result: { arr: [1] }, Next: 'MapState' },
      MapState: {
        Type: 'Map',
        ItemsPath: '$.arr',
        Iterator: failingIterator,
        Retry: [{ ErrorEquals: ['HandleItemFailError'], IntervalSeconds: 1, MaxAttempts: 2 }],
        End: true,
      },
    },
  });
  await f.engine.clock.advance(10);
  const events = await f.history(r.executionArn!);
  expect(events.map((e) => [e.id, e.previousEventId, e.type])).toEqual([
    [1, 0, 'ExecutionStarted'],
    [2, 0, 'PassStateEntered'],
    [3, 2, 'PassStateExited'],
    [4, 3, 'MapStateEntered'],
    [5, 4, 'MapStateStarted'],
    [6, 5, 'MapIterationStarted'],
    [7, 6, 'FailStateEntered'],
    [8, 7, 'MapIterationFailed'],
    [9, 7, 'MapStateStarted'],
    [10, 9, 'MapIterationStarted'],
    [11, 10, 'FailStateEntered'],
    [12, 11, 'MapIterationFailed'],
    [13, 11, 'MapStateStarted'],
    [14, 13, 'MapIterationStarted'],
    [15, 14, 'FailStateEntered'],
    [16, 15, 'MapIterationFailed'],
    [17, 15, 'MapStateFailed'],
    [18, 17, 'ExecutionFailed'],
  ]);
});

test("entered and exited events hold the state's name and its input / output text, escapes and all", async () => {
  const name = 'Say "hi" ☃\\';
  const input = { text: 'a "quoted" line\nand a tab\t, é', n: 1 };
  const r = await f.run(
    {
      StartAt: name,
      States: {
        [name]: { Type: 'Pass', Result: { ok: '"yes"' }, ResultPath: '$.r', Next: 'Same' },
        Same: { Type: 'Pass', End: true },
      },
    },
    input,
  );
  const output = JSON.stringify({ ...input, r: { ok: '"yes"' } });
  const details = r.events.map((e) => e.stateEnteredEventDetails ?? e.stateExitedEventDetails);
  expect(details.slice(1, 5)).toEqual([
    { name, input: JSON.stringify(input), inputDetails: { truncated: false } },
    { name, output, outputDetails: { truncated: false } },
    { name: 'Same', input: output, inputDetails: { truncated: false } },
    { name: 'Same', output, outputDetails: { truncated: false } },
  ]);
});
