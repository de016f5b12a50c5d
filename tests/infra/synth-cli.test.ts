import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, it } from 'vitest';
import { FUNCTIONS } from '../../infra/functions-manifest';

// `npx cdk synth` exactly as an administrator runs it, on the real folders, offline: the CLI with
// cdk.json's context, template validation and cdk-nag on (an unacknowledged finding fails it).

const run = promisify(execFile);
// One esbuild build bundles every handler (infra/functions/handler-bundles.ts); on a loaded machine
// the synth still takes minutes: the limit guards against a hang, not against slowness (bench/ does).
const root = mkdtempSync(join(tmpdir(), 'sfw-cdk-out-'));
const outdir = join(root, 'synth');

afterAll(() => rmSync(root, { recursive: true, force: true }));

// The two tests run side by side (each `expect` is its own test's): the refusal does not wait out the
// whole synth before starting its own CLI (docs/decisions.md, "Sixth pass").
describe.concurrent('cdk synth', () => {
  it('produces the six stack templates offline, with cdk-nag clean, each far below 500 resources', async ({
    expect,
  }) => {
    // Act: cdk.json has no sender address on purpose (the administrator passes theirs); origins make
    // the API stack its largest (a CORS preflight per browser path).
    const args = [
      'cdk',
      'synth',
      '--quiet',
      '--output',
      outdir,
      '-c',
      'senderAddress=tasks@council.example',
      '-c',
      'allowedOrigins=https://pages.council.example',
    ];
    const result = await run('npx', args, {
      env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' },
      timeout: 480_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    // Assess
    const counts: Record<string, number> = {};
    const types: string[] = [];
    const resourcesOfAll: { Type: string; Metadata?: Record<string, string> }[] = [];
    for (const concern of ['Data', 'Identity', 'ApiHandlers', 'Api', 'Workflows', 'Monitoring']) {
      const templatePath = join(outdir, `SupportingFamilies-dev-${concern}.template.json`);
      expect(existsSync(templatePath), `${concern}: ${result.stderr}`).toBe(true);
      const template = JSON.parse(readFileSync(templatePath, 'utf8'));
      const resources = Object.values(template.Resources as Record<string, { Type: string }>);
      counts[concern] = resources.length;
      types.push(...resources.map((r) => r.Type));
      resourcesOfAll.push(...resources);
    }
    // CloudFormation stops at 500 per stack: keep room for the next features (printed to follow growth).
    console.log(`resources per stack: ${JSON.stringify(counts)}`);
    for (const [concern, count] of Object.entries(counts)) expect(count, concern).toBeLessThanOrEqual(400);
    expect(types).toContain('AWS::DynamoDB::GlobalTable');
    expect(types).toContain('AWS::Cognito::UserPool');
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
    const nagFindings = (report.pluginReports as { pluginName: string; violations: { ruleName: string }[] }[])
      .filter((plugin) => plugin.pluginName === 'AwsSolutions')
      .flatMap((plugin) => plugin.violations.map((v) => v.ruleName));
    expect(nagFindings).toEqual([]);
    // Each function's asset is its own bundle; the page handlers' also carry the compiled templates.
    const functions = resourcesOfAll.filter(
      (r) => r.Type === 'AWS::Lambda::Function' && r.Metadata?.['aws:asset:path'],
    );
    expect(functions.length).toBeGreaterThan(40);
    const assets = functions.map((fn) => join(outdir, fn.Metadata!['aws:asset:path']!));
    expect(assets.filter((dir) => !existsSync(join(dir, 'index.mjs')))).toEqual([]);
    expect(new Set(assets).size).toBe(assets.length);
    const withPages = assets.filter((dir) => existsSync(join(dir, 'pages-files/templates.cjs')));
    expect(withPages.length).toBe(FUNCTIONS.filter((entry) => entry.bundlesPageFiles).length);
  }, 480_000);

  it('stops before building anything when no sender address is given, saying what to pass', async ({
    expect,
  }) => {
    // Act
    const failure = await run('npx', ['cdk', 'synth', '--quiet', '--output', join(root, 'none')], {
      env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' },
      timeout: 240_000,
    }).then(
      () => undefined,
      (error: { stderr?: string }) => error,
    );
    // Assess
    expect(failure?.stderr).toMatch(/context 'senderAddress': required: pass -c senderAddress=/);
  }, 240_000);
});
