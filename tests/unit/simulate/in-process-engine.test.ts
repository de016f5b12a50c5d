import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EngineHandle, startEngine } from '../../../local/engine';
import { answerEngineInProcess } from '../../../local/simulate/in-process-engine';

// The simulation's Step Functions clients are answered by the engine in process: through the real SDK
// client, every call gets what the same call over HTTP gets, answers and errors alike.

let engine: EngineHandle;
let overHttp: SFNClient;
let inProcess: SFNClient;

function client(endpoint: string): SFNClient {
  return new SFNClient({
    region: 'eu-west-2',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

beforeAll(async () => {
  engine = await startEngine({ dataDir: ':memory:', virtualClock: true, startTime: '2026-04-01T08:00:00Z' });
  overHttp = client(engine.endpoint);
  // No server listens here: an answer can only come from the engine in process.
  inProcess = client('http://127.0.0.1:9');
  answerEngineInProcess(inProcess, engine);
});

afterAll(async () => {
  overHttp.destroy();
  inProcess.destroy();
  await engine.close();
});

const waitForToken = {
  StartAt: 'Wait',
  States: {
    Wait: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: 'nobody', Payload: { 'token.$': '$$.Task.Token' } },
      End: true,
    },
  },
};

async function failure(call: Promise<unknown>) {
  const error = (await call.then(
    () => undefined,
    (e: unknown) => e,
  )) as { name: string; message: string; $metadata: { httpStatusCode: number } } | undefined;
  return error && { name: error.name, message: error.message, status: error.$metadata.httpStatusCode };
}

describe('the engine answered in process', () => {
  it('answers as the HTTP API does, errors included', async () => {
    const created = await inProcess.send(
      new CreateStateMachineCommand({
        name: 'in-process',
        definition: JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }),
        roleArn: 'arn:aws:iam::123456789012:role/local',
      }),
    );
    const stateMachineArn = created.stateMachineArn!;
    expect(stateMachineArn).toBe('arn:aws:states:eu-west-2:123456789012:stateMachine:in-process');

    const started = await inProcess.send(
      new StartExecutionCommand({ stateMachineArn, name: 'one', input: '{"a":1}' }),
    );
    expect(started.executionArn).toBe('arn:aws:states:eu-west-2:123456789012:execution:in-process:one');
    await engine.waitForIdle();
    const [viaHttp, viaProcess] = await Promise.all(
      [overHttp, inProcess].map((sfn) =>
        sfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn! })),
      ),
    );
    expect(viaProcess.status).toBe('SUCCEEDED');
    expect({ ...viaProcess, $metadata: undefined }).toEqual({ ...viaHttp, $metadata: undefined });

    const calls: ((sfn: SFNClient) => Promise<unknown>)[] = [
      // The same name with another input.
      (sfn) => sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'one', input: '{"a":2}' })),
      (sfn) =>
        sfn.send(
          new DescribeExecutionCommand({
            executionArn: 'arn:aws:states:eu-west-2:123456789012:execution:in-process:none',
          }),
        ),
      (sfn) => sfn.send(new StartExecutionCommand({ stateMachineArn, input: 'not json' })),
      (sfn) => sfn.send(new SendTaskSuccessCommand({ taskToken: 'no-such-token', output: '{}' })),
    ];
    for (const call of calls) {
      const [http, local] = [await failure(call(overHttp)), await failure(call(inProcess))];
      expect(http).toBeDefined();
      expect(local).toEqual(http);
    }
  });

  it('answers a task token in process', async () => {
    const tokens: string[] = [];
    engine.registerLambda('nobody', async (event) => {
      tokens.push((event as { token: string }).token);
      return {};
    });
    const { stateMachineArn } = await inProcess.send(
      new CreateStateMachineCommand({
        name: 'waits',
        definition: JSON.stringify(waitForToken),
        roleArn: 'arn:aws:iam::123456789012:role/local',
      }),
    );
    const { executionArn } = await inProcess.send(new StartExecutionCommand({ stateMachineArn }));
    await engine.waitForIdle();
    expect(tokens).toHaveLength(1);
    await inProcess.send(new SendTaskSuccessCommand({ taskToken: tokens[0], output: '{"done":true}' }));
    await engine.waitForIdle();
    const described = await inProcess.send(new DescribeExecutionCommand({ executionArn }));
    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output!)).toEqual({ done: true });
    // Answered once: the token is spent.
    expect(
      await failure(inProcess.send(new SendTaskSuccessCommand({ taskToken: tokens[0], output: '{}' }))),
    ).toMatchObject({ name: 'TaskTimedOut', status: 400 });
  });
});
