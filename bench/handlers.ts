import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Metafile } from 'esbuild';
import { bundleHandlersSync } from '../infra/functions/handler-bundles';
import { FUNCTIONS_DIR, listHandlers } from '../local/stack/handlers';
import { table, writeResult } from './results-file';

// Each handler bundled exactly as the CDK app bundles it (infra/functions/handler-bundles.ts: one
// esbuild build, the same options), its size, and the time a fresh Node process takes to import the
// bundle: the module part of a Lambda cold start. The floor is measured in the same run: a bare
// handler that imports only the DynamoDB document client and makes one PutItem, bundled the same way.
// Imports alternate between the floor and the handlers, round after round, so a noisy machine slows
// both alike; the figure that holds is the ratio. Written to bench/results/handlers.json, with what
// each bundle carries (esbuild's metafile: bytes per package, and per folder of our own code).

const IMPORT_ROUNDS = Number(process.env.BENCH_IMPORT_RUNS ?? 5);
const BARE = 'bare-document-client';
/** How many of a bundle's largest parts the results file names. */
const TOP_PARTS = 12;

const BARE_SOURCE = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = async (event: { id: string }) => {
  await client.send(new PutCommand({ TableName: process.env.TABLE_NAME, Item: { pk: event.id, sk: 'bare' } }));
  return { ok: true };
};
`;

function importMs(bundle: string): number {
  const script = `const t=performance.now();await import(${JSON.stringify(`file://${bundle}`)});process.stdout.write(String(performance.now()-t));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH ?? '', AWS_REGION: 'eu-west-2' },
    encoding: 'utf8',
  });
  return Number(out);
}

/** What one input file counts as: its npm package, or the folder of our own code it sits in. */
function partOf(input: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (pkg) return pkg[1]!;
  const parts = input.split('/');
  return parts.slice(0, parts[0] === 'shared' ? 3 : 2).join('/');
}

/** The largest parts of each bundle, in KB, from the build's metafile. */
function partsOf(metafile: Metafile): Map<string, Record<string, number>> {
  const byHandler = new Map<string, Record<string, number>>();
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (!file.endsWith('index.mjs')) continue;
    const bytes = new Map<string, number>();
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      bytes.set(partOf(input), (bytes.get(partOf(input)) ?? 0) + bytesInOutput);
    }
    const largest = [...bytes].sort((a, b) => b[1] - a[1]).slice(0, TOP_PARTS);
    byHandler.set(
      basename(dirname(file)),
      Object.fromEntries(largest.map(([part, n]) => [part, round1(n / 1024)])),
    );
  }
  return byHandler;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round1 = (x: number) => Math.round(x * 10) / 10;

export async function run() {
  const out = mkdtempSync(join(tmpdir(), 'sfw-bundles-'));
  try {
    const bareSource = join(out, `${BARE}.ts`);
    writeFileSync(bareSource, BARE_SOURCE);
    const entries = [
      ...listHandlers().map((name) => ({ name, path: join(FUNCTIONS_DIR, `${name}.ts`) })),
      { name: BARE, path: bareSource },
    ];
    const started = performance.now();
    // The bare handler lives in the scratch folder: its imports resolve from the project's packages.
    const { metafile } = bundleHandlersSync(entries, out, {
      nodePaths: [join(FUNCTIONS_DIR, '..', 'node_modules')],
      metafile: true,
    });
    const parts = partsOf(metafile!);
    const buildSeconds = round1((performance.now() - started) / 1000);
    const bundleOf = (name: string) => join(out, name, 'index.mjs');
    const times = new Map<string, number[]>(entries.map((entry) => [entry.name, []]));
    for (let round = 0; round < IMPORT_ROUNDS; round += 1) {
      for (const entry of entries) {
        if (entry.name === BARE) continue;
        // The floor before every handler: both see the same moment of the machine's load.
        times.get(BARE)!.push(importMs(bundleOf(BARE)));
        times.get(entry.name)!.push(importMs(bundleOf(entry.name)));
      }
    }
    const bare = { bytes: statSync(bundleOf(BARE)).size, coldImportMs: round1(median(times.get(BARE)!)) };
    const results = entries
      .filter((entry) => entry.name !== BARE)
      .map((entry) => ({
        handler: entry.name,
        bytes: statSync(bundleOf(entry.name)).size,
        coldImportMs: round1(median(times.get(entry.name)!)),
        carries: parts.get(entry.name) ?? {},
      }))
      .sort((a, b) => b.bytes - a.bytes);
    console.log(
      table(
        ['handler', 'bundle KB', 'cold import ms', 'x bare'],
        [...results, { handler: `(floor) ${BARE}`, ...bare }].map((result) => [
          result.handler,
          (result.bytes / 1024).toFixed(1),
          result.coldImportMs,
          (result.coldImportMs / bare.coldImportMs).toFixed(2),
        ]),
      ),
    );
    const summary = {
      handlers: results.length,
      buildSeconds,
      medianKb: round1(median(results.map((r) => r.bytes)) / 1024),
      largestKb: round1(Math.max(...results.map((r) => r.bytes)) / 1024),
      medianColdImportMs: round1(median(results.map((r) => r.coldImportMs))),
      slowestColdImportMs: round1(Math.max(...results.map((r) => r.coldImportMs))),
      bareKb: round1(bare.bytes / 1024),
      bareColdImportMs: bare.coldImportMs,
      medianVsBare: Math.round((median(results.map((r) => r.coldImportMs)) / bare.coldImportMs) * 100) / 100,
    };
    const middle = [...results].sort((a, b) => a.bytes - b.bytes)[Math.floor(results.length / 2)]!;
    console.log(`the median bundle, ${middle.handler}, carries (KB): ${JSON.stringify(middle.carries)}`);
    const file = writeResult('handlers', { importRounds: IMPORT_ROUNDS, summary, bare, handlers: results });
    console.log(`written ${file}`);
    return { summary, handlers: results };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
