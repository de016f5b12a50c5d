// Pass, Choice, Wait, Succeed, Fail and the JSONPath data flow, as the AWS docs describe them:
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-states.html
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type EngineFixture, engineFixture, types } from './helpers';

let f: EngineFixture;
beforeAll(async () => {
  f = await engineFixture();
});
afterAll(() => f.close());

describe('Pass', () => {
  test('Result placed by ResultPath keeps the input (state-pass.html)', async () => {
    const r = await f.run(
      {
        StartAt: 'P',
        States: { P: { Type: 'Pass', Result: { x: 1 }, ResultPath: '$.added', End: true } },
      },
      { keep: true },
    );
    expect(r.status).toBe('SUCCEEDED');
    expect(JSON.parse(r.output!)).toEqual({ keep: true, added: { x: 1 } });
  });

  test('InputPath, Parameters with .$ and the context object, OutputPath', async () => {
    const r = await f.run(
      {
        StartAt: 'P',
        States: {
          P: {
            Type: 'Pass',
            InputPath: '$.inner',
            Parameters: { 'value.$': '$.v', 'state.$': '$$.State.Name', fixed: 'f' },
            ResultPath: '$.out',
            OutputPath: '$.out',
            End: true,
          },
        },
      },
      { inner: { v: 7 } },
    );
    expect(JSON.parse(r.output!)).toEqual({ value: 7, state: 'P', fixed: 'f' });
  });

  test('a missing InputPath fails the execution with States.Runtime', async () => {
    const r = await f.run(
      { StartAt: 'P', States: { P: { Type: 'Pass', InputPath: '$.nope', End: true } } },
      {},
    );
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('States.Runtime');
    expect(r.cause).toContain(
      "An error occurred while executing the state 'P' (entered at the event id #2).",
    );
  });
});

describe('Choice', () => {
  const machine = {
    StartAt: 'C',
    States: {
      C: {
        Type: 'Choice',
        Choices: [
          { Variable: '$.n', NumericGreaterThan: 10, Next: 'Big' },
          {
            And: [
              { Variable: '$.s', IsPresent: true },
              { Variable: '$.s', StringEquals: 'x' },
            ],
            Next: 'X',
          },
        ],
        Default: 'Other',
      },
      Big: { Type: 'Pass', Result: 'big', End: true },
      X: { Type: 'Pass', Result: 'x', End: true },
      Other: { Type: 'Pass', Result: 'other', End: true },
    },
  };

  test.each([
    [{ n: 11 }, 'big'],
    [{ n: 1, s: 'x' }, 'x'],
    [{ n: 1 }, 'other'],
  ])('input %j goes to %s (state-choice.html)', async (input, expected) => {
    const r = await f.run(machine, input);
    expect(JSON.parse(r.output!)).toBe(expected);
  });

  test('IsPresent: false matches a field that is absent', async () => {
    const r = await f.run(
      {
        StartAt: 'C',
        States: {
          C: {
            Type: 'Choice',
            Choices: [{ Variable: '$.missing', IsPresent: false, Next: 'Absent' }],
            Default: 'Present',
          },
          Absent: { Type: 'Pass', Result: 'absent', End: true },
          Present: { Type: 'Pass', Result: 'present', End: true },
        },
      },
      { other: 1 },
    );
    expect(JSON.parse(r.output!)).toBe('absent');
  });

  test('no match and no Default fails with States.NoChoiceMatched', async () => {
    const r = await f.run(
      {
        StartAt: 'C',
        States: {
          C: { Type: 'Choice', Choices: [{ Variable: '$.a', BooleanEquals: true, Next: 'E' }] },
          E: { Type: 'Succeed' },
        },
      },
      { a: false },
    );
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('States.NoChoiceMatched');
  });
});

describe('Wait', () => {
  test('Seconds waits on the virtual clock and nothing fires early (state-wait.html)', async () => {
    const arn = await f.machine({
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 3600, Next: 'Done' }, Done: { Type: 'Succeed' } },
    });
    const exec = await f.start(arn, { a: 1 });
    await f.engine.clock.advance(3599);
    expect((await f.describe(exec)).status).toBe('RUNNING');
    await f.engine.clock.advance(1);
    const d = await f.describe(exec);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output!)).toEqual({ a: 1 });
  });

  test('TimestampPath a year ahead is honoured without a cap', async () => {
    const arn = await f.machine({
      StartAt: 'W',
      States: { W: { Type: 'Wait', TimestampPath: '$.until', End: true } },
    });
    const now = f.engine.clock.now().getTime();
    const until = new Date(now + 300 * 24 * 3600 * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const exec = await f.start(arn, { until });
    await f.engine.clock.advance(299 * 24 * 3600);
    expect((await f.describe(exec)).status).toBe('RUNNING');
    await f.engine.clock.advance(2 * 24 * 3600);
    expect((await f.describe(exec)).status).toBe('SUCCEEDED');
  });

  test.each(['SecondsPath', 'TimestampPath'])(
    'a %s that finds nothing fails the Wait: "parameter does not reference an input value"',
    async (field) => {
      // Recorded on AWS for SecondsPath (tests/engine/aws-recorded/test_logs.json); TimestampPath worded alike.
      const r = await f.run({ StartAt: 'W', States: { W: { Type: 'Wait', [field]: '$.none', End: true } } });
      expect([r.status, r.error, types(r.events)]).toEqual([
        'FAILED',
        'States.Runtime',
        ['ExecutionStarted', 'WaitStateEntered', 'ExecutionFailed'],
      ]);
      expect(r.cause).toBe(
        `An error occurred while executing the state 'W' (entered at the event id #2). The ${field} parameter does not reference an input value: $.none`,
      );
    },
  );

  test('waits fire in time order across executions', async () => {
    const arn = await f.machine({
      StartAt: 'W',
      States: { W: { Type: 'Wait', SecondsPath: '$.s', End: true } },
    });
    const late = await f.start(arn, { s: 20 });
    const early = await f.start(arn, { s: 10 });
    await f.engine.clock.advance(30);
    const [a, b] = await Promise.all([f.describe(late), f.describe(early)]);
    expect(b.stopDate!.getTime()).toBeLessThan(a.stopDate!.getTime());
    expect(a.stopDate!.getTime() - a.startDate!.getTime()).toBe(20_000);
  });
});

describe('Succeed and Fail', () => {
  test('Fail with Error and Cause fails the execution with them (state-fail.html)', async () => {
    const r = await f.run({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Oops', Cause: 'because' } } });
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('Oops');
    expect(r.cause).toBe('because');
    expect(types(r.events)).toEqual(['ExecutionStarted', 'FailStateEntered', 'ExecutionFailed']);
  });

  test('Fail with ErrorPath and CausePath reads them from the input', async () => {
    const r = await f.run(
      { StartAt: 'F', States: { F: { Type: 'Fail', ErrorPath: '$.e', CausePath: '$.c' } } },
      { e: 'E1', c: 'C1' },
    );
    expect([r.error, r.cause]).toEqual(['E1', 'C1']);
  });

  test('Succeed with OutputPath', async () => {
    const r = await f.run(
      { StartAt: 'S', States: { S: { Type: 'Succeed', OutputPath: '$.a' } } },
      { a: { b: 1 } },
    );
    expect(JSON.parse(r.output!)).toEqual({ b: 1 });
  });
});
