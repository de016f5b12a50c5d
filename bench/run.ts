import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { table } from './results-file';

// `npm run bench`: runs every benchmark module in bench/ (every bench/*.ts that exports `run()`), one
// after another so they do not compete for the two cores, each in its own Node process (a fresh heap
// and JIT for each, and the handlers' SDK clients, kept for the life of a process, start clean). Each
// module prints its own details and writes bench/results/<name>.json; at the end one table gives the
// headline figures of them all. `npm run bench -- engine` runs only the modules whose name contains
// "engine".

const here = dirname(fileURLToPath(import.meta.url));

type Result = Record<string, unknown> | unknown[] | undefined;

/** In a child: run one module and write what its run() answered to `out`. */
async function child(file: string, out: string): Promise<void> {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { run: () => Promise<unknown> };
  const result = await mod.run();
  writeFileSync(out, JSON.stringify(result ?? null));
}

function runInChild(file: string, out: string): Promise<number> {
  return new Promise((done, fail) => {
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', file, out],
      { stdio: 'inherit' },
    );
    const stop = () => proc.kill('SIGTERM');
    process.once('SIGINT', stop);
    proc.on('error', fail);
    proc.on('close', (code) => {
      process.off('SIGINT', stop);
      done(code ?? 1);
    });
  });
}

/** A nested field of a module's answer, whatever its shape. */
const at = (value: unknown, ...keys: string[]): unknown =>
  keys.reduce<unknown>(
    (inner, key) =>
      inner && typeof inner === 'object' ? (inner as Record<string, unknown>)[key] : undefined,
    value,
  );

const num = (value: unknown): string =>
  typeof value === 'number' ? String(Math.round(value * 100) / 100) : String(value ?? '-');

