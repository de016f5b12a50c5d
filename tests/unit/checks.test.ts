import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// `npm test`'s first step (tests/support/checks.ts) on a machine without Java or Chromium: a PATH
// holding only what the test puts there, so the check sees what a fresh machine would.

const ROOT = join(import.meta.dirname, '../..');
const fakeBin = mkdtempSync(join(tmpdir(), 'sfw-fake-path-'));
afterAll(() => rmSync(fakeBin, { recursive: true, force: true }));

function runChecks(env: Record<string, string>) {
  const started = Date.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'tests/support/checks.ts'], {
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
    expect(result.stderr).toContain('sudo apt-get install -y chromium');
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
    expect(result.stderr).toContain('sudo apt-get install -y chromium');
    rmSync(java);
  });
});
