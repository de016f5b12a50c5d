import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { BuildOptions, Message, Metafile } from 'esbuild';
import { REPO_ROOT } from '../paths';

// Files a deployed handler reaches by a static import but that Lambda never runs, each replaced in the
// bundle by a module whose exports throw, so that if one ever were called it would say so instead of
// answering differently. Deployed bundles only (bundleHandlersSync): tsx, the tests and the local stack
// run the packages whole. Each entry states the one condition under which its file runs and why it
// never holds for our handlers in Lambda; tests/infra/handler-bundles.test.ts holds those reasons (a
// bundled client still works end to end, and what our code would have to set to reach one is set
// nowhere). The build stops if a file is gone or exports other names than its stub (an upgrade moved
// or changed it: read the new code before putting the entry back).

const NODE_MODULES = join(REPO_ROOT, 'node_modules');
const SMITHY = '@smithy/core/dist-es/submodules';

export interface LeftOut {
  /** The file, from node_modules: `<package>/<path in the package>`. */
  file: string;
  /**
   * Its exports, each a function that throws (classes too: `new` on it throws). For CommonJS,
   * `module.exports`' keys, or `'function'` when `module.exports` is itself a function.
   */
  exports: readonly string[] | 'function';
  format: 'esm' | 'cjs';
  /** When the package would run it, and why that never happens here. */
  why: string;
  /** Left out only of bundles without S3's client (bundleHandlersSync builds those with it again). */
  withoutS3?: true;
  /**
   * A module of ours (from the repository's root) in its place, for a file that does run but whose
   * answer in Lambda is known: it gives that answer, and throws where the file would answer otherwise.
   */
  standIn?: string;
}

export const LEFT_OUT: readonly LeftOut[] = [
  {
    file: `${SMITHY}/checksum/sha256/Sha256Js.js`,
    exports: ['Sha256Js'],
    format: 'esm',
    why:
      "Sha256Node (every client's sha256) falls back to this JavaScript SHA-256 only when node:crypto " +
      'cannot create a sha256 hash, which Node always can.',
  },
  {
    file: `${SMITHY}/retry/util-retry/AdaptiveRetryStrategy.js`,
    exports: ['AdaptiveRetryStrategy'],
    format: 'esm',
    why:
      'resolveRetryConfig builds it (and its DefaultRateLimiter) only for the retry mode "adaptive": a ' +
      "client's retryMode, AWS_RETRY_MODE or a shared config file's retry_mode. None is set, and the " +
      'defaults modes all say "standard".',
  },
  {
    file: `${SMITHY}/config/config-resolver/regionConfig/getInstanceMetadataRegion.js`,
    exports: ['getInstanceMetadataRegion'],
    format: 'esm',
    why:
      "Asks EC2's instance metadata for the region when neither the client nor AWS_REGION gives one, or " +
      'for defaults mode "auto" without AWS_EXECUTION_ENV: every client is given its region, and Lambda ' +
      'always sets AWS_REGION and AWS_EXECUTION_ENV.',
  },
  {
    file: `${SMITHY}/serde/util-stream/sdk-stream-mixin.browser.js`,
    exports: ['sdkStreamMixin'],
    format: 'esm',
    why:
      "The Node mixin hands a body to this one only when it is not a Node Readable; the clients' " +
      "NodeHttpHandler (and the container credentials' request) always answer with one.",
  },
  {
    file: `${SMITHY}/endpoints/middleware-endpoint/service-customizations/s3.js`,
    exports: [
      'DOT_PATTERN',
      'S3_HOSTNAME_PATTERN',
      'isArnBucketName',
      'isDnsCompatibleBucketName',
      'resolveParamsForS3',
    ],
    format: 'esm',
    why: "S3's endpoint parameters, worked out only for a client whose service is S3.",
    withoutS3: true,
  },
  {
    file: `${SMITHY}/config/shared-ini-file-loader/loadSharedConfigFiles.js`,
    exports: ['CONFIG_PREFIX_SEPARATOR', 'loadSharedConfigFiles'],
    format: 'esm',
    why:
      'Reads ~/.aws/config and ~/.aws/credentials (or the files AWS_CONFIG_FILE and ' +
      'AWS_SHARED_CREDENTIALS_FILE name) for settings no environment variable gives; in Lambda neither ' +
      'file exists, and the SDK then answers both as empty.',
    standIn: 'infra/functions/shared-config-files.ts',
  },
  {
    file: 'nunjucks/src/compiler.js',
    exports: ['compile', 'Compiler'],
    format: 'cjs',
    why:
      'A Template compiles only when given template text; the page loader (shared/pages/render.ts) ' +
      'gives every template compiled by the build (pages-files/templates.cjs).',
  },
  {
    file: 'nunjucks/src/loaders.js',
    exports: ['FileSystemLoader', 'PrecompiledLoader', 'NodeResolveLoader'],
    format: 'cjs',
    why:
      "Read by an Environment given no loader, or in a browser's window.nunjucksPrecompiled: " +
      'render.ts gives its own loader.',
  },
  {
    file: 'nunjucks/src/express-app.js',
    exports: 'function',
    format: 'cjs',
    why: 'Runs only for Environment.express(app), which nothing calls.',
  },
];

