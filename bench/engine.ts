import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CreateStateMachineCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { startEngine } from '../local/engine';
import { type Workload, workloads } from './engine-workloads';

// State transitions per second on the same JSONPath definitions: this engine with its durable SQLite store,
// this engine in memory, and aws-local-stepfunctions. Five rounds, each measuring every engine on every
// workload one after the other (so a busy spell of the shared machine hits all of them); the figures are the
// medians over the rounds, and the ratios the median of each round's ratio. Written to bench/results/engine.json.

// Each measurement runs batches of executions until it has lasted this long, so short workloads are not
// drowned by timer noise on a busy machine.
const MIN_SECONDS = Number(process.env.BENCH_ENGINE_SECONDS ?? 1);
const ROUNDS = Number(process.env.BENCH_ENGINE_ROUNDS ?? 5);
const ROUND = 200;
const CONCURRENCY = 50;

interface Measure {
  executions: number;
  transitions: number;
  seconds: number;
  perSecond: number;
}

/** States entered by one execution of the workload (the unit AWS bills as a state transition). */
async function transitionsOf(w: Workload): Promise<number> {
  const engine = await startEngine({ dataDir: ':memory:', virtualClock: true });
  const sfn = client(engine.endpoint);
  try {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: 'count',
        definition: JSON.stringify(w.definition),
        roleArn: 'arn:aws:iam::123456789012:role/bench',
      }),
    );
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(w.input) }),
    );
    await engine.waitForIdle();
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    return history.events!.filter((e) => e.type!.endsWith('StateEntered')).length;
  } finally {
    sfn.destroy();
    await engine.close();
  }
}

function client(endpoint: string): SFNClient {
  return new SFNClient({
    endpoint,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'b', secretAccessKey: 'b' },
    maxAttempts: 1,
  });
}

async function inBatches(count: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < count; start += CONCURRENCY) {
    const batch: Promise<unknown>[] = [];
    for (let i = start; i < Math.min(count, start + CONCURRENCY); i++) batch.push(fn(i));
    await Promise.all(batch);
  }
}

/** Executions started in process (`startExecution`), or through the SDK over HTTP (`viaSdk`). */
async function ours(w: Workload, dataDir: string, perExecution: number, viaSdk = false): Promise<Measure> {
  const engine = await startEngine({ dataDir, virtualClock: true });
  const sfn = client(engine.endpoint);
  try {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: w.name,
        definition: JSON.stringify(w.definition),
        roleArn: 'arn:aws:iam::123456789012:role/bench',
      }),
    );
    const input = JSON.stringify(w.input);
    const start = (i: number) =>
      viaSdk
        ? sfn.send(new StartExecutionCommand({ stateMachineArn, input, name: `run-${i}` }))
        : engine.startExecution(stateMachineArn!, w.input, `run-${i}`);
    const started = performance.now();
    let executions = 0;
    while ((performance.now() - started) / 1000 < MIN_SECONDS) {
      const offset = executions;
      await inBatches(ROUND, (i) => start(offset + i));
      await engine.waitForIdle();
      executions += ROUND;
    }
    return measure(started, executions, perExecution);
  } finally {
    sfn.destroy();
    await engine.close();
  }
}

async function theirs(w: Workload, perExecution: number): Promise<Measure> {
  const machine = new StateMachine(w.definition as unknown as StateMachineDefinition, {
    validationOptions: { checkArn: false },
  });
  const started = performance.now();
  let executions = 0;
  while ((performance.now() - started) / 1000 < MIN_SECONDS) {
    await inBatches(ROUND, () => machine.run(w.input as never).result);
    executions += ROUND;
  }
  return measure(started, executions, perExecution);
}

function measure(started: number, executions: number, perExecution: number): Measure {
  const seconds = (performance.now() - started) / 1000;
  const transitions = perExecution * executions;
  return { executions, transitions, seconds, perSecond: transitions / seconds };
}

type Kind = 'durable' | 'memory' | 'sdk' | 'oracle';
const KINDS: Kind[] = ['durable', 'memory', 'sdk', 'oracle'];

