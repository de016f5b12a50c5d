// Parallel and inline Map:
// https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html
// https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type EngineFixture, engineFixture, types } from './helpers';

let f: EngineFixture;
let active = 0;
let maxActive = 0;
beforeAll(async () => {
  f = await engineFixture({
    lambdas: new Map([
      [
        'slow-square',
        async (e: unknown) => {
          active++;
          maxActive = Math.max(maxActive, active);
          await new Promise((r) => setImmediate(r));
          active--;
          return (e as number) ** 2;
        },
      ],
    ]),
  });
});
afterAll(() => f.close());

describe('Parallel', () => {
  test('output is the branches’ outputs in branch order, whatever order they finish in', async () => {
    const r = await f.run({
      StartAt: 'Par',
      States: {
        Par: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'Slow',
              States: {
                Slow: { Type: 'Wait', Seconds: 10, Next: 'A' },
                A: { Type: 'Pass', Result: 'a', End: true },
              },
            },
            { StartAt: 'B', States: { B: { Type: 'Pass', Result: 'b', End: true } } },
          ],
          End: true,
        },
      },
    });
    await f.engine.clock.advance(10);
    const d = await f.describe(r.executionArn!);
    expect(JSON.parse(d.output!)).toEqual(['a', 'b']);
    const ev = types(await f.history(r.executionArn!));
    expect(ev.slice(0, 3)).toEqual(['ExecutionStarted', 'ParallelStateEntered', 'ParallelStateStarted']);
    expect(ev.slice(-3)).toEqual(['ParallelStateSucceeded', 'ParallelStateExited', 'ExecutionSucceeded']);
  });

  test('one failed branch fails the state and stops the others', async () => {
    const r = await f.run({
      StartAt: 'Par',
      States: {
        Par: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Long', States: { Long: { Type: 'Wait', Seconds: 1000, End: true } } },
            { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'BranchBroke' } } },
          ],
          End: true,
        },
      },
    });
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('BranchBroke');
    expect(types(r.events)).toContain('ParallelStateFailed');
    await f.engine.clock.advance(2000);
    expect((await f.history(r.executionArn!)).length).toBe(r.events.length);
  });
});

describe('Map', () => {
  test('ItemsPath, ItemSelector with $$.Map.Item and the state input, ResultPath', async () => {
    const r = await f.run(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            ItemsPath: '$.items',
            ItemSelector: { 'i.$': '$$.Map.Item.Index', 'v.$': '$$.Map.Item.Value', 'tag.$': '$.tag' },
            ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
            ResultPath: '$.out',
            End: true,
          },
        },
      },
      { tag: 't', items: ['x', 'y'] },
    );
    expect(JSON.parse(r.output!).out).toEqual([
      { i: 0, v: 'x', tag: 't' },
      { i: 1, v: 'y', tag: 't' },
    ]);
    expect(types(r.events).filter((t) => t === 'MapIterationStarted')).toHaveLength(2);
    expect(r.events.find((e) => e.type === 'MapStateStarted')!.mapStateStartedEventDetails!.length).toBe(2);
  });

  test('MaxConcurrency bounds the iterations running at once; results keep item order', async () => {
    maxActive = 0;
    const r = await f.run(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            MaxConcurrency: 2,
            ItemProcessor: {
              StartAt: 'Sq',
              States: {
                Sq: {
                  Type: 'Task',
                  Resource: 'arn:aws:lambda:eu-west-2:123456789012:function:slow-square',
                  End: true,
                },
              },
            },
            End: true,
          },
        },
      },
      [1, 2, 3, 4, 5],
    );
    expect(JSON.parse(r.output!)).toEqual([1, 4, 9, 16, 25]);
    expect(maxActive).toBe(2);
  });

  test('a failed iteration fails the Map unless tolerated', async () => {
    const iterator = {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 2, Next: 'Bad' }], Default: 'Good' },
        Bad: { Type: 'Fail', Error: 'Two' },
        Good: { Type: 'Pass', End: true },
      },
    };
    const failed = await f.run(
      { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: iterator, End: true } } },
      [1, 2, 3],
    );
    expect([failed.status, failed.error]).toEqual(['FAILED', 'Two']);
    const tolerated = await f.run(
      {
        StartAt: 'M',
        States: { M: { Type: 'Map', ToleratedFailureCount: 1, ItemProcessor: iterator, End: true } },
      },
      [1, 2, 3],
    );
    expect(tolerated.status).toBe('SUCCEEDED');
    const exceeded = await f.run(
      {
        StartAt: 'M',
        States: { M: { Type: 'Map', ToleratedFailureCount: 0, ItemProcessor: iterator, End: true } },
      },
      [1, 2, 3],
    );
    expect(exceeded.error).toBe('States.ExceedToleratedFailureThreshold');
  });

  test('Tasks timing out together: one iteration fails, the others and every Task are recorded aborted', async () => {
    // As AWS recorded it (localstack test_timeouts.snapshot.json, test_service_lambda_map_timeout, 2024-03-10):
    // after the four TaskTimedOut, every event up to MapStateFailed follows the first of them.
    f.engine.registerLambda('hands-out-token', async (e) => e);
    const arn = await f.machine({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          End: true,
          ItemProcessor: {
            StartAt: 'L',
            States: {
              L: {
                Type: 'Task',
                Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
                TimeoutSeconds: 5,
                Parameters: { FunctionName: 'hands-out-token', Payload: { 'Token.$': '$$.Task.Token' } },
                End: true,
              },
            },
          },
        },
      },
    });
    const exec = await f.start(arn, [1, 2, 3, 4]);
    await f.engine.clock.advance(10);
    const events = await f.history(exec);
    const firstTimeout = events.find((e) => e.type === 'TaskTimedOut')!.id;
    const tail = events.slice(events.findIndex((e) => e.type === 'MapIterationFailed'));
    expect(tail.map((e) => [e.type, e.previousEventId])).toEqual([
      ['MapIterationFailed', firstTimeout],
      ['TaskStateAborted', firstTimeout],
      ['MapIterationAborted', firstTimeout],
      ['TaskStateAborted', firstTimeout],
      ['MapIterationAborted', firstTimeout],
      ['TaskStateAborted', firstTimeout],
      ['MapIterationAborted', firstTimeout],
      ['TaskStateAborted', firstTimeout],
      ['MapStateFailed', firstTimeout],
      ['ExecutionFailed', tail.at(-2)!.id],
    ]);
    expect(types(events).filter((t) => t === 'TaskTimedOut')).toHaveLength(4);
  });

  test('an empty array gives an empty result; a non-array fails with States.Runtime', async () => {
    const def = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    };
    expect(JSON.parse((await f.run(def, [])).output!)).toEqual([]);
    const bad = await f.run(def, { not: 'an array' });
    expect(bad.error).toBe('States.Runtime');
  });
});
