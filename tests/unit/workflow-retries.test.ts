import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../infra/functions-manifest';
import { functionTimeoutSeconds } from '../../local/stack/handlers';
import { parsePlaceholder, readDefinition } from '../../workflows/definitions';

// Issue 15, "Crash at intake": a step whose Lambda timed out or died must be retried, and a step
// answering IdempotencyAlreadyInProgressError (the record of an invocation that died) must be retried
// for longer than that invocation could have lived, after which its record has expired.

interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: string;
}

interface LambdaStep {
  workflow: string;
  state: string;
  functionName: string;
  retry: Retrier[];
}

/** The workflows that carry families' journeys and the staff's tasks. */
const WORKFLOWS = ['journey', 'human-task', 'reporting-cycle'];

function lambdaSteps(workflow: string): LambdaStep[] {
  const found: LambdaStep[] = [];
  const walk = (states: Record<string, Record<string, any>>) => {
    for (const [state, body] of Object.entries(states)) {
      if (body.Type === 'Task' && String(body.Resource).includes(':::lambda:invoke')) {
        const placeholder = parsePlaceholder(/^\$\{(\w+)\}$/.exec(body.Parameters.FunctionName)?.[1] ?? '');
        if (placeholder.kind !== 'function') throw new Error(`${workflow}.${state} names no handler`);
        found.push({ workflow, state, functionName: placeholder.name, retry: body.Retry ?? [] });
      }
      for (const branch of body.Branches ?? []) walk(branch.States);
      if (body.ItemProcessor) walk(body.ItemProcessor.States);
    }
  };
  walk(JSON.parse(readDefinition(workflow)).States);
  return found;
}

/** The least total wait a retrier guarantees before it gives up (full jitter may wait nothing). */
function leastTotalWaitSeconds(retrier: Retrier): number {
  if (retrier.JitterStrategy === 'FULL') return 0;
  let total = 0;
  for (let attempt = 0; attempt < (retrier.MaxAttempts ?? 3); attempt++) {
    const delay = (retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** attempt;
    total += Math.min(delay, retrier.MaxDelaySeconds ?? Number.POSITIVE_INFINITY);
  }
  return total;
}

const steps = WORKFLOWS.flatMap(lambdaSteps);
const idempotentFunctions = new Set(
  FUNCTIONS.filter((entry) => entry.idempotency).map((entry) => entry.name),
);

describe('Lambda step retries', () => {
  it('finds the steps it checks', () => {
    expect(steps.length).toBeGreaterThan(10);
    // open-report-task in the reporting cycle (open-task and record-task-outcome are idempotent without
    // Powertools since session 12, allocate-case since session 16: docs/decisions.md).
    expect(steps.filter((step) => idempotentFunctions.has(step.functionName)).length).toBe(1);
  });

  it.each(steps.map((step) => [`${step.workflow}.${step.state}`, step] as const))(
    '%s retries a Lambda that timed out or died (Lambda.Unknown, Sandbox.Timedout)',
    (_, step) => {
      const errors = step.retry.flatMap((retrier) => retrier.ErrorEquals);
      expect(errors).toEqual(expect.arrayContaining(['Lambda.Unknown', 'Sandbox.Timedout']));
    },
  );

  it.each(steps.map((step) => [`${step.workflow}.${step.state}`, step] as const))(
    '%s retries a handler whose AWS SDK call timed out (TimeoutError), like the transient Lambda errors',
    (_, step) => {
      // Seen in a county-year simulation under heavy load: DynamoDB reset the connection, the SDK threw
      // TimeoutError, and six journeys failed on a step that a retry would have finished (every step is
      // idempotent). The same can happen on AWS when a DynamoDB or SES call times out.
      const transient = step.retry.find((retrier) => retrier.ErrorEquals.includes('Lambda.Unknown'));
      expect(transient?.ErrorEquals).toContain('TimeoutError');
    },
  );

  it.each(steps.map((step) => [`${step.workflow}.${step.state}`, step] as const))(
    '%s retries a handler whose AWS SDK call found the connection refused or cut (NetworkError)',
    (_, step) => {
      // Seen in `npm run soak`: DynamoDB Local killed and restarted, the SDK's quick retries spent, and
      // fifty journeys failed on a plain `Error` (ECONNREFUSED) a retry would have finished.
      const transient = step.retry.find((retrier) => retrier.ErrorEquals.includes('Lambda.Unknown'));
      expect(transient?.ErrorEquals).toContain('NetworkError');
      // Powertools wraps the same failure under the idempotency record's read or write.
      expect(transient?.ErrorEquals).toContain('IdempotencyPersistenceLayerError');
    },
  );

  it.each(
    steps
      .filter((step) => idempotentFunctions.has(step.functionName))
      .map((step) => [`${step.workflow}.${step.state}`, step] as const),
  )('%s retries an idempotency record in progress for longer than twice its function timeout', (_, step) => {
    const retrier = step.retry.find((candidate) =>
      candidate.ErrorEquals.includes('IdempotencyAlreadyInProgressError'),
    );
    expect(retrier).toBeDefined();
    expect(leastTotalWaitSeconds(retrier!)).toBeGreaterThan(2 * functionTimeoutSeconds(step.functionName));
  });
});
