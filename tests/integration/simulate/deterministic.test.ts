import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SimulationSummary } from '../../../local/simulate/summary';

// The same seed gives the same outcome figures, however the engine interleaves the concurrent work of
// one instant: `npm run simulate`'s command run twice with one seed. Each run is its own process, as a
// user runs it (the handlers keep their SDK clients for the life of a process), with its own DynamoDB
// Local and output folder; the two run at the same time, which halves the file's wall time and, if
// anything, interleaves each run's work differently from the other's (docs/decisions.md, "Sixth pass").

const root = resolve(import.meta.dirname, '../../..');
const out = mkdtempSync(join(tmpdir(), 'simulate-determinism-'));
const children = new Set<ChildProcess>();

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(out, { recursive: true, force: true });
});

function simulate(seed: number, name: string): Promise<SimulationSummary> {
  const dir = join(out, name);
  const args = ['--families', '12', '--days', '45', '--seed', String(seed), '--out', dir];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'local/simulate/cli.ts', ...args], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.add(child);
    let errors = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.on('error', fail);
    child.on('close', (code) => {
      children.delete(child);
      if (code !== 0) fail(new Error(`simulate --seed ${seed} exited ${code}: ${errors}`));
      else done(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as SimulationSummary);
    });
  });
}

/** What a partnership and an engineer would compare between runs: everything but time and money. */
function outcomes(summary: SimulationSummary) {
  const { partnership, localities, reconciliation, engine, work } = summary;
  return {
    partnership,
    localities,
    reconciliation,
    executions: engine.executions,
    stateTransitions: engine.stateTransitions,
    historyEvents: engine.historyEvents,
    lambdaInvocations: work.lambdaInvocations,
    dynamodbRequests: work.dynamodb.requests,
    itemsWritten: work.dynamodb.itemsWritten,
    emails: work.emails,
    tasks: work.tasks,
  };
}

describe('npm run simulate', () => {
  it('gives identical outcome figures for the same seed', async () => {
    // Prepare / Act
    const [first, second] = await Promise.all([simulate(11, 'first'), simulate(11, 'second')]);

    // Assess
    expect(first.reconciliation.casesFound).toBe(12);
    expect(first.engine.failedExecutions).toBe(0);
    expect(first.engine.stateTransitions).toBeGreaterThan(0);
    expect(first.work.emails).toBeGreaterThan(0);
    expect(existsSync(join(out, 'first', 'summary.html'))).toBe(true);
    expect(outcomes(second)).toEqual(outcomes(first));
  }, 600_000);
});
