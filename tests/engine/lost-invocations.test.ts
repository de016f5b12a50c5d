// A Lambda invocation under way when the engine's process ends is lost with it (the handlers run in
// that process). As Lambda would time it out, a restarted engine sends it again only once the
// function's timeout has passed since it started: by then the idempotency record the lost invocation
// took ("in progress", expiring with the invocation) has expired, so the step is not refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, expect, test } from 'vitest';
import { engineFixture } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'engine-lost-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TIMEOUT_SECONDS = 2;

test('an invocation lost with the process is sent again after its function timeout, once', async () => {
  // Prepare: the first process's invocation never answers (the process dies under it)
  const invokedAt: number[] = [];
  const lost = new Map([
    [
      'step',
      async () => {
        invokedAt.push(Date.now());
        return new Promise(() => undefined);
      },
    ],
  ]);
  const timeouts = new Map([['step', TIMEOUT_SECONDS]]);
  const first = await engineFixture({
    dataDir: dir,
    virtualClock: false,
    lambdas: lost,
    lambdaTimeouts: timeouts,
  });
  const machine = await first.machine(
    {
      StartAt: 'Step',
      States: {
        Step: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'step', Payload: { 'n.$': '$.n' } },
          OutputPath: '$.Payload',
          End: true,
        },
      },
    },
    { name: 'lost' },
  );
  // The engine stamps the invocation's start after this moment and before the handler runs, so this is
  // a lower bound on when the lost invocation began that does not depend on how fast it was dispatched.
  const beforeStart = Date.now();
  const { executionArn } = await first.sfn.send(
    new StartExecutionCommand({ stateMachineArn: machine, input: '{"n":1}' }),
  );
  while (invokedAt.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
  await first.close();
  // Act: a new process on the same data, whose invocations answer
  const answering = new Map([
    [
      'step',
      async (event: unknown) => {
        invokedAt.push(Date.now());
        return { done: (event as { n: number }).n };
      },
    ],
  ]);
  const second = await engineFixture({
    dataDir: dir,
    virtualClock: false,
    lambdas: answering,
    lambdaTimeouts: timeouts,
  });
  await second.engine.waitForIdle();
  const described = await second.sfn.send(new DescribeExecutionCommand({ executionArn }));
  await second.close();
  // Assess
  expect([described.status, described.output]).toEqual(['SUCCEEDED', '{"done":1}']);
  expect(invokedAt).toHaveLength(2);
  // Node's timers run on a monotonic clock while Date.now() is wall time: allow their few ms of skew.
  expect(invokedAt[1]! - beforeStart).toBeGreaterThanOrEqual(TIMEOUT_SECONDS * 1000 - 25);
});
