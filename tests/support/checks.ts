import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { missingPrerequisites } from './prerequisites';

// `npm test` (`checks.ts --with-tests`) and `npm run checks` (the checks alone). First the
// prerequisites: a missing one stops the run at once with the command that installs it. Then the
// static checks side by side (each is mostly one process waiting on one core; on 2 cores the five take
// about as long as the type-check alone), and with --with-tests `vitest run` beside them: the tests no
// longer wait the checks' 15 to 30 s of wall, and most of the tests' time is spent waiting on DynamoDB
// Local and the engine's children anyway. Every check runs to its end so one run shows every failure;
// each one's output is printed whole when it ends (after the tests' output with --with-tests), so
// outputs never interleave. A failed check makes the exit code 1 even when every test passed.

/** The static checks, by their package.json script names, in the order their results are printed. */
export const CHECKS = ['lint', 'typecheck', 'deps', 'unused', 'openapi:lint'] as const;

const VITEST = join(import.meta.dirname, '../../node_modules/vitest/vitest.mjs');

interface Outcome {
  script: string;
  code: number | null;
  seconds: number;
  output: string;
}

function runScript(script: string): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? (process.stdout.isTTY ? '1' : '0') },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('error', (error) => {
      output += String(error);
    });
    child.once('close', (code) => resolve({ script, code, seconds: (Date.now() - started) / 1000, output }));
  });
}

/** `vitest run` with the arguments given after --with-tests, its output straight to the terminal. */
function runTests(args: readonly string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [VITEST, 'run', ...args], { stdio: 'inherit' });
    child.once('error', (error) => {
      console.error(`vitest did not start: ${error}`);
      resolve(1);
    });
    // Killed by a signal (Ctrl-C reaches the whole process group): a failure, as npm reports it.
    child.once('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

function report(outcomes: readonly Outcome[]): string[] {
  for (const outcome of outcomes) {
    const mark = outcome.code === 0 ? 'ok' : `FAILED (exit ${outcome.code})`;
    console.log(`\n> npm run ${outcome.script}: ${mark} in ${outcome.seconds.toFixed(1)} s`);
    const text = outcome.output.trim();
    if (text) console.log(text);
  }
  return outcomes.filter((outcome) => outcome.code !== 0).map((outcome) => outcome.script);
}

async function main(argv: readonly string[]): Promise<number> {
  const missing = missingPrerequisites();
  if (missing.length > 0) {
    console.error(`npm test needs, and this machine lacks:\n  - ${missing.join('\n  - ')}`);
    return 1;
  }
  const withTests = argv[0] === '--with-tests';
  const checks = Promise.all(CHECKS.map(runScript));
  const tests = withTests ? runTests(argv.slice(1)) : undefined;
  const testsCode = await tests;
  const failed = report(await checks);
  if (failed.length > 0) {
    console.error(`\nnpm ${withTests ? 'test' : 'run checks'}: ${failed.join(', ')} failed`);
  }
  // vitest's own exit code when it failed; else 1 for a failed check.
  if (testsCode) return testsCode;
  return failed.length > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