/**
 * What a left-out file's exports do if ever called (or its stand-in): one function for all, which
 * throws naming the file; why it is left out is here, not in every bundle.
 */
function stubSource({ file, exports, format, standIn }: LeftOut): string {
  if (standIn) return `export * from ${JSON.stringify(join(REPO_ROOT, standIn))};`;
  const short = file.replace(/^((?:@[^/]+\/)?[^/]+)\/.*\/([^/]+)$/, '$1/.../$2');
  const message = `${short} is left out of deployed bundles (infra/functions/left-out.ts)`;
  const thrower = `function leftOut() { throw new Error(${JSON.stringify(message)}); }`;
  if (exports === 'function') return `module.exports = ${thrower};`;
  if (format === 'cjs')
    return `${thrower}\nmodule.exports = { ${exports.map((name) => `${name}: leftOut`).join(', ')} };`;
  return `${thrower}\nexport { ${exports.map((name) => `leftOut as ${name}`).join(', ')} };`;
}

/** The names an ES module of the SDK exports (its `dist-es` files declare them in these two forms). */
export function esmExportNames(source: string): string[] {
  const names = [...source.matchAll(/^export (?:async )?(?:const|let|var|class|function\*?) ([\w$]+)/gm)].map(
    (match) => match[1]!,
  );
  for (const [, list] of source.matchAll(/^export \{([^}]*)\}/gm)) {
    for (const item of list!
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)) {
      names.push(item.split(/\s+as\s+/).at(-1)!);
    }
  }
  if (/^export (\*|default)/m.test(source)) names.push('(export * or default)');
  return names.sort();
}

function realExports(entry: LeftOut, path: string): readonly string[] | 'function' {
  if (entry.format === 'esm') return esmExportNames(readFileSync(path, 'utf8'));
  const loaded: unknown = createRequire(path)(path);
  return typeof loaded === 'function' ? 'function' : Object.keys(loaded as object).sort();
}

/** A replacement of one file, as the build plugin takes it. */
interface Replacement {
  contents: string;
  loader: 'js' | 'json';
  resolveDir: string;
}

/**
 * The left-out files' stubs by absolute path, after checking each file is still there and still
 * exports what its stub does. Throws, naming the entry, when one is not.
 */
export function leftOutReplacements(
  entries: readonly LeftOut[],
  nodeModules = NODE_MODULES,
): Record<string, Replacement> {
  const replacements: Record<string, Replacement> = {};
  for (const entry of entries) {
    const path = join(nodeModules, entry.file);
    if (!existsSync(path)) {
      throw new Error(`${entry.file} is left out of deployed bundles but no longer exists: ${entry.why}`);
    }
    const real = realExports(entry, path);
    const stub = entry.exports === 'function' ? 'function' : [...entry.exports].sort();
    const standIn = entry.standIn && esmExportNames(readFileSync(join(REPO_ROOT, entry.standIn), 'utf8'));
    if (
      JSON.stringify(real) !== JSON.stringify(stub) ||
      (standIn && JSON.stringify(standIn) !== JSON.stringify(stub))
    ) {
      throw new Error(
        `${entry.file} now exports ${JSON.stringify(real)}, its stub ${JSON.stringify(stub)}: check again ` +
          `that it never runs (${entry.why}) before changing the stub (infra/functions/left-out.ts)`,
      );
    }
    replacements[path] = { contents: stubSource(entry), loader: 'js', resolveDir: dirname(path) };
  }
  return replacements;
}

/**
 * The SDK clients' package.json files as their version alone. Each client's runtime configuration
 * imports its whole package.json (2.3-2.6 KB minified: esbuild keeps every field of a default-imported
 * JSON file) to read `version` for its user agent. `checkVersionReaders` requires, after the build, that
 * every module importing one reads nothing else from it.
 */
