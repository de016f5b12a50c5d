// A parent whose `.sync:2` child failed, redriven as an administrator would after fixing the cause.
// On AWS the parent's redrive re-runs the task that started the child, and StartExecution with the
// child's name is refused once that execution has closed (names are unique for 90 days), but answers
// with the running execution when it runs with the same input (StartExecution is idempotent for
// Standard workflows). So the child is redriven first, then the parent, which follows it again.
import { ListExecutionsCommand, RedriveExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type EngineFixture, engineFixture } from './helpers';

let f: EngineFixture;
let broken = true;
let childMachine: string;
let parentMachine: string;

beforeAll(async () => {
  const lambdas = new Map([
    [
      'flaky',
      async (event: unknown) => {
        if (broken) throw Object.assign(new Error('a defect, since fixed'), { name: 'Defect' });
        return event;
      },
    ],
  ]);
  f = await engineFixture({ lambdas });
  childMachine = await f.machine(
    {
      StartAt: 'Step',
      States: {
        Step: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'flaky', 'Payload.$': '$' },
          OutputPath: '$.Payload',
          Next: 'Wait for the family',
        },
        'Wait for the family': { Type: 'Wait', Seconds: 60, Next: 'Done' },
        Done: { Type: 'Pass', Parameters: { 'got.$': '$.n' }, End: true },
      },
    },
    { name: 'human-task' },
  );
  parentMachine = await f.machine(
    {
      StartAt: 'Wait for the task',
      States: {
        'Wait for the task': {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution.sync:2',
          Parameters: { StateMachineArn: childMachine, 'Name.$': '$.childName', Input: { 'n.$': '$.n' } },
          ResultSelector: { 'got.$': '$.Output.got' },
          End: true,
        },
      },
    },
    { name: 'journey' },
  );
});
afterAll(() => f?.close());

async function failedParent(childName: string): Promise<{ parent: string; child: string }> {
  broken = true;
  const { executionArn } = await f.sfn.send(
    new StartExecutionCommand({ stateMachineArn: parentMachine, input: JSON.stringify({ childName, n: 7 }) }),
  );
  await f.engine.waitForIdle();
  const failed = await f.describe(executionArn!);
  expect([failed.status, failed.error]).toEqual(['FAILED', 'States.TaskFailed']);
  return { parent: executionArn!, child: JSON.parse(failed.cause!).ExecutionArn as string };
}

test('redriving the child, then the parent: the parent follows the same child to its end', async () => {
  // Prepare
  const { parent, child } = await failedParent('task-1');
  broken = false;
  // Act
  await f.sfn.send(new RedriveExecutionCommand({ executionArn: child }));
  await f.engine.waitForIdle();
  await f.sfn.send(new RedriveExecutionCommand({ executionArn: parent }));
  await f.engine.waitForIdle();
  const waiting = await f.describe(parent);
  await f.engine.clock.advance(60);
  // Assess: one child execution, redriven once; the parent carries its output
  expect(waiting.status).toBe('RUNNING');
  const finished = await f.describe(parent);
  expect([finished.status, finished.redriveCount, JSON.parse(finished.output!)]).toEqual([
    'SUCCEEDED',
    1,
    { got: 7 },
  ]);
  const children = await f.sfn.send(new ListExecutionsCommand({ stateMachineArn: childMachine }));
  const named = (children.executions ?? []).filter((execution) => execution.name === 'task-1');
  expect(named.map((execution) => [execution.status, execution.redriveCount])).toEqual([['SUCCEEDED', 1]]);
});

test('redriving the parent alone fails again on the closed child’s name, as on AWS', async () => {
  // Prepare
  const { parent } = await failedParent('task-2');
  broken = false;
  // Act
  await f.sfn.send(new RedriveExecutionCommand({ executionArn: parent }));
  await f.engine.waitForIdle();
  // Assess
  const again = await f.describe(parent);
  expect([again.status, again.error]).toEqual(['FAILED', 'StepFunctions.ExecutionAlreadyExistsException']);
});

test('a second execution starting the same running child (same name and input) follows it beside its parent', async () => {
  // Prepare: the first parent starts the child, which waits
  broken = false;
  const input = JSON.stringify({ childName: 'task-3', n: 9 });
  const first = await f.sfn.send(new StartExecutionCommand({ stateMachineArn: parentMachine, input }));
  await f.engine.waitForIdle();
  // Act: a second parent (a repeated run) starts it again, then the child ends
  const second = await f.sfn.send(new StartExecutionCommand({ stateMachineArn: parentMachine, input }));
  await f.engine.waitForIdle();
  await f.engine.clock.advance(60);
  // Assess: both parents end with the child's output; there is one child
  for (const { executionArn } of [first, second]) {
    const described = await f.describe(executionArn!);
    expect([described.status, JSON.parse(described.output!)]).toEqual(['SUCCEEDED', { got: 9 }]);
  }
  const children = await f.sfn.send(new ListExecutionsCommand({ stateMachineArn: childMachine }));
  expect((children.executions ?? []).filter((execution) => execution.name === 'task-3')).toHaveLength(1);
});
