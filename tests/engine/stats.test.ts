import { CreateStateMachineCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EngineHandle, startEngine } from '../../local/engine';

// engine.stats(): the totals the simulation and benchmarks report (executions, transitions, history).

describe('engine stats', () => {
  let engine: EngineHandle;
  let sfn: SFNClient;
  beforeAll(async () => {
    engine = await startEngine({ virtualClock: true, startTime: '2026-04-01T09:00:00.000Z' });
    sfn = new SFNClient({
      region: 'eu-west-2',
      endpoint: engine.endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });
  afterAll(async () => {
    sfn.destroy();
    await engine.close();
  });

  it('counts executions by status, states entered and the largest history', async () => {
    // Prepare
    const machine = await sfn.send(
      new CreateStateMachineCommand({
        name: 'two-steps',
        roleArn: 'arn:aws:iam::123456789012:role/local',
        definition: JSON.stringify({
          StartAt: 'One',
          States: { One: { Type: 'Pass', Next: 'Two' }, Two: { Type: 'Wait', Seconds: 60, End: true } },
        }),
      }),
    );
    // Act
    await sfn.send(new StartExecutionCommand({ stateMachineArn: machine.stateMachineArn, name: 'a' }));
    await sfn.send(new StartExecutionCommand({ stateMachineArn: machine.stateMachineArn, name: 'b' }));
    await engine.clock.advance(30);
    const halfway = engine.stats();
    await engine.clock.advance(60);
    const done = engine.stats();
    // Assess
    expect(halfway.executions).toEqual([
      { stateMachineArn: machine.stateMachineArn, status: 'RUNNING', count: 2 },
    ]);
    expect(done.executions).toEqual([
      { stateMachineArn: machine.stateMachineArn, status: 'SUCCEEDED', count: 2 },
    ]);
    // Each execution entered Pass and Wait: 2 transitions each.
    expect(done.stateTransitions).toBe(4);
    expect(done.historyEvents).toBeGreaterThan(done.stateTransitions);
    expect(done.largestHistory?.events).toBe(done.historyEvents / 2);
  });
});
