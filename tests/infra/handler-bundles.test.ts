import { type ExecFileOptions, execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSync, type Metafile } from 'esbuild';
import {
  bundleHandlersSync,
  commonsAliases,
  EVENT_STREAMS,
  HANDLER_BUILD_OPTIONS,
} from '../../infra/functions/handler-bundles';
import { pageFilesCommands } from '../../infra/functions/handlers';
import { removeCompiledTemplates } from '../../infra/functions/page-templates';
import { defaultProvider } from '../../infra/functions/lambda-credentials';
import {
  checkVersionReaders,
  esmExportNames,
  LEFT_OUT,
  type LeftOut,
  leftOutReplacements,
} from '../../infra/functions/left-out';
import * as sharedConfigFiles from '../../infra/functions/shared-config-files';
import LRUCache from '../../infra/functions/lru-cache';
import { REPO_ROOT } from '../../infra/paths';
import { unmarkedConstants } from '../../local/codemods/pure-schemas';
import { createTestTables, type TestTables } from '../support/tables';

// A handler bundled exactly as the CDK app bundles it, run in a fresh Node process the way Lambda
// runs it: its role's credentials in the environment and nothing else (no ~/.aws).

const run = promisify(execFile);
/** Imports a built bundle as `bundle` in a fresh Node process and runs `script` beside it. */
const inFreshNode = (file: string, script: string, options: ExecFileOptions) =>
  run(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const bundle = await import(${JSON.stringify(pathToFileURL(file).href)});${script}`,
    ],
    { ...options, encoding: 'utf8' },
  );
/** What Lambda's Node runtime sets that the SDK reads, with the role's credentials and the probe's table. */
const lambdaEnvironment = (extra: Record<string, string> = {}) => ({
  PATH: process.env.PATH ?? '',
  HOME: home,
  AWS_REGION: 'eu-west-2',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_SESSION_TOKEN: 'session',
  AWS_ENDPOINT_URL_DYNAMODB: tables.endpoint,
  TABLE_NAME: tables.tableName,
  ...extra,
});
const PROBE = join(import.meta.dirname, 'fixtures/bundle-probe/put-item.ts');
const SDK_DEFAULTS_PROBE = join(import.meta.dirname, 'fixtures/bundle-probe/put-item-sdk-defaults.ts');
const FIELD_ERRORS = join(import.meta.dirname, 'fixtures/bundle-probe/field-errors.ts');
const RENDER_PAGE = join(import.meta.dirname, 'fixtures/bundle-probe/render-page.ts');
const PRESIGN = join(import.meta.dirname, 'fixtures/bundle-probe/presign-download.ts');
let outdir: string;
let probeMeta: Metafile;
let home: string;
let tables: TestTables;

beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), 'sfw-bundle-probe-'));
  home = mkdtempSync(join(tmpdir(), 'sfw-bundle-home-'));
  // Built together, as the CDK app builds every handler at once: one without S3, one with it.
  probeMeta = bundleHandlersSync(
    [
      { name: 'put-item', path: PROBE },
      { name: 'put-item-sdk-defaults', path: SDK_DEFAULTS_PROBE },
      { name: 'presign-download', path: PRESIGN },
    ],
    outdir,
  ).metafile;
  tables = await createTestTables('bundle-probe');
});

afterAll(async () => {
  await tables?.drop();
  for (const dir of [outdir, home]) if (dir) rmSync(dir, { recursive: true, force: true });
  // The page files' compiled templates (pageFilesCommands): a worker may end without Node's exit event.
  removeCompiledTemplates();
});

describe('handler bundles', () => {
  it('writes <name>/index.mjs with its source map, without the SDK credential chain Lambda never uses', () => {
    // Arrange
    const bundle = join(outdir, 'put-item/index.mjs');
    // Act
    const code = readFileSync(bundle, 'utf8');
    // Assess
    expect(existsSync(`${bundle}.map`)).toBe(true);
    expect(code).not.toMatch(/STSClient|SSOOIDCClient|fromIni/);
  });

  it('signs its requests with the credentials Lambda puts in the environment', async () => {
    // Act
    const result = await inFreshNode(
      join(outdir, 'put-item/index.mjs'),
      `process.stdout.write(await bundle.handler({ id: 'probe-1' }));`,
      { env: lambdaEnvironment() },
    );
    // Assess
    expect(result.stdout).toBe('stored');
    const stored = await tables.db.client.send(
      new GetCommand({ TableName: tables.tableName, Key: { pk: 'probe-1', sk: 'probe' } }),
    );
    expect(stored.Item).toEqual({ pk: 'probe-1', sk: 'probe' });
  });
});

describe("the SDK's event stream code", () => {
  const output = (name: string) =>
    probeMeta.outputs[Object.keys(probeMeta.outputs).find((file) => file.endsWith(`${name}/index.mjs`))!]!;
  const carries = (name: string) =>
    Object.entries(output(name).inputs).some(
      ([input, { bytesInOutput }]) => input.includes('/submodules/event-streams/') && bytesInOutput > 0,
    );

  it('is left out of a bundle without S3, where only a dynamic import that never runs names it', () => {
    // Act
    const imports = output('put-item').imports.filter((imported) => imported.path === EVENT_STREAMS);
    // Assess
    expect(carries('put-item')).toBe(false);
    expect(imports).toEqual([{ path: EVENT_STREAMS, kind: 'dynamic-import', external: true }]);
  });

  it("is inside a bundle with S3's client, which loads and signs without any package beside it", async () => {
    // Act
    const result = await inFreshNode(
      join(outdir, 'presign-download/index.mjs'),
      `process.stdout.write(await bundle.handler({ key: 'cases/probe/1' }));`,
      {
        cwd: home,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: home,
          AWS_REGION: 'eu-west-2',
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          DOCUMENTS_BUCKET: 'probe-bucket',
        },
      },
    );
    // Assess
    expect(carries('presign-download')).toBe(true);
    expect(output('presign-download').imports.filter((imported) => imported.external)).not.toContainEqual(
      expect.objectContaining({ path: EVENT_STREAMS }),
    );
    expect(new URL(result.stdout).pathname).toBe('/cases/probe/1');
    expect(new URL(result.stdout).searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('a handler bundle with zod/mini schemas only', () => {
  // shared/core/schemas is written with zod/mini; classic zod sets zod's English messages when it loads,
  // mini does not, and errors.ts must set them itself for a handler that loads no classic zod.
  it('carries no classic zod and words its field errors as the API always has', async () => {
    // Arrange
    const dir = mkdtempSync(join(tmpdir(), 'sfw-bundle-mini-'));
    const body = { status: 'finished', note: 'x'.repeat(2001), extra: true };
    try {
      const { metafile } = bundleHandlersSync([{ name: 'field-errors', path: FIELD_ERRORS }], dir, {
        metafile: true,
      });
      // Act
      const result = await inFreshNode(
        join(dir, 'field-errors/index.mjs'),
        `process.stdout.write(JSON.stringify(bundle.fieldErrors(${JSON.stringify(body)})));`,
        { env: { PATH: process.env.PATH ?? '' } },
      );
      // Assess
      const output = Object.values(metafile!.outputs).find((file) => file.entryPoint !== undefined)!;
      const inputs = Object.entries(output.inputs)
        .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
        .map(([input]) => input);
      expect(inputs.some((input) => input.includes('node_modules/zod/v4/mini/'))).toBe(true);
      expect(inputs.filter((input) => input.includes('node_modules/zod/v4/classic/'))).toEqual([]);
      const { fieldErrors } = await import(FIELD_ERRORS);
      const expected = fieldErrors(body);
      expect(expected.map((error: { rule: string }) => error.rule)).toEqual([
        'enum',
        'max_length',
        'unknown_field',
      ]);
      expect(expected[1].message).toBe('Too big: expected string to have <=2000 characters');
      expect(JSON.parse(result.stdout)).toEqual(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('an HTTP handler bundle', () => {
  // Its entry gives shared/http/routes.ts the authentication facts of its own routes (the route table's
  // entries naming it), not route-auth.json's every route.
  it("knows its own routes' authentication and no other route", async () => {
    // Arrange
    const dir = mkdtempSync(join(tmpdir(), 'sfw-bundle-routes-'));
    const own = 'POST /v1/cases/{id}/matches/{matchId}';
    const event = (routeKey: string) => ({
      version: '2.0',
      routeKey,
      rawPath: '/v1/cases/x/matches/y',
      headers: {},
      requestContext: { http: { method: 'POST', sourceIp: '203.0.113.9' }, requestId: 'r1' },
      pathParameters: { id: 'x', matchId: 'y' },
      body: '{}',
      isBase64Encoded: false,
    });
    try {
      const { metafile } = bundleHandlersSync(
        [{ name: 'decide-case-match', path: join(REPO_ROOT, 'functions/decide-case-match.ts') }],
        dir,
        { metafile: true },
      );
      // Act: without a token, its own route is a 401 (the route is known and needs a staff token); a
      // route of another handler, which API Gateway never sends it, is unknown to it.
      const result = await inFreshNode(
        join(dir, 'decide-case-match/index.mjs'),
        'const context = { awsRequestId: "r1", getRemainingTimeInMillis: () => 1000 };' +
          `const own = await bundle.handler(${JSON.stringify(event(own))}, context);` +
          `const other = await bundle.handler(${JSON.stringify(event('POST /v1/referrals'))}, context);` +
          'process.stdout.write(`\\n${JSON.stringify([own.statusCode, other.statusCode])}`);',
        { env: { PATH: process.env.PATH ?? '', AWS_REGION: 'eu-west-2' } },
      );
      // Assess
      const inputs = Object.values(metafile!.outputs).flatMap((output) => Object.keys(output.inputs));
      expect(inputs.filter((input) => input.endsWith('route-auth.json'))).toEqual([]);
      expect(readFileSync(join(dir, 'decide-case-match/index.mjs'), 'utf8')).toContain(
        '"/v1/cases/{id}/matches/{matchId}"',
      );
      expect(JSON.parse(result.stdout.trim().split('\n').at(-1)!)).toEqual([401, 404]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a page handler bundle', () => {
  // The build compiles every template into pages-files/templates.cjs and the bundle carries nunjucks'
  // runtime only; from source each template is compiled on first use. Both must give the same page.
  it("carries nunjucks' runtime without its compiler and renders every page as the source does", async () => {
    // Arrange
    const dir = mkdtempSync(join(tmpdir(), 'sfw-bundle-pages-'));
    const names = readdirSync(join(REPO_ROOT, 'shared/pages/templates'))
      .filter((file) => file.endsWith('.njk'))
      .map((file) => file.slice(0, -'.njk'.length));
    const data = {
      user: { id: 'staff-1', role: 'head-of-service' },
      errors: { summary: [{ text: 'Enter a <name>', href: '#name' }] },
      csrfToken: 'token',
      title: 'A title with <b>markup</b>',
      sections: [],
    };
    try {
      const { metafile } = bundleHandlersSync([{ name: 'render-page', path: RENDER_PAGE }], dir, {
        metafile: true,
      });
      for (const command of pageFilesCommands(REPO_ROOT, join(dir, 'render-page'))) {
        await run('bash', ['-c', command]);
      }
      // Act
      const result = await inFreshNode(
        join(dir, 'render-page/index.mjs'),
        `const pages = ${JSON.stringify(names)}.map((name) => { try { return bundle.renderPage(name, ${JSON.stringify(data)}); } catch { return null; } });` +
          'process.stdout.write(JSON.stringify(pages));',
        { env: { PATH: process.env.PATH ?? '' }, maxBuffer: 64 * 1024 * 1024 },
      );
      // Assess
      // The runtime from nunjucks' sources: no lexer, parser or compiler, no slim browser build, and
      // the compiler, loaders and express glue environment.js requires only as their stubs.
      const carried = Object.values(metafile!.outputs).flatMap((output) =>
        Object.entries(output.inputs)
          .filter(([input]) => input.includes('node_modules/nunjucks/'))
          .map(
            ([input, { bytesInOutput }]) =>
              [input.replace(/.*node_modules\/nunjucks\//, ''), bytesInOutput] as const,
          ),
      );
      const files = carried.map(([file]) => file);
      expect(files).toContain('src/environment.js');
      expect(
        files.filter((file) => /browser\/|src\/(lexer|parser|nodes|transformer)\.js/.test(file)),
      ).toEqual([]);
      for (const stubbed of ['src/compiler.js', 'src/loaders.js', 'src/express-app.js']) {
        expect(carried.find(([file]) => file === stubbed)?.[1]).toBeLessThan(400);
      }
      const { renderPage } = await import(RENDER_PAGE);
      const expected = names.map((name) => {
        try {
          return renderPage(name, data) as string;
        } catch {
          return null;
        }
      });
      // Most pages render from this data alone: the comparison covers GOV.UK's layout and components.
      expect(expected.filter((page) => page !== null).length).toBeGreaterThan(names.length * 0.8);
      expect(expected.find((page) => page?.includes('govuk-error-summary__list'))).toContain(
        'Enter a &lt;name&gt;',
      );
      expect(JSON.parse(result.stdout)).toEqual(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The deployed code's TypeScript sources (shared/ and functions/), tests left out. */
function deployedSources(): { file: string; text: string }[] {
  return ['shared', 'functions'].flatMap((folder) =>
    readdirSync(join(REPO_ROOT, folder), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts'))
      .map((file) => ({
        file: `${folder}/${file}`,
        text: readFileSync(join(REPO_ROOT, folder, file), 'utf8'),
      })),
  );
}

describe('handler bundles without kept names', () => {
  // The minifier renames classes and functions (keepNames off): safe while nothing depends on them.
  const sources = deployedSources();

  it('are built without keepNames', () => {
    expect(HANDLER_BUILD_OPTIONS.keepNames).toBe(false);
  });

  it('never read a class or function name at run time', () => {
    // Act
    const readers = sources.filter(({ text }) => /constructor\.name|new\.target\.name/.test(text));
    // Assess
    expect(readers.map(({ file }) => file)).toEqual([]);
  });

  it('give every error class its name in a string, or inherit one of ours that does', () => {
    // Arrange: each `class X extends Y` whose chain reaches Error, with its body up to the next class.
    const classes = sources.flatMap(({ file, text }) =>
      [...text.matchAll(/class (\w+) extends (\w+)[^{]*\{([\s\S]*?)(?=\nexport |\nclass |$)/g)].map(
        ([, name, base, body]) => ({ file, name: name!, base: base!, body: body! }),
      ),
    );
    const byName = new Map(classes.map((entry) => [entry.name, entry]));
    const isError = (name: string): boolean =>
      name === 'Error' || (byName.has(name) && isError(byName.get(name)!.base));
    const errors = classes.filter((entry) => isError(entry.base));
    // Act
    const unnamed = errors.filter(
      (entry) => !entry.body.includes(`this.name = '${entry.name}'`) && !byName.has(entry.base),
    );
    const misnamed = errors.filter(
      (entry) => /this\.name = '/.test(entry.body) && !entry.body.includes(`this.name = '${entry.name}'`),
    );
    // Assess
    expect(errors.length).toBeGreaterThan(20);
    expect(unnamed.map(({ file, name }) => `${file}: ${name}`)).toEqual([]);
    expect(misnamed.map(({ file, name }) => `${file}: ${name}`)).toEqual([]);
  });
});

describe('handler bundles tree-shaken as free of side effects', () => {
  // package.json says `"sideEffects": false`, so esbuild drops any file of ours whose exports a
  // handler does not use: a module imported only for what it does at load would silently vanish.
  const sources = deployedSources();

  it('are built from a package that declares no side effects', () => {
    // Act
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    // Assess
    expect(manifest.sideEffects).toBe(false);
  });

  it('import nothing for its side effects alone', () => {
    // Act: `import './x'` or `import 'pkg'`, at the start of a line, with no names bound.
    const bare = sources.flatMap(({ file, text }) =>
      [...text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)].map(([, from]) => `${file}: ${from}`),
    );
    // Assess
    expect(sources.length).toBeGreaterThan(100);
    expect(bare).toEqual([]);
  });
});

describe('schema modules a bundle keeps only what it reads from', () => {
  // A module-level constant built by calls is kept, and built at import, whether or not the bundle
  // reads it (a handler's own file reads its own); marked `/* @__PURE__ */` esbuild drops it when nothing reads it. The route table, the
  // OpenAPI generation and the configuration schemas load only in the OpenAPI handlers or at generate time.
  const LEFT_OUT = /^shared\/(http\/route-table\/|http\/openapi|core\/config\/)|\.generated\.ts$/;

  it('mark every constant they build with calls (local/codemods/pure-schemas.ts marks them)', () => {
    // Arrange
    const modules = deployedSources().filter(
      ({ file, text }) =>
        file.startsWith('shared/') && /from 'zod(\/mini)?'/.test(text) && !LEFT_OUT.test(file),
    );
    // Act
    const unmarked = modules.flatMap(({ file, text }) =>
      unmarkedConstants(file, text).map(({ name }) => `${file}: ${name}`),
    );
    // Assess
    expect(modules.length).toBeGreaterThan(40);
    expect(unmarked).toEqual([]);
  });

  it('drop the schemas a handler never reads, with the code that builds them', () => {
    // Arrange
    const dir = mkdtempSync(join(tmpdir(), 'sfw-bundle-pure-'));
    try {
      // Act
      bundleHandlersSync([{ name: 'field-errors', path: FIELD_ERRORS }], dir);
      const code = readFileSync(join(dir, 'field-errors/index.mjs'), 'utf8');
      // Assess: the plan action update's statuses are there; the Family Star's schemas, which the
      // modules it imports declare and it never reads, are not (they were, before the marks).
      expect(code).toContain('"in-progress"');
      expect(code).not.toContain('familyStar');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('files Lambda never runs, left out of deployed bundles', () => {
  // infra/functions/left-out.ts: each file a handler reaches by a static import but Lambda never runs
  // is a stub that throws naming it (or a stand-in giving Lambda's answer). What each entry claims
  // about when its file runs is held here.
  const bundleText = (name: string) => readFileSync(join(outdir, name, 'index.mjs'), 'utf8');
  const stubMessage = (file: string) =>
    `${file.replace(/^((?:@[^/]+\/)?[^/]+)\/.*\/([^/]+)$/, '$1/.../$2')} is left out of deployed bundles`;
  const bytesOf = (name: string, input: string) =>
    probeMeta.outputs[Object.keys(probeMeta.outputs).find((file) => file.endsWith(`${name}/index.mjs`))!]!
      .inputs[input]?.bytesInOutput ?? 0;
  const sdkStubs = LEFT_OUT.filter((entry) => entry.file.startsWith('@smithy/') && !entry.standIn);

  it("are stubs in a bundle with DynamoDB's client; S3's endpoint customisation stays whole beside S3's", () => {
    // Act
    const dynamo = bundleText('put-item');
    const s3 = bundleText('presign-download');
    // Assess
    expect(sdkStubs.length).toBe(5);
    for (const { file, withoutS3 } of sdkStubs) {
      expect(dynamo).toContain(stubMessage(file));
      expect(s3.includes(stubMessage(file))).toBe(!withoutS3);
    }
    const sdk = 'node_modules/@smithy/core/dist-es/submodules';
    expect(bytesOf('put-item', `${sdk}/retry/util-retry/DefaultRateLimiter.js`)).toBe(0);
    expect(bytesOf('put-item', `${sdk}/config/shared-ini-file-loader/parseIni.js`)).toBe(0);
    expect(bytesOf('put-item', 'infra/functions/shared-config-files.ts')).toBeGreaterThan(0);
    expect(
      bytesOf('presign-download', `${sdk}/endpoints/middleware-endpoint/service-customizations/s3.js`),
    ).toBeGreaterThan(500);
  });

  it("keep of each client's package.json its version alone", () => {
    // Arrange
    const manifest = join(REPO_ROOT, 'node_modules/@aws-sdk/client-dynamodb/package.json');
    const { version } = JSON.parse(readFileSync(manifest, 'utf8'));
    // Act
    const bytes = bytesOf('put-item', 'node_modules/@aws-sdk/client-dynamodb/package.json');
    // Assess
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(60);
    expect(bundleText('put-item')).toContain(JSON.stringify(version));
  });

  it("leave a bundled client on the SDK's defaults working, with credentials from the container endpoint", async () => {
    // Arrange: a client given nothing (region, retry mode and the rest from the environment and the
    // SDK's defaults), its credentials from lambda-credentials.ts's fallback, whose response body goes
    // through the SDK's Node stream mixin (the browser one, left out, takes only non-Node streams).
    const asked: string[] = [];
    const server = createServer((request, response) => {
      asked.push(request.url ?? '');
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          AccessKeyId: 'local',
          SecretAccessKey: 'local',
          Token: 'container',
          Expiration: new Date(Date.now() + 3_600_000).toISOString(),
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const env: Record<string, string> = lambdaEnvironment({
        AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${port}/credentials`,
      });
      for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'])
        delete env[name];
      // Act
      const result = await inFreshNode(
        join(outdir, 'put-item-sdk-defaults/index.mjs'),
        `process.stdout.write(await bundle.handler({ id: 'probe-container' }));`,
        { env },
      );
      // Assess
      expect(result.stdout).toBe('stored');
      expect(asked).toContain('/credentials');
      const stored = await tables.db.client.send(
        new GetCommand({ TableName: tables.tableName, Key: { pk: 'probe-container', sk: 'probe' } }),
      );
      expect(stored.Item).toEqual({ pk: 'probe-container', sk: 'probe' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('fail naming what is left out where it would run: the adaptive retry mode, a shared config file', async () => {
    // Arrange
    const withConfig = mkdtempSync(join(tmpdir(), 'sfw-bundle-home-aws-'));
    mkdirSync(join(withConfig, '.aws'));
    writeFileSync(join(withConfig, '.aws/config'), '[default]\nretry_mode = standard\n');
    const put = (env: Record<string, string>) =>
      inFreshNode(
        join(outdir, 'put-item/index.mjs'),
        `process.stdout.write(await bundle.handler({ id: 'probe-refused' }));`,
        { env },
      );
    try {
      // Act: both settled before either is looked at, so the one that fails first is never a
      // rejection nobody handles yet.
      const [adaptive, configFile] = await Promise.allSettled([
        put(lambdaEnvironment({ AWS_RETRY_MODE: 'adaptive' })),
        put(lambdaEnvironment({ HOME: withConfig })),
      ]);
      // Assess
      expect(adaptive).toMatchObject({
        status: 'rejected',
        reason: {
          stderr: expect.stringContaining(
            '@smithy/core/.../AdaptiveRetryStrategy.js is left out of deployed bundles',
          ),
        },
      });
      expect(configFile).toMatchObject({
        status: 'rejected',
        reason: {
          stderr: expect.stringContaining(
            `${join(withConfig, '.aws/config')}: deployed bundles read no AWS config file`,
          ),
        },
      });
    } finally {
      rmSync(withConfig, { recursive: true, force: true });
    }
  });

  it('are reached only through settings that no code or infrastructure of ours gives', () => {
    // Arrange: what would reach a left-out file: a retry or defaults mode, a request handler other
    // than Node's, a shared config file, nunjucks' express glue; and a client built without a region.
    const infra = readdirSync(join(REPO_ROOT, 'infra'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !/functions\/(left-out|shared-config-files)\.ts$/.test(file))
      .map((file) => ({ file: `infra/${file}`, text: readFileSync(join(REPO_ROOT, 'infra', file), 'utf8') }));
    const sources = [...deployedSources(), ...infra];
    const clients = readFileSync(join(REPO_ROOT, 'shared/adapters/aws/clients.ts'), 'utf8');
    // Act
    const setters = sources.filter(({ text }) =>
      /\bretryMode\b|AWS_RETRY_MODE|defaultsMode|AWS_DEFAULTS_MODE|requestHandler|AWS_CONFIG_FILE|AWS_SHARED_CREDENTIALS_FILE|\.express\(/.test(
        text,
      ),
    );
    const built = [
      ...sources
        .map(({ text }) => text)
        .join('\n')
        .matchAll(/new (\w+Client)\(/g),
    ].map((m) => m[1]);
    const givenRegion = [...clients.matchAll(/new (\w+Client)\((?:\s*\{\s*\.\.\.)?\s*baseConfig\(/g)].map(
      (m) => m[1],
    );
    // Assess
    expect(setters.map(({ file }) => file)).toEqual([]);
    expect(givenRegion.length).toBe(5);
    expect(built.sort()).toEqual(givenRegion.sort());
    expect(clients).toMatch(
      /region: optionalEnv\('AWS_REGION'\) \?\? optionalEnv\('AWS_DEFAULT_REGION'\) \?\? DEFAULT_REGION/,
    );
    expect(readFileSync(join(REPO_ROOT, 'shared/pages/render.ts'), 'utf8')).toMatch(
      /new nunjucks\.Environment\(loader as/,
    );
  });

  it('stop the build when a file is gone or exports other names than its stub', () => {
    // Arrange
    const modules = mkdtempSync(join(tmpdir(), 'sfw-left-out-'));
    mkdirSync(join(modules, 'pkg'));
    writeFileSync(join(modules, 'pkg/esm.js'), 'export const a = 1;\nexport { b as c } from "./b";\n');
    writeFileSync(join(modules, 'pkg/cjs.js'), 'module.exports = { x: 1, y: 2 };\n');
    const entry = (file: string, exports: string[], format: LeftOut['format'] = 'esm'): LeftOut => ({
      file,
      exports,
      format,
      why: 'a probe',
    });
    try {
      // Act
      const replace = (entries: LeftOut[]) => () => leftOutReplacements(entries, modules);
      // Assess
      expect(replace([entry('pkg/gone.js', ['a'])])).toThrow(/pkg\/gone\.js is left out .* no longer exists/);
      expect(replace([entry('pkg/esm.js', ['a'])])).toThrow(/now exports \["a","c"\], its stub \["a"\]/);
      expect(replace([entry('pkg/cjs.js', ['x'], 'cjs')])).toThrow(/now exports \["x","y"\]/);
      expect(
        Object.keys(replace([entry('pkg/esm.js', ['c', 'a']), entry('pkg/cjs.js', ['y', 'x'], 'cjs')])()),
      ).toEqual([join(modules, 'pkg/esm.js'), join(modules, 'pkg/cjs.js')]);
      expect(Object.keys(leftOutReplacements(LEFT_OUT))).toHaveLength(LEFT_OUT.length);
      expect(esmExportNames('export default 1;\nexport async function f() {}\n')).toEqual([
        '(export * or default)',
        'f',
      ]);
    } finally {
      rmSync(modules, { recursive: true, force: true });
    }
  });

  it('refuse a client whose modules read more of its package.json than the version', () => {
    // Arrange
    const dir = mkdtempSync(join(tmpdir(), 'sfw-left-out-version-'));
    const manifest = join(dir, 'package.json');
    const reader = (name: string, text: string) => {
      mkdirSync(join(dir, 'dist-es'), { recursive: true });
      writeFileSync(join(dir, 'dist-es', name), text);
      return relative(REPO_ROOT, join(dir, 'dist-es', name));
    };
    const metafileOf = (input: string): Metafile => ({
      inputs: {
        [input]: {
          bytes: 0,
          imports: [
            { path: relative(REPO_ROOT, manifest), kind: 'import-statement', original: '../package.json' },
          ],
        },
      },
      outputs: {},
    });
    const imported = 'import packageInfo from "../package.json";\n';
    try {
      // Act
      const versionOnly = reader(
        'a.js',
        `${imported}export const v = packageInfo.version + packageInfo.version;\n`,
      );
      const more = reader('b.js', `${imported}export const v = packageInfo.version + packageInfo.name;\n`);
      // Assess
      expect(() => checkVersionReaders(metafileOf(versionOnly), [manifest])).not.toThrow();
      expect(() => checkVersionReaders(metafileOf(more), [manifest])).toThrow(
        /reads more of its package\.json/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('shared-config-files', () => {
  // Stands in for the SDK's loadSharedConfigFiles in deployed bundles: empty files where the SDK finds
  // none (always, in Lambda), a refusal where it would read one. The SDK's own, as its clients load it.
  const sdk = createRequire(join(REPO_ROOT, 'node_modules/@aws-sdk/client-dynamodb/package.json'))(
    '@smithy/core/config',
  ) as {
    CONFIG_PREFIX_SEPARATOR: string;
    loadSharedConfigFiles(init: {
      filepath?: string;
      configFilepath?: string;
      ignoreCache?: boolean;
    }): Promise<object>;
  };
  const saved = { ...process.env };
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sfw-shared-config-'));
  });
  afterAll(() => {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });
  const answers = async (init: { filepath?: string; configFilepath?: string } = {}) =>
    Promise.all(
      [
        sdk.loadSharedConfigFiles({ ...init, ignoreCache: true }),
        sharedConfigFiles.loadSharedConfigFiles(init),
      ].map((answer) =>
        answer.then(
          (files) => files,
          (error: Error) => error.message,
        ),
      ),
    );

  it('answers two empty files where the SDK finds none, whichever paths it was given, and refuses a file that exists', async () => {
    // Arrange
    const empty = join(dir, 'empty-home');
    const withFiles = join(dir, 'home');
    mkdirSync(empty);
    mkdirSync(join(withFiles, '.aws'), { recursive: true });
    writeFileSync(join(withFiles, '.aws/config'), '[default]\nretry_mode = adaptive\n');
    writeFileSync(join(dir, 'credentials'), '[default]\nregion = eu-west-1\n');
    delete process.env.AWS_CONFIG_FILE;
    delete process.env.AWS_SHARED_CREDENTIALS_FILE;
    const none = { configFile: {}, credentialsFile: {} };
    // Act
    process.env.HOME = empty;
    const absent = await answers();
    const absentNamed = await answers({ filepath: join(dir, 'missing'), configFilepath: '~/missing' });
    process.env.AWS_CONFIG_FILE = join(dir, 'missing-config');
    const absentFromEnvironment = await answers();
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
    const credentials = await answers();
    delete process.env.AWS_CONFIG_FILE;
    delete process.env.AWS_SHARED_CREDENTIALS_FILE;
    process.env.HOME = withFiles;
    const config = await answers();
    // Assess
    expect(absent).toEqual([none, none]);
    expect(absentNamed).toEqual([none, none]);
    expect(absentFromEnvironment).toEqual([none, none]);
    expect(credentials[0]).toMatchObject({ credentialsFile: { default: { region: 'eu-west-1' } } });
    expect(credentials[1]).toBe(
      `${join(dir, 'credentials')}: deployed bundles read no AWS config file (shared-config-files.ts)`,
    );
    expect(config[0]).toMatchObject({ configFile: { default: { retry_mode: 'adaptive' } } });
    expect(config[1]).toMatch(/\.aws\/config: deployed bundles read no AWS config file/);
    expect(sharedConfigFiles.CONFIG_PREFIX_SEPARATOR).toBe(sdk.CONFIG_PREFIX_SEPARATOR);
  });
});

describe('lambda-credentials', () => {
  const saved = { ...process.env };
  afterAll(() => {
    process.env = saved;
  });

  it('answers the environment credentials, and without them or a container endpoint fails', async () => {
    // Arrange
    for (const name of Object.keys(process.env).filter((key) => key.startsWith('AWS_'))) {
      delete process.env[name];
    }
    process.env.AWS_ACCESS_KEY_ID = 'key';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    process.env.AWS_SESSION_TOKEN = 'token';
    // Act
    const found = await defaultProvider()();
    delete process.env.AWS_ACCESS_KEY_ID;
    const missing = defaultProvider()();
    // Assess
    expect(found).toMatchObject({ accessKeyId: 'key', secretAccessKey: 'secret', sessionToken: 'token' });
    await expect(missing).rejects.toThrow(/AWS_CONTAINER_CREDENTIALS/);
  });
});

describe('lru-cache', () => {
  // The copy the SDK's endpoint cache requires, which the bundles' alias replaces (a dependency of the
  // SDK's, not of ours, so it is required from the endpoint cache's own folder).
  const Mnemonist = createRequire(join(REPO_ROOT, 'node_modules/@aws-sdk/endpoint-cache/package.json'))(
    'mnemonist/lru-cache',
  ) as new (
    capacity: number,
  ) => LRUCache<string, number>;
  // Fewer capacity than keys and long runs of operations, so evictions follow reads often.
  const KEYS = ['{"a":1}', '{"b":2}', '{"c":3}', '{"d":4}', '{"e":5}'];
  const operation = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        op: fc.constant('set' as const),
        key: fc.constantFrom(...KEYS),
        value: fc.integer(),
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        op: fc.constantFrom('get' as const, 'peek' as const, 'has' as const),
        key: fc.constantFrom(...KEYS),
      }),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('clear' as const) }) },
  );

  it("answers every operation endpoint-cache makes as mnemonist's cache does, evicting the same keys", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(operation, { minLength: 20, maxLength: 80 }),
        (capacity, operations) => {
          // Arrange
          const ours = new LRUCache<string, number>(capacity);
          const theirs = new Mnemonist(capacity);
          for (const step of operations) {
            // Act
            const answers = [ours, theirs].map((cache) =>
              step.op === 'set'
                ? cache.set(step.key, step.value)
                : step.op === 'clear'
                  ? cache.clear()
                  : cache[step.op](step.key),
            );
            // Assess
            expect(answers[0]).toEqual(answers[1]);
          }
          expect(KEYS.map((key) => [ours.has(key), ours.peek(key)])).toEqual(
            KEYS.map((key) => [theirs.has(key), theirs.peek(key)]),
          );
          expect(ours.size).toBe(theirs.size);
        },
      ),
      { numRuns: 1000, seed: 21 },
    );
  });

  it('refuses a capacity that is not a positive number, as mnemonist does', () => {
    for (const capacity of [0, -1, '3' as unknown as number]) {
      const theirs = (() => {
        try {
          new Mnemonist(capacity);
          return 'built';
        } catch (error) {
          return (error as Error).message;
        }
      })();
      const ours = (() => {
        try {
          new LRUCache(capacity);
          return 'built';
        } catch (error) {
          return (error as Error).message;
        }
      })();
      expect(ours).toBe(theirs);
    }
  });

  it("replaces mnemonist's cache in a bundle with DynamoDB's client", () => {
    const inputs = Object.keys(
      probeMeta.outputs[Object.keys(probeMeta.outputs).find((file) => file.endsWith('put-item/index.mjs'))!]!
        .inputs,
    );
    expect(inputs.filter((input) => input.includes('node_modules/mnemonist/'))).toEqual([]);
    expect(inputs).toContain('infra/functions/lru-cache.ts');
  });
});

describe('one Powertools commons', () => {
  const COMMONS_FILE = /node_modules\/(?:.*\/)?@aws-lambda-powertools\/commons\/lib\/esm\//;

  it('in a bundle with both the logger and idempotency, at the version the logger brings', () => {
    // Arrange: the idempotency package depends on an older commons than the logger does
    const dir = mkdtempSync(join(tmpdir(), 'sfw-commons-'));
    try {
      const entry = join(dir, 'both.ts');
      writeFileSync(
        entry,
        [
          "import { Logger } from '@aws-lambda-powertools/logger';",
          "import { makeIdempotent } from '@aws-lambda-powertools/idempotency';",
          "import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';",
          'export const handler = makeIdempotent(async () => new Logger().info("x"), {',
          "  persistenceStore: new DynamoDBPersistenceLayer({ tableName: 't' }),",
          '});',
          '',
        ].join('\n'),
      );
      // Act
      const { metafile } = buildSync({
        ...HANDLER_BUILD_OPTIONS,
        entryPoints: [entry],
        outdir: join(dir, 'out'),
        nodePaths: [join(REPO_ROOT, 'node_modules')],
        metafile: true,
        write: false,
      });
      // Assess
      const folders = new Set(
        Object.keys(metafile.inputs)
          .filter((input) => COMMONS_FILE.test(input))
          .map((input) => input.slice(0, input.indexOf('/lib/esm/'))),
      );
      expect([...folders]).toEqual([
        relative(REPO_ROOT, dirname(dirname(dirname(commonsAliases()['@aws-lambda-powertools/commons']!)))),
      ]);
      expect(Object.keys(metafile.inputs).some((input) => input.includes('idempotency/lib/esm/'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('maps every commons entry point the idempotency package imports to a file of that copy', () => {
    const aliases = commonsAliases();
    const sources = readdirSync(join(REPO_ROOT, 'node_modules/@aws-lambda-powertools/idempotency/lib/esm'), {
      recursive: true,
    })
      .filter((file) => String(file).endsWith('.js'))
      .map((file) =>
        readFileSync(
          join(REPO_ROOT, 'node_modules/@aws-lambda-powertools/idempotency/lib/esm', String(file)),
          'utf8',
        ),
      );
    const imported = new Set(
      sources.flatMap((text) =>
        [...text.matchAll(/from '(@aws-lambda-powertools\/commons[^']*)'/g)].map((m) => m[1]!),
      ),
    );
    expect(imported.size).toBeGreaterThan(2);
    for (const path of imported) expect(existsSync(aliases[path] ?? '')).toBe(true);
  });
});