export function clientVersionReplacements(nodeModules = NODE_MODULES): Record<string, Replacement> {
  const { dependencies } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const replacements: Record<string, Replacement> = {};
  for (const name of Object.keys(dependencies).filter((dependency) =>
    dependency.startsWith('@aws-sdk/client-'),
  )) {
    const path = join(nodeModules, name, 'package.json');
    const { version } = JSON.parse(readFileSync(path, 'utf8')) as { version: string };
    replacements[path] = { contents: JSON.stringify({ version }), loader: 'json', resolveDir: dirname(path) };
  }
  return replacements;
}

/**
 * Throws unless each module of the build that imports a replaced package.json reads only its
 * `version` (`import packageInfo from "../package.json"`, then `packageInfo.version` only).
 */
export function checkVersionReaders(metafile: Metafile, versionFiles: readonly string[]): void {
  const replaced = new Set(versionFiles);
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    const read = imports.filter((imported) => replaced.has(join(REPO_ROOT, imported.path)));
    if (read.length === 0) continue;
    const source = readFileSync(join(REPO_ROOT, input), 'utf8');
    const binding = /^import (\w+) from "(?:\.\.\/)+package\.json";$/m.exec(source)?.[1];
    const uses = binding ? [...source.matchAll(new RegExp(`\\b${binding}\\b(\\.\\w+)?`, 'g'))] : [];
    // The import line itself, then `.version` every time.
    if (!binding || uses.slice(1).some((use) => use[1] !== '.version')) {
      throw new Error(
        `${input} reads more of its package.json than the version deployed bundles keep of it ` +
          '(infra/functions/left-out.ts, clientVersionReplacements)',
      );
    }
  }
}

/**
 * The build a worker thread runs: esbuild's asynchronous API, with the replacements as a plugin. Then
 * esbuild's process is stopped (with GOGC=off it holds what it allocated) and waited for: `stop()`
 * only signals it, and a process this thread started but did not see end would stay a zombie.
 */
const BUILD_WORKER = `
const { workerData } = require('node:worker_threads');
const childProcess = require('node:child_process');
const { esbuildPath, options, replacements, filter, signal, port } = workerData;
const spawn = childProcess.spawn;
const started = [];
childProcess.spawn = (...args) => {
  const child = spawn(...args);
  started.push(child);
  return child;
};
const ended = (child) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => {
        child.ref();
        child.once('exit', resolve);
      });
const esbuild = require(esbuildPath);
const leftOut = {
  name: 'left-out',
  setup(build) {
    build.onLoad({ filter: new RegExp(filter) }, (args) => replacements[args.path]);
  },
};
esbuild
  .build({ ...options, plugins: [leftOut] })
  .then(
    (result) => ({ errors: result.errors, warnings: result.warnings, metafile: result.metafile }),
    (error) => ({ failure: (error && error.message) || String(error) }),
  )
  .then(async (message) => {
    await esbuild.stop();
    await Promise.all(started.map(ended));
    port.postMessage(message);
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
`;

/** How long the calling thread waits for a build before giving up on it. */
const BUILD_TIMEOUT_MS = 20 * 60_000;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * esbuild's build with the replacements, synchronously: esbuild's synchronous API takes no plugins,
 * and the CDK constructs bundle synchronously. The build runs in a worker thread (esbuild's
 * asynchronous API, which takes them) while this thread waits; the worker's environment is this
 * thread's at the call (so a GOGC set for the build reaches esbuild's process).
 */
export function buildWithReplacementsSync(
  options: BuildOptions,
  replacements: Record<string, Replacement>,
): { errors: Message[]; warnings: Message[]; metafile: Metafile } {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const paths = Object.keys(replacements);
  const worker = new Worker(BUILD_WORKER, {
    eval: true,
    workerData: {
      esbuildPath: createRequire(import.meta.url).resolve('esbuild'),
      options,
      replacements,
      // A pattern that matches nothing when there is nothing to replace.
      filter: paths.length > 0 ? `^(?:${paths.map(escapeRegExp).join('|')})$` : '^$a',
      signal,
      port: port2,
    },
    transferList: [port2],
  });
  try {
    if (Atomics.wait(signal, 0, 0, BUILD_TIMEOUT_MS) === 'timed-out') {
      throw new Error(`the handler build did not finish in ${BUILD_TIMEOUT_MS / 60_000} minutes`);
    }
    const message = receiveMessageOnPort(port1)?.message as
      | { failure: string }
      | { errors: Message[]; warnings: Message[]; metafile: Metafile };
    if ('failure' in message) throw new Error(message.failure);
    return message;
  } finally {
    port1.close();
    void worker.terminate();
  }
}