async function measureOnce(kind: Kind, w: Workload, perExecution: number): Promise<Measure> {
  if (kind === 'oracle') return theirs(w, perExecution);
  if (kind === 'memory') return ours(w, ':memory:', perExecution);
  const dir = mkdtempSync(join(tmpdir(), 'bench-engine-'));
  try {
    return await ours(w, dir, perExecution, kind === 'sdk');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export async function run(): Promise<unknown> {
  const perExecution = new Map<string, number>();
  for (const w of workloads) perExecution.set(w.name, await transitionsOf(w));
  // rates[kind][workload] and each round's overall rate (all workloads' transitions over their time).
  const byWorkload = new Map<string, Record<Kind, number[]>>();
  const overall: Record<Kind, number[]> = { durable: [], memory: [], sdk: [], oracle: [] };
  const ratios = { durable: [] as number[], memory: [] as number[], sdk: [] as number[] };
  for (let r = 0; r < ROUNDS; r++) {
    const totals: Record<Kind, { t: number; s: number }> = {
      durable: { t: 0, s: 0 },
      memory: { t: 0, s: 0 },
      sdk: { t: 0, s: 0 },
      oracle: { t: 0, s: 0 },
    };
    for (const w of workloads) {
      const rates = byWorkload.get(w.name) ?? { durable: [], memory: [], sdk: [], oracle: [] };
      byWorkload.set(w.name, rates);
      for (const kind of KINDS) {
        const m = await measureOnce(kind, w, perExecution.get(w.name)!);
        rates[kind].push(m.perSecond);
        totals[kind].t += m.transitions;
        totals[kind].s += m.seconds;
      }
    }
    const rate = (k: Kind) => totals[k].t / totals[k].s;
    for (const kind of KINDS) overall[kind].push(rate(kind));
    ratios.durable.push(rate('durable') / rate('oracle'));
    ratios.memory.push(rate('memory') / rate('oracle'));
    ratios.sdk.push(rate('sdk') / rate('oracle'));
    console.log(
      `engine round ${r + 1}/${ROUNDS}: durable/aws-local ${round(rate('durable') / rate('oracle'))}x, in-memory/aws-local ${round(rate('memory') / rate('oracle'))}x`,
    );
  }
  const rows = workloads.map((w) => {
    const rates = byWorkload.get(w.name)!;
    const m = (k: Kind) => median(rates[k]);
    return {
      workload: w.name,
      transitionsPerExecution: perExecution.get(w.name),
      durablePerSecond: Math.round(m('durable')),
      inMemoryPerSecond: Math.round(m('memory')),
      durableViaSdkPerSecond: Math.round(m('sdk')),
      awsLocalStepFunctionsPerSecond: Math.round(m('oracle')),
      durableVsAwsLocal: round(m('durable') / m('oracle')),
      inMemoryVsAwsLocal: round(m('memory') / m('oracle')),
    };
  });
  const summary = {
    rounds: ROUNDS,
    durablePerSecond: Math.round(median(overall.durable)),
    inMemoryPerSecond: Math.round(median(overall.memory)),
    durableViaSdkPerSecond: Math.round(median(overall.sdk)),
    awsLocalStepFunctionsPerSecond: Math.round(median(overall.oracle)),
    durableVsAwsLocal: round(median(ratios.durable)),
    inMemoryVsAwsLocal: round(median(ratios.memory)),
    durableViaSdkVsAwsLocal: round(median(ratios.sdk)),
  };
  console.table(rows);
  console.log(
    `engine (median of ${ROUNDS} rounds): durable ${summary.durablePerSecond}/s, in-memory ${summary.inMemoryPerSecond}/s, durable started over HTTP ${summary.durableViaSdkPerSecond}/s, aws-local-stepfunctions ${summary.awsLocalStepFunctionsPerSecond}/s; durable/aws-local = ${summary.durableVsAwsLocal}x, in-memory/aws-local = ${summary.inMemoryVsAwsLocal}x, durable over HTTP/aws-local = ${summary.durableViaSdkVsAwsLocal}x`,
  );
  const result = {
    benchmark: 'engine',
    unit: 'state transitions per second',
    at: new Date().toISOString(),
    node: process.version,
    summary,
    workloads: rows,
  };
  const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'engine.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await run();
}
