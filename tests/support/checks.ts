import { spawn } from 'node:child_process';
import { missingPrerequisites } from './prerequisites';

// `npm test`'s first step, before `vitest run`: the prerequisites (a missing one stops the run at once
// with the command that installs it), then the static checks side by side instead of one after
// another (each is mostly one process waiting on one core; on 2 cores the five take about as long
// as the type-check alone). Every check runs to its end so one run shows every failure; each one's
// output is printed whole when it ends, so outputs never interleave.

/** The static checks, by their package.json script names, in the order their results are printed. */
export const CHECKS = ['lint', 'typecheck', 'deps', 'unused', 'openapi:lint'] as const;

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

async function main(): Promise<number> {
  const missing = missingPrerequisites();
  if (missing.length > 0) {
    console.error(`npm test needs, and this machine lacks:\n  - ${missing.join('\n  - ')}`);
    return 1;
  }
  const outcomes = await Promise.all(CHECKS.map(runScript));
  for (const outcome of outcomes) {
    const mark = outcome.code === 0 ? 'ok' : `FAILED (exit ${outcome.code})`;
    console.log(`\n> npm run ${outcome.script}: ${mark} in ${outcome.seconds.toFixed(1)} s`);
    const text = outcome.output.trim();
    if (text) console.log(text);
  }
  const failed = outcomes.filter((outcome) => outcome.code !== 0).map((outcome) => outcome.script);
  if (failed.length > 0) {
    console.error(`\nnpm test stopped before the tests: ${failed.join(', ')} failed`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
