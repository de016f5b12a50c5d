import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../../local/admin/cli';
import { reportFailures } from '../../../local/stack/failed-executions';
import { newId } from '../../../shared/adapters/data/ids';
import { type EngineFixture, engineFixture } from '../../engine/helpers';

// Issue 15: a journey that fails anyway is never silent. Locally the stack's log gets a line naming
// the execution and the case (ids only), and `npm run admin -- redrive` restarts it from the state
// that failed (Step Functions RedriveExecution), by execution ARN or by case id.

const JOURNEY = {
  StartAt: 'Received',
  States: {
    Received: { Type: 'Pass', Next: 'Step' },
    Step: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'flaky', 'Payload.$': '$' },
      OutputPath: '$.Payload',
      End: true,
    },
  },
};

describe('a failed journey', () => {
  let f: EngineFixture;
  let journeyArn: string;
  const lines: string[] = [];
  let broken = true;
  beforeAll(async () => {
    const lambdas = new Map([
      [
        'flaky',
        async (event: unknown) => {
          if (broken) throw Object.assign(new Error('a defect, since fixed'), { name: 'Defect' });
          return { ...(event as object), done: true };
        },
      ],
    ]);
    f = await engineFixture({ lambdas, onUnsuccessful: reportFailures((line) => lines.push(line)) });
    journeyArn = await f.machine(JOURNEY, { name: 'journey' });
  });
  afterAll(() => f?.close());

  async function failedJourney(): Promise<{ caseId: string; executionArn: string }> {
    broken = true;
    const caseId = newId();
    const { executionArn } = await f.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: journeyArn,
        name: caseId,
        input: JSON.stringify({ caseId, family: 'Alex Example' }),
      }),
    );
    await f.engine.waitForIdle();
    return { caseId, executionArn: executionArn! };
  }

  it('is reported in the log with its execution and case, and no input data', async () => {
    // Act
    const { caseId, executionArn } = await failedJourney();
    // Assess
    const line = lines.find((candidate) => candidate.includes(caseId));
    expect(line).toContain(`journey execution FAILED (Defect): case ${caseId}, ${executionArn}`);
    expect(line).toContain(`npm run admin -- redrive ${executionArn}`);
    expect(line).not.toMatch(/Alex|defect, since fixed/);
  });

  it.each(['execution ARN', 'case id'])('is redriven by its %s from the state that failed', async (by) => {
    // Prepare
    const { caseId, executionArn } = await failedJourney();
    broken = false;
    const printed: string[] = [];
    // Act
    const code = await runAdmin(
      ['redrive', by === 'case id' ? caseId : executionArn, '--sfn-url', f.engine.endpoint],
      (line) => printed.push(line),
    );
    await f.engine.waitForIdle();
    // Assess
    expect(code).toBe(0);
    expect(printed.join('\n')).toContain(`Redriven ${executionArn}`);
    const described = await f.sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect([described.status, described.redriveCount]).toEqual(['SUCCEEDED', 1]);
    expect(JSON.parse(described.output!)).toMatchObject({ caseId, done: true });
    const history = await f.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    const entered = (history.events ?? [])
      .filter((event) => event.type?.endsWith('StateEntered'))
      .map((event) => event.stateEnteredEventDetails?.name);
    expect(entered).toEqual(['Received', 'Step', 'Step']);
  });

  it('refuses a running or succeeded execution, and a case with no failed journey, saying why', async () => {
    // Prepare
    const { caseId, executionArn } = await failedJourney();
    broken = false;
    await runAdmin(['redrive', executionArn, '--sfn-url', f.engine.endpoint], () => undefined);
    await f.engine.waitForIdle();
    // Act / Assess
    await expect(
      runAdmin(['redrive', executionArn, '--sfn-url', f.engine.endpoint], () => undefined),
    ).rejects.toThrow(/SUCCEEDED/);
    await expect(
      runAdmin(['redrive', caseId, '--sfn-url', f.engine.endpoint], () => undefined),
    ).rejects.toThrow(/No failed, timed out or aborted journey execution for case/);
    await expect(runAdmin(['redrive', 'not-a-case', '--sfn-url', f.engine.endpoint])).rejects.toThrow(
      /neither an execution ARN nor a case id/,
    );
  });
});

describe('a journey whose task’s child execution failed', () => {
  let f: EngineFixture;
  let journeyArn: string;
  let broken = true;
  beforeAll(async () => {
    const lambdas = new Map([
      [
        'open-task',
        async (event: unknown) => {
          if (broken) throw Object.assign(new Error('a defect, since fixed'), { name: 'Defect' });
          return event;
        },
      ],
    ]);
    f = await engineFixture({ lambdas });
    const humanTask = await f.machine(
      {
        StartAt: 'Open',
        States: {
          Open: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: 'open-task', 'Payload.$': '$' },
            OutputPath: '$.Payload',
            Next: 'Wait for the worker',
          },
          'Wait for the worker': { Type: 'Wait', Seconds: 3600, Next: 'Done' },
          Done: { Type: 'Pass', Result: { status: 'COMPLETED' }, End: true },
        },
      },
      { name: 'human-task' },
    );
    journeyArn = await f.machine(
      {
        StartAt: 'WaitForScreen',
        States: {
          WaitForScreen: {
            Type: 'Task',
            Resource: 'arn:aws:states:::states:startExecution.sync:2',
            Parameters: {
              StateMachineArn: humanTask,
              'Name.$': "States.Format('{}-screen', $.caseId)",
              Input: { 'caseId.$': '$.caseId' },
            },
            ResultSelector: { 'status.$': '$.Output.status' },
            End: true,
          },
        },
      },
      { name: 'journey' },
    );
  });
  afterAll(() => f?.close());

  it('has the child redriven first, then the journey, which follows the same child to its end', async () => {
    // Prepare
    const caseId = newId();
    const { executionArn } = await f.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: journeyArn,
        name: caseId,
        input: JSON.stringify({ caseId }),
      }),
    );
    await f.engine.waitForIdle();
    broken = false;
    const printed: string[] = [];
    // Act
    const code = await runAdmin(['redrive', caseId, '--sfn-url', f.engine.endpoint], (line) =>
      printed.push(line),
    );
    await f.engine.waitForIdle();
    await f.engine.clock.advance(3600);
    // Assess
    expect(code).toBe(0);
    expect(printed.join('\n')).toMatch(
      new RegExp(`Redriven \\S+:human-task:${caseId}-screen first[^]*Redriven ${executionArn}`),
    );
    const described = await f.sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect([described.status, described.redriveCount, JSON.parse(described.output!)]).toEqual([
      'SUCCEEDED',
      1,
      { status: 'COMPLETED' },
    ]);
  });
});
