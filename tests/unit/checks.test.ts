import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// `npm test` (tests/support/checks.ts --with-tests) on a machine without Java or Chromium: a PATH
// holding only what the test puts there, so the check sees what a fresh machine would. The same PATH
// holds a fake `npm` whose scripts pass or fail as the test says, so the checks' reporting beside a
// real (empty) `vitest run` is tested without running the real checks.

const ROOT = join(import.meta.dirname, '../..');
const fakeBin = mkdtempSync(join(tmpdir(), 'sfw-fake-path-'));
afterAll(() => rmSync(fakeBin, { recursive: true, force: true }));

function runChecks(env: Record<string, string>, args: string[] = []) {
  const started = Date.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'tests/support/checks.ts', ...args], {
    cwd: ROOT,
    env: { HOME: process.env.HOME ?? '/tmp', PATH: fakeBin, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { ...result, seconds: (Date.now() - started) / 1000 };
}

describe('npm test on a machine that lacks a prerequisite', () => {
  it('stops at once, before any check runs, naming the command that installs each missing one', () => {
    // Act: no java on the PATH, no Chromium where it is looked for
    const result = runChecks({ CHROMIUM_PATH: join(fakeBin, 'chromium') });
    // Assess
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('npm test needs, and this machine lacks:');
    expect(result.stderr).toContain('sudo apt-get install -y default-jre-headless');
    expect(result.stderr).toContain(`Chromium at ${join(fakeBin, 'chromium')}`);
    expect(result.stderr).toContain('sudo apt-get install -y chromium-headless-shell');
    expect(result.stdout).not.toContain('npm run lint');
  });

  it('names only what is missing: Java present, Chromium absent', () => {
    // Prepare: a java that answers -version
    const java = join(fakeBin, 'java');
    writeFileSync(java, '#!/bin/sh\necho "openjdk version 21" >&2\n');
    chmodSync(java, 0o755);
    // Act
    const result = runChecks({ CHROMIUM_PATH: join(fakeBin, 'no-chromium') });
    // Assess
    expect(result.status).toBe(1);
    expect(result.stderr).not.toContain('default-jre-headless');
    expect(result.stderr).toContain('sudo apt-get install -y chromium-headless-shell');
    rmSync(java);
  });
});

describe('npm test with every prerequisite there', () => {
  const present = () => {
    const java = join(fakeBin, 'java');
    writeFileSync(java, '#!/bin/sh\necho "openjdk version 21" >&2\n');
    chmodSync(java, 0o755);
    return { CHROMIUM_PATH: java };
  };
  // `npm run --silent <script>`: the script named in FAIL_SCRIPT fails, every other one passes.
  const fakeNpm = () => {
    const npm = join(fakeBin, 'npm');
    writeFileSync(
      npm,
      '#!/bin/sh\nif [ "$3" = "$FAIL_SCRIPT" ]; then echo "$3 found a problem"; exit 2; fi\necho "$3 clean"\n',
    );
    chmodSync(npm, 0o755);
  };

  it('runs the tests beside the checks and reports a failed check after them, exiting 1', () => {
    // Prepare
    fakeNpm();
    // Act: vitest runs with the arguments after --with-tests (a filter matching no file, allowed here)
    const result = runChecks({ ...present(), FAIL_SCRIPT: 'deps' }, [
      '--with-tests',
      'no-such-test-file',
      '--passWithNoTests',
    ]);
    // Assess: vitest ran and passed, then every check's outcome was printed, the failed one named
    expect(result.stdout).toContain('No test files found');
    expect(result.stdout).toContain('> npm run deps: FAILED (exit 2)');
    expect(result.stdout).toContain('deps found a problem');
    expect(result.stdout).toContain('> npm run typecheck: ok');
    expect(result.stdout.indexOf('No test files found')).toBeLessThan(
      result.stdout.indexOf('> npm run lint'),
    );
    expect(result.stderr).toContain('npm test: deps failed');
    expect(result.status).toBe(1);
  });

  it("keeps vitest's failure when every check passes, and exits 0 only when both pass", () => {
    // Prepare
    fakeNpm();
    // Act: without --passWithNoTests vitest fails on a filter matching no file
    const failing = runChecks({ ...present(), FAIL_SCRIPT: 'none' }, ['--with-tests', 'no-such-test-file']);
    const passing = runChecks({ ...present(), FAIL_SCRIPT: 'none' }, [
      '--with-tests',
      'no-such-test-file',
      '--passWithNoTests',
    ]);
    // Assess
    expect(failing.status).toBe(1);
    expect(failing.stdout).toContain('> npm run lint: ok');
    expect(failing.stderr).not.toContain('npm test:');
    expect(passing.status).toBe(0);
  });
});
