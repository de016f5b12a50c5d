import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { FUNCTIONS_DIR, listHandlers } from '../local/stack/handlers';
import { table, writeResult } from './results-file';

// Each handler bundled as the CDK app bundles it (esbuild, ESM, node24, minified, everything bundled,
// with the require shim), its size, and the time a fresh Node process takes to import the bundle:
// the module part of a Lambda cold start. Written to bench/results/handlers.json.

const REQUIRE_SHIM =
  "import { createRequire } from 'node:module';const require = createRequire(import.meta.url);";
const IMPORT_RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3);

function coldImportMs(bundle: string): number {
  const script = `const t=performance.now();await import(${JSON.stringify(`file://${bundle}`)});process.stdout.write(String(performance.now()-t));`;
  const times: number[] = [];
  for (let run = 0; run < IMPORT_RUNS; run += 1) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { PATH: process.env.PATH ?? '', AWS_REGION: 'eu-west-2' },
      encoding: 'utf8',
    });
    times.push(Number(out));
  }
  return Math.round(times.sort((a, b) => a - b)[Math.floor(times.length / 2)]! * 10) / 10;
}

export async function run() {
  const out = mkdtempSync(join(tmpdir(), 'sfw-bundles-'));
  try {
    const results: { handler: string; bytes: number; coldImportMs: number }[] = [];
    for (const name of listHandlers()) {
      const outfile = join(out, `${name}.mjs`);
      await build({
        entryPoints: [join(FUNCTIONS_DIR, `${name}.ts`)],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node24',
        mainFields: ['module', 'main'],
        minify: true,
        banner: { js: REQUIRE_SHIM },
        logLevel: 'error',
      });
      results.push({ handler: name, bytes: statSync(outfile).size, coldImportMs: coldImportMs(outfile) });
    }
    results.sort((a, b) => b.bytes - a.bytes);
    console.log(
      table(
        ['handler', 'bundle KB', 'cold import ms'],
        results.map((result) => [result.handler, (result.bytes / 1024).toFixed(1), result.coldImportMs]),
      ),
    );
    const file = writeResult('handlers', { importRuns: IMPORT_RUNS, handlers: results });
    console.log(`written ${file}`);
    return results;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