/** The figures worth a line in the closing table, for the modules known here; others by their numbers. */
function headlines(name: string, result: Result): string[][] {
  const r = (...keys: string[]) => at(result, ...keys);
  switch (name) {
    case 'engine': {
      const s = (key: string) => num(r('summary', key));
      return [
        ['engine', 'state transitions/s, this engine durable (SQLite)', s('durablePerSecond')],
        ['engine', 'state transitions/s, this engine in memory', s('inMemoryPerSecond')],
        ['engine', 'state transitions/s, durable, started over HTTP', s('durableViaSdkPerSecond')],
        ['engine', 'state transitions/s, aws-local-stepfunctions', s('awsLocalStepFunctionsPerSecond')],
        ['engine', 'durable / aws-local-stepfunctions', `${s('durableVsAwsLocal')}x`],
      ];
    }
    case 'partner-api':
      return [
        ['partner-api', `POST /v1/referrals at ${num(r('ratePerSecond'))}/s: requests`, num(r('requests'))],
        [
          'partner-api',
          'latency p50 / p99 / max ms',
          `${num(r('p50Ms'))} / ${num(r('p99Ms'))} / ${num(r('maxMs'))}`,
        ],
        [
          'partner-api',
          '2xx / non-2xx / errors / timeouts',
          `${num(r('ok'))} / ${num(r('non2xx'))} / ${num(r('errors'))} / ${num(r('timeouts'))}`,
        ],
        ...(
          (r('byRate') ?? []) as {
            ratePerSecond: number;
            floor: { p99Ms: number };
            referral: { p99Ms: number; errors: number; timeouts: number; non2xx: number };
            p99VsFloor: number;
          }[]
        ).map((rate) => [
          'partner-api',
          `at ${rate.ratePerSecond}/s: referral p99 / floor p99 ms (ratio); non-2xx+errors+timeouts`,
          `${num(rate.referral.p99Ms)} / ${num(rate.floor.p99Ms)} (${num(rate.p99VsFloor)}x); ${rate.referral.non2xx + rate.referral.errors + rate.referral.timeouts}`,
        ]),
      ];
    case 'handlers':
      return [
        [
          'handlers',
          `bundle KB, median / largest of ${num(r('summary', 'handlers'))}`,
          `${num(r('summary', 'medianKb'))} / ${num(r('summary', 'largestKb'))}`,
        ],
        [
          'handlers',
          'cold import ms, median / slowest',
          `${num(r('summary', 'medianColdImportMs'))} / ${num(r('summary', 'slowestColdImportMs'))}`,
        ],
        [
          'handlers',
          'floor: bare document-client handler KB / cold import ms',
          `${num(r('summary', 'bareKb'))} / ${num(r('summary', 'bareColdImportMs'))}`,
        ],
        ['handlers', 'median cold import / floor', `${num(r('summary', 'medianVsBare'))}x`],
        ['handlers', 'one esbuild build of every handler s', num(r('summary', 'buildSeconds'))],
      ];
    case 'dynamodb-local': {
      const m = (variant: string, key: string) => num(r('medians', variant, key));
      return [
        [
          'dynamodb-local',
          'CPU s to ready, defaults (C1, serial GC) / JVM own',
          `${m('defaults', 'readyCpuSeconds')} / ${m('jvm', 'readyCpuSeconds')} (${num(r('summary', 'readyCpuRatio'))}x)`,
        ],
        [
          'dynamodb-local',
          `requests/s in a ${num(r('requests'))}-request burst, defaults / JVM own`,
          `${m('defaults', 'requestsPerSecond')} / ${m('jvm', 'requestsPerSecond')} (${num(r('summary', 'rateRatio'))}x)`,
        ],
        [
          'dynamodb-local',
          'CPU s for the burst, defaults / JVM own',
          `${m('defaults', 'burstCpuSeconds')} / ${m('jvm', 'burstCpuSeconds')} (${num(r('summary', 'burstCpuRatio'))}x)`,
        ],
      ];
    }
    case 'report-cost': {
      return [
        [
          'report-cost',
          'quarter draft read units, 1x / 10x history',
          `${num(r('1x', 'draft', 'read'))} / ${num(r('10x', 'draft', 'read'))}`,
        ],
        [
          'report-cost',
          'stored report API read units, 1x / 10x',
          `${num(r('1x', 'api', 'read'))} / ${num(r('10x', 'api', 'read'))}`,
        ],
      ];
    }
    case 'simulation':
      return [
        [
          'simulation',
          `families/s (${num(r('families'))} families, ${num(r('days'))} days)`,
          num(r('familiesPerSecond')),
        ],
        [
          'simulation',
          'wall s / failed executions',
          `${num(r('wallSeconds'))} / ${num(r('failedExecutions'))}`,
        ],
        [
          'simulation',
          'DynamoDB items written / reads per family',
          `${num(r('writesPerFamily'))} / ${num(r('readsPerFamily'))}`,
        ],
      ];
    default:
      return Object.entries((result ?? {}) as Record<string, unknown>)
        .filter(([, value]) => typeof value === 'number')
        .slice(0, 6)
        .map(([key, value]) => [name, key, num(value)]);
  }
}

async function main(): Promise<void> {
  const filter = process.argv[2];
  const modules = readdirSync(here)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts') && name !== 'run.ts')
    .filter((name) => !filter || name.includes(filter))
    .filter((name) => /export\s+async\s+function\s+run\s*\(/.test(readFileSync(join(here, name), 'utf8')))
    .sort();
  if (modules.length === 0) {
    console.error(`bench: no benchmark module${filter ? ` matching '${filter}'` : ''} in ${here}`);
    process.exit(1);
  }
  const scratch = mkdtempSync(join(tmpdir(), 'sfw-bench-'));
  const rows: string[][] = [];
  const failed: string[] = [];
  try {
    for (const file of modules) {
      const name = file.replace(/\.ts$/, '');
      console.log(`\n== bench/${file}`);
      const out = join(scratch, `${name}.json`);
      const started = performance.now();
      const code = await runInChild(file, out);
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      if (code !== 0) {
        failed.push(name);
        rows.push([name, 'FAILED', `exit code ${code}`]);
        continue;
      }
      rows.push(...headlines(name, JSON.parse(readFileSync(out, 'utf8')) as Result));
      rows.push([name, 'bench wall time s', seconds]);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  console.log(
    `\n== Summary (details in bench/results/*.json)\n${table(['bench', 'measure', 'value'], rows)}`,
  );
  if (failed.length > 0) {
    console.error(`bench: failed: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}

if (process.argv[2] === '--child') await child(process.argv[3]!, process.argv[4]!);
else await main();
