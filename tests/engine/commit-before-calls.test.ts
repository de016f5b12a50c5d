// A busy engine commits when someone waits for durability; whatever leaves the engine (an integration call,
// the task token in its input, a re-sent invocation) leaves only once the step that made it is committed,
// so a crash can never leave the outside world holding something the restarted engine does not know.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { afterAll, expect, test } from 'vitest';
import { Execution } from '../../local/engine/execution';
import { Clock } from '../../local/engine/runtime/clock';
import { PersistenceBatch } from '../../local/engine/runtime/persistence-batch';
import { Store } from '../../local/engine/store';
import { engineFixture } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'engine-commit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What another process reading the store file sees: committed writes only. */
function committedView(dataDir: string, executionArn: string, token: string) {
  const db = new DatabaseSync(join(dataDir, 'engine.sqlite'), { readOnly: true });
  try {
    const row = db.prepare('SELECT id, status FROM executions WHERE arn = ?').get(executionArn) as
      | { id: number; status: string }
      | undefined;
    const tokenRow = db.prepare('SELECT open FROM tokens WHERE token = ?').get(token) as
      | { open: number }
      | undefined;
    const chunks = row
      ? (db.prepare('SELECT body FROM event_chunks WHERE exec_id = ?').all(row.id) as { body: string }[])
      : [];
    return {
      status: row?.status,
      tokenOpen: tokenRow?.open,
      scheduled: chunks.some((c) => String(c.body).includes('"TaskScheduled"')),
    };
  } finally {
    db.close();
  }
}

test('a Lambda invoked with a task token is invoked once its execution, step and token are committed', async () => {
  // Prepare: a handler that looks at the store file from outside the engine when it is invoked
  const data = join(dir, 'token');
  const seen: ReturnType<typeof committedView>[] = [];
  let token = '';
  const f = await engineFixture({
    dataDir: data,
    lambdas: new Map([
      [
        'hand-out',
        async (e: unknown) => {
          token = (e as { t: string; arn: string }).t;
          seen.push(committedView(data, (e as { arn: string }).arn, token));
          return {};
        },
      ],
    ]),
  });
  const machine = await f.machine({
    StartAt: 'T',
    States: {
      T: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: {
          FunctionName: 'hand-out',
          Payload: { 't.$': '$$.Task.Token', 'arn.$': '$$.Execution.Id' },
        },
        End: true,
      },
    },
  });
  // Act
  const arn = await f.start(machine, {});
  await f.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"ok":1}' }));
  await f.engine.waitForIdle();
  // Assess
  expect(seen).toEqual([{ status: 'RUNNING', tokenOpen: 1, scheduled: true }]);
  expect((await f.describe(arn)).status).toBe('SUCCEEDED');
  await f.close();
});

test('a busy pump commits early only for someone waiting: an answer, or a call to the outside', async () => {
  // Prepare: an execution with writes, nobody waiting on them
  const store = new Store(':memory:');
  const batch = new PersistenceBatch(store, new Clock(true, 0));
  const ex = new Execution({
    id: 1,
    arn: 'arn:aws:states:eu-west-2:123456789012:execution:m:e',
    name: 'e',
    smArn: 'arn:aws:states:eu-west-2:123456789012:stateMachine:m',
    smName: 'm',
    type: 'STANDARD',
    roleArn: 'arn:aws:iam::123456789012:role/r',
    def: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } } as never,
    definitionHash: 'h',
    status: 'RUNNING',
    inputText: '{}',
    startMs: 0,
  });
  batch.touch(ex);
  // Act
  const unawaited = batch.flushIfAwaited();
  const before = store.getExecution(ex.arn);
  let released = false;
  const call = batch.outside().then(() => {
    released = true;
  });
  const heldBack = released;
  const awaited = batch.flushIfAwaited();
  await call;
  // Assess
  expect([unawaited, before]).toEqual([false, undefined]);
  expect([heldBack, awaited, released]).toEqual([false, true, true]);
  expect(store.getExecution(ex.arn)?.status).toBe('RUNNING');
  store.close();
});
