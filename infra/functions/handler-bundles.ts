import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { BuildOptions } from 'esbuild';
import { ROUTES } from '../../shared/http/route-table';
import { routeAuthFacts } from '../../shared/http/routes';
import { REPO_ROOT } from '../paths';
import { listHandlerFiles } from './handler-files';
import {
  buildWithReplacementsSync,
  checkVersionReaders,
  clientVersionReplacements,
  LEFT_OUT,
  leftOutReplacements,
} from './left-out';

// Every handler of a functions folder bundled by ONE esbuild build (45 entry points, no code
// splitting, so each output stands alone), once per process however many stacks use it: a synth
// used to run 45 separate NodejsFunction bundlings, each starting esbuild and walking the same
// dependency graph again. Each handler's folder (`<name>/index.mjs` + its source map) becomes the
// function's asset, as NodejsFunction's output did. bench/handlers.ts bundles with the same options.

// AWS X-Ray's SDK and other CommonJS dependencies call require(): give the ESM bundle one.
const REQUIRE_SHIM =
  "import { createRequire } from 'node:module';const require = createRequire(import.meta.url);";

const COMMONS = '@aws-lambda-powertools/commons';

/**
 * Every entry point of the Powertools commons the logger uses, as aliases to its ESM files.
 * `@aws-lambda-powertools/idempotency` 2.35 depends on commons 2.35 and the logger 2.36 on 2.36, so a
 * handler with both carried two copies (4 KB). 2.36's code is 2.35's with one module added
 * (`InvocationScoped`) and its version string, so both packages run on the newer copy; the one
 * difference is the Powertools version the idempotency client's user agent names (2.36.0). The paths
 * are found from where the logger resolves commons, so a reinstall that moves it still builds.
 */
export function commonsAliases(): Record<string, string> {
  const logger = createRequire(join(REPO_ROOT, 'package.json')).resolve('@aws-lambda-powertools/logger');
  let dir = dirname(createRequire(logger).resolve(COMMONS));
  while (!existsSync(join(dir, 'package.json')) || basename(dir) !== 'commons') dir = dirname(dir);
  const { exports } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    exports: Record<string, { import: string | { default: string } }>;
  };
  return Object.fromEntries(
    Object.entries(exports).map(([subpath, { import: esm }]) => [
      join(COMMONS, subpath),
      join(dir, typeof esm === 'string' ? esm : esm.default),
    ]),
  );
}

/**
 * How a handler is bundled for Lambda: ESM for Node 24, minified, everything bundled. Without
 * `keepNames` (NodejsFunction's default keeps them, about 6% of every bundle): nothing deployed reads
 * a class's or function's own name; each error class states its `name` (what Step Functions' Catch
 * and Retry and our error mapping match), which tests/infra/handler-bundles.test.ts holds.
 */
export const HANDLER_BUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  mainFields: ['module', 'main'],
  minify: true,
  keepNames: false,
  sourcemap: true,
  sourcesContent: false,
  splitting: false,
  banner: { js: REQUIRE_SHIM },
  outExtension: { '.js': '.mjs' },
  // Lambda gives the role's credentials in the environment: see lambda-credentials.ts. The SDK's
  // endpoint discovery cache, which DynamoDB's client builds and never fills: see lru-cache.ts. One
  // Powertools commons for the logger and idempotency: see commonsAliases. nunjucks' runtime from its
  // sources, not its slim browser build (a webpack bundle esbuild cannot prune, with a browser copy of
  // `events` and the web loaders): render.ts uses only its Environment, and the compiler, loaders and
  // express glue that environment.js requires are left out (left-out.ts).
  alias: {
    '@aws-sdk/credential-provider-node': join(REPO_ROOT, 'infra/functions/lambda-credentials.ts'),
    'mnemonist/lru-cache': join(REPO_ROOT, 'infra/functions/lru-cache.ts'),
    'nunjucks/browser/nunjucks-slim.js': createRequire(join(REPO_ROOT, 'package.json')).resolve(
      'nunjucks/src/environment.js',
    ),
    ...commonsAliases(),
  },
  absWorkingDir: REPO_ROOT,
  logLevel: 'warning',
} satisfies BuildOptions;

/**
 * The entry a handler is bundled from. A handler the route table routes to is bundled from a generated
 * entry that gives shared/http/routes.ts the authentication facts of its own routes, then re-exports the
 * handler: the whole table's facts would be 8 KB of every HTTP bundle. The entry is written beside the
 * bundles (not inside a function's folder, which is its asset), at the same depth every time, so the
 * source maps and the asset hashes do not depend on the scratch folder's name.
 */
