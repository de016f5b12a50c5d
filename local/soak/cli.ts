import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startDay, wholeNumber } from '../simulate/cli-options';
import { compareRuns, formatComparison, passed } from './compare';
import { runSoak } from './run';

// `npm run soak -- [--families 200] [--days 30] [--kills 51] [--seed 1] [--workers 48]`: the same
// seeded simulation twice, uninterrupted and with DynamoDB Local, the engine and the API server killed
// at seeded moments, compared. Exit 1 on any lost, doubled or stuck case or any difference.

const USAGE = `Usage: npm run soak -- [options]   (then the crash and concurrency proofs at full size)
  --families N   families referred over the period (default 200)
  --days N       length of the period in days (default 30)
  --kills N      kills in the faulted run, spread over the three parts (default 51)
  --seed N       random seed of the families, the staff and the kills (default 1)
  --workers N    family support workers (default 48)
  --start DATE   first day (default 2026-04-01)
  --keep         keep the two runs' data directories (printed)
  --no-proofs    skip the crash-at-intake and concurrency proofs that follow`;

/** The proofs at full size (SOAK_FULL=1): crash at intake, 1,000 allocations, 100 completions. */
const PROOFS = [
  'tests/integration/stack/crash-at-intake.test.ts',
  'tests/integration/data/concurrency-proofs.test.ts',
  'tests/integration/journey/concurrent-completions.test.ts',
];

function runProofs(): Promise<number> {
  console.log(`\nThe proofs at full size: ${PROOFS.join(', ')}`);
  const vitest = join(import.meta.dirname, '../../node_modules/vitest/vitest.mjs');
  return new Promise((done) => {
    const child = spawn(process.execPath, [vitest, 'run', ...PROOFS], {
      stdio: 'inherit',
      env: { ...process.env, SOAK_FULL: '1' },
    });
    child.once('exit', (code) => done(code ?? 1));
  });
}

async function main() {
  const { values } = parseArgs({
    options: {
      families: { type: 'string' },
      days: { type: 'string' },
      kills: { type: 'string' },
      seed: { type: 'string' },
      workers: { type: 'string' },
      start: { type: 'string' },
      keep: { type: 'boolean' },
      'no-proofs': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const options = {
    families: wholeNumber('families', values.families, 200, 1),
    days: wholeNumber('days', values.days, 30, 1),
    seed: wholeNumber('seed', values.seed, 1, 0),
    workers: wholeNumber('workers', values.workers, 48, 1),
    start: startDay(values.start),
  };
  const kills = wholeNumber('kills', values.kills, 51, 1);
  const root = mkdtempSync(join(tmpdir(), 'sfw-soak-'));
  try {
    console.log(
      `Soak: ${options.families} families over ${options.days} days (seed ${options.seed}), run uninterrupted, then with ${kills} kills`,
    );
    const uninterrupted = await runSoak({
      ...options,
      kills: 0,
      dataDir: join(root, 'uninterrupted'),
      log: (line) => console.log(`  uninterrupted  ${line}`),
    });
    console.log(`  uninterrupted run done in ${uninterrupted.wallSeconds.toFixed(0)} s`);
    const faulted = await runSoak({
      ...options,
      kills,
      dataDir: join(root, 'faulted'),
      log: (line) => console.log(`  faulted        ${line}`),
    });
    console.log(`  faulted run done in ${faulted.wallSeconds.toFixed(0)} s\n`);
    const comparison = compareRuns(options.families, uninterrupted, faulted);
    console.log(formatComparison(comparison, uninterrupted, faulted));
    console.log(passed(comparison) ? '\nsoak: passed' : '\nsoak: FAILED');
    if (!passed(comparison)) process.exitCode = 1;
  } finally {
    if (values.keep) console.log(`data kept in ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
  if (!values['no-proofs'] && (await runProofs()) !== 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(`npm run soak: ${(error as Error).stack ?? (error as Error).message}`);
  process.exit(2);
});
