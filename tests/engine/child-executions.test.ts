// Child executions through the optimised Step Functions integration:
// https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type EngineFixture, engineFixture } from './helpers';

let f: EngineFixture;
let childArn: string;
let failingArn: string;
beforeAll(async () => {
  f = await engineFixture();
  childArn = await f.machine(
    {
      StartAt: 'W',
      States: {
        W: { Type: 'Wait', Seconds: 60, Next: 'P' },
        P: { Type: 'Pass', Parameters: { 'got.$': '$.n' }, End: true },
      },
    },
    { name: 'child' },
  );
  failingArn = await f.machine(
    { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'ChildErr', Cause: 'child cause' } } },
    { name: 'failing-child' },
  );
});
afterAll(() => f.close());

function parent(resource: string, target: () => string, extra: object = {}) {
  return {
    StartAt: 'Start child',
    States: {
      'Start child': {
        Type: 'Task',
        Resource: resource,
        Parameters: { StateMachineArn: target(), Input: { 'n.$': '$.n' } },
        ...extra,
        End: true,
      },
    },
  };
}

describe('states:startExecution', () => {
  test('.sync:2 waits for the child and returns its output as JSON', async () => {
    const r = await f.run(
      parent('arn:aws:states:::states:startExecution.sync:2', () => childArn),
      { n: 5 },
    );
    expect(r.status).toBe('RUNNING');
    await f.engine.clock.advance(60);
    const d = await f.describe(r.executionArn!);
    expect(d.status).toBe('SUCCEEDED');
    const out = JSON.parse(d.output!);
    expect(out.Output).toEqual({ got: 5 });
    expect(out.Input).toEqual({ n: 5 });
    expect(out.Status).toBe('SUCCEEDED');
    expect(out.ExecutionArn).toMatch(/^arn:aws:states:eu-west-2:123456789012:execution:child:/);
  });

  test('.sync returns the output as a JSON string', async () => {
    const r = await f.run(
      parent('arn:aws:states:::states:startExecution.sync', () => childArn),
      { n: 6 },
    );
    await f.engine.clock.advance(60);
    const out = JSON.parse((await f.describe(r.executionArn!)).output!);
    expect(out.Output).toBe('{"got":6}');
  });

  test('a failed child fails the task with States.TaskFailed and the child’s error in the cause', async () => {
    const r = await f.run(
      parent('arn:aws:states:::states:startExecution.sync:2', () => failingArn),
      { n: 1 },
    );
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('States.TaskFailed');
    expect(JSON.parse(r.cause!)).toMatchObject({ Error: 'ChildErr', Cause: 'child cause', Status: 'FAILED' });
  });

  test('request-response returns at once with the child’s ARN', async () => {
    const r = await f.run(
      parent('arn:aws:states:::states:startExecution', () => childArn),
      { n: 2 },
    );
    expect(r.status).toBe('SUCCEEDED');
    const out = JSON.parse(r.output!);
    expect(out.ExecutionArn).toContain(':execution:child:');
    expect((await f.describe(out.ExecutionArn)).status).toBe('RUNNING');
  });

  test('.waitForTaskToken hands the child the token; the parent resumes with the callback output', async () => {
    const { SendTaskSuccessCommand } = await import('@aws-sdk/client-sfn');
    const r = await f.run({
      StartAt: 'Start child',
      States: {
        'Start child': {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution.waitForTaskToken',
          Parameters: {
            StateMachineArn: childArn,
            Name: 'with-token',
            Input: { n: 9, 'token.$': '$$.Task.Token' },
          },
          End: true,
        },
      },
    });
    expect(r.status).toBe('RUNNING');
    const child = await f.describe(childArn.replace(':stateMachine:', ':execution:') + ':with-token');
    const { token } = JSON.parse(child.input!);
    await f.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"from":"child"}' }));
    await f.engine.waitForIdle();
    const d = await f.describe(r.executionArn!);
    expect([d.status, JSON.parse(d.output!)]).toEqual(['SUCCEEDED', { from: 'child' }]);
  });

  test('an unknown state machine fails with StepFunctions.StateMachineDoesNotExistException', async () => {
    const r = await f.run(
      parent(
        'arn:aws:states:::states:startExecution.sync:2',
        () => 'arn:aws:states:eu-west-2:123456789012:stateMachine:nope',
      ),
      { n: 1 },
    );
    expect(r.error).toBe('StepFunctions.StateMachineDoesNotExistException');
  });
});