function entryOf(entry: { name: string; path: string }, outdir: string): string {
  const routes = ROUTES.filter((route) => route.handler === entry.name);
  if (routes.length === 0) return entry.path;
  const dir = join(outdir, '.entries');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${entry.name}.ts`);
  writeFileSync(
    file,
    [
      `import { useRouteAuth } from ${JSON.stringify(join(REPO_ROOT, 'shared/http/routes.ts'))};`,
      `useRouteAuth(${JSON.stringify(routeAuthFacts(routes))});`,
      `export * from ${JSON.stringify(entry.path)};`,
      '',
    ].join('\n'),
  );
  return file;
}

/**
 * Every AWS client's protocol reaches the SDK's event stream code (about 15 KB minified) through one
 * dynamic import (`HttpProtocol.loadEventStreamCapability`, run only for an operation with an event
 * stream member). Only S3's client imports it statically, for its own configuration; the DynamoDB, Step
 * Functions, SES and Cognito operations have no event streams, so in a bundle without S3 that import
 * can never run and is left out (external). A bundle that does import it statically is built again with
 * it inside: see `bundleHandlersSync`.
 */
export const EVENT_STREAMS = '@smithy/core/event-streams';

/**
 * Bundles the given handlers into `outdir/<name>/index.mjs`: one build with the SDK's event stream
 * code left out, then the handlers that import it statically (S3's client) again with it bundled, so
 * no deployed bundle imports a package at run time (Lambda has no node_modules beside the bundle).
 * Both builds leave out the files Lambda never runs (left-out.ts); S3's endpoint customisation only
 * in the first.
 */
export function bundleHandlersSync(
  entries: readonly { name: string; path: string }[],
  outdir: string,
  extra: BuildOptions = {},
) {
  return withGoCollectorOff(() => bundleInTwoBuilds(entries, outdir, extra));
}

/**
 * Runs the builds in an esbuild process started with Go's collector off (`GOGC=off`), stopped after.
 * All 95 handlers in one build: 12.1-13.0 s of esbuild's CPU instead of 18.1-19.0 s with the default
 * collector (GOGC=400: 15.4 s; a 2 GiB memory limit: 23.4 s), for a peak of 3.9 GB instead of 3.2-3.4 GB
 * (docs/decisions.md, "The test files that start processes"). The output is the same bytes. Each build
 * runs in a worker thread that starts esbuild's process with a copy of this environment and stops it
 * when done (left-out.ts, buildWithReplacementsSync). A GOGC the caller set wins.
 */
function withGoCollectorOff<T>(build: () => T): T {
  const before = process.env.GOGC;
  process.env.GOGC = before ?? 'off';
  try {
    return build();
  } finally {
    if (before === undefined) delete process.env.GOGC;
  }
}

function bundleInTwoBuilds(
  entries: readonly { name: string; path: string }[],
  outdir: string,
  extra: BuildOptions,
) {
  const versions = clientVersionReplacements();
  const build = (
    some: readonly { name: string; path: string }[],
    external: string[],
    leftOut: typeof LEFT_OUT,
  ) =>
    buildWithReplacementsSync(
      {
        ...HANDLER_BUILD_OPTIONS,
        ...extra,
        metafile: true,
        external,
        entryPoints: some.map((entry) => ({ in: entryOf(entry, outdir), out: `${entry.name}/index` })),
        outdir,
      },
      { ...leftOutReplacements(leftOut), ...versions },
    );
  const first = build(entries, [EVENT_STREAMS], LEFT_OUT);
  // Built again: bundles that import the event stream code statically, and those with S3's client
  // (its endpoint customisation is left out of the first build).
  const again = new Set(
    Object.entries(first.metafile.outputs)
      .filter(
        ([, output]) =>
          output.imports.some(
            (imported) => imported.path === EVENT_STREAMS && imported.kind !== 'dynamic-import',
          ) || Object.keys(output.inputs).some((input) => input.includes('node_modules/@aws-sdk/client-s3/')),
      )
      .map(([file]) => basename(dirname(file))),
  );
  const rebuilt = entries.filter((entry) => again.has(entry.name));
  const second =
    rebuilt.length > 0
      ? build(
          rebuilt,
          [],
          LEFT_OUT.filter((entry) => !entry.withoutS3),
        )
      : undefined;
  // One metafile for the caller: the rebuilt bundles' outputs in place of the first build's.
  const outputs = Object.fromEntries(
    Object.entries(first.metafile.outputs).filter(([file]) => !again.has(basename(dirname(file)))),
  );
  const metafile = {
    inputs: { ...first.metafile.inputs, ...second?.metafile.inputs },
    outputs: { ...outputs, ...second?.metafile.outputs },
  };
  checkVersionReaders(metafile, Object.keys(versions));
  return {
    errors: [...first.errors, ...(second?.errors ?? [])],
    warnings: [...first.warnings, ...(second?.warnings ?? [])],
    metafile,
  };
}

const built = new Map<string, string>();
const finished = new Set<string>();

/**
 * The folder holding a handler's bundle, built with all its siblings on first use in this process.
 * `afterBundling` (shell commands given the project root and the folder) runs once per folder.
 */
export function handlerBundleDir(
  entry: string,
  afterBundling?: (inputDir: string, outputDir: string) => string[],
): string {
  const functionsDir = dirname(entry);
  let outdir = built.get(functionsDir);
  if (!outdir) {
    outdir = mkdtempSync(join(tmpdir(), 'sfw-handlers-'));
    // The synth copies each folder into its cloud assembly: the build itself is scratch.
    if (built.size === 0) process.once('exit', removeHandlerBundles);
    bundleHandlersSync(listHandlerFiles(functionsDir), outdir);
    built.set(functionsDir, outdir);
  }
  const dir = join(outdir, basename(entry, '.ts'));
  if (afterBundling && !finished.has(dir)) {
    for (const command of afterBundling(REPO_ROOT, dir)) execFileSync('bash', ['-c', command]);
    finished.add(dir);
  }
  return dir;
}

/**
 * Removes the bundles this process built, so a later call builds them again. Runs as the process exits;
 * a test file calls it when done, as a test worker may be ended without Node's `exit` event.
 */
export function removeHandlerBundles(): void {
  process.off('exit', removeHandlerBundles);
  for (const dir of built.values()) rmSync(dir, { recursive: true, force: true });
  built.clear();
  finished.clear();
}
