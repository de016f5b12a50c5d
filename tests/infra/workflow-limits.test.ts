import { describe, expect, it } from 'vitest';
import { parseQuarterId } from '../../shared/core/calendar';
import { planCycle } from '../../shared/domain/reporting/cycle';
import { listWorkflows, readDefinition } from '../../workflows/definitions';

// What the workflows need to survive AWS's own limits: a child start refused for a moment (the
// account's open-execution quota, throttling) is retried, and the reporting cycle's Map is capped
// without making any task wait behind another.

type State = Record<string, any>;

function statesOf(node: unknown, found: State[] = []): State[] {
  if (Array.isArray(node)) {
    for (const item of node) statesOf(item, found);
  } else if (node && typeof node === 'object') {
    const record = node as State;
    if (typeof record.Type === 'string') found.push(record);
    for (const value of Object.values(record)) statesOf(value, found);
  }
  return found;
}

const definitions = listWorkflows().map((w) => ({ name: w.name, asl: JSON.parse(readDefinition(w.name)) }));

describe('child workflow starts', () => {
  const childStarts = definitions.flatMap(({ name, asl }) =>
    statesOf(asl)
      .filter((s) => s.Type === 'Task' && /:states:startExecution\.sync/.test(s.Resource))
      .map((state) => ({ name, state })),
  );

  it('are retried when Step Functions refuses a start for a moment', () => {
    expect(childStarts.length).toBeGreaterThanOrEqual(8);
    for (const { name, state } of childStarts) {
      const retried = (state.Retry ?? []).flatMap((r: State) => r.ErrorEquals);
      expect(retried, `${name}: ${state.Comment ?? ''}`).toEqual(
        expect.arrayContaining([
          'StepFunctions.ExecutionLimitExceededException',
          'StepFunctions.AWSStepFunctionsException',
          'StepFunctions.SdkClientException',
        ]),
      );
    }
  });

  it('are not retried on a wildcard: a failed child restarted under its name only meets ExecutionAlreadyExists', () => {
    for (const { name, state } of childStarts) {
      for (const retrier of state.Retry ?? []) {
        expect(retrier.ErrorEquals, name).not.toContain('States.TaskFailed');
        expect(retrier.ErrorEquals, name).not.toContain('States.ALL');
      }
    }
  });
});

describe('the reporting cycle Map', () => {
  const map = statesOf(definitions.find((d) => d.name === 'reporting-cycle')!.asl).find(
    (s) => s.Type === 'Map',
  )!;

  it('is capped, and the cap is above every task a quarter can owe (each waits on people for weeks)', () => {
    const owed = ['2026-27-Q1', '2026-27-Q2', '2026-27-Q3', '2026-27-Q4'].map((id) => {
      const plan = planCycle(parseQuarterId(id), '2027-04-01T00:30:00.000Z');
      return plan.quarterly.length + plan.annual.length + plan.conversations.length;
    });
    expect(map.MaxConcurrency).toBeGreaterThan(0);
    // Inline Map runs at most 40 iterations at once on AWS whatever the setting.
    expect(map.MaxConcurrency).toBeLessThanOrEqual(40);
    expect(Math.max(...owed)).toBeLessThanOrEqual(map.MaxConcurrency);
  });
});
