import { describe, expect, it } from 'vitest';
import {
  CHROMIUM_CANDIDATES,
  chromiumPath,
  missingPrerequisites,
  type Probes,
} from '../support/prerequisites';

// tests/support/checks.ts (npm test's first step) and tests/support/global-setup.ts stop the run before
// anything starts when one of these is missing.

const probes = (has: { java: boolean; chromium: boolean }): Probes => ({
  runs: (command) => command === 'java' && has.java,
  executable: (path) => path === '/opt/chromium' && has.chromium,
});

describe('missingPrerequisites', () => {
  it('is empty when Java runs and Chromium is there', () => {
    expect(missingPrerequisites(probes({ java: true, chromium: true }), '/opt/chromium')).toEqual([]);
  });

  it('names each missing one with the command that installs it', () => {
    // Act
    const missing = missingPrerequisites(probes({ java: false, chromium: false }), '/opt/chromium');
    // Assess
    expect(missing).toHaveLength(2);
    expect(missing[0]).toContain('sudo apt-get install -y default-jre-headless');
    expect(missing[1]).toContain('Chromium at /opt/chromium');
    expect(missing[1]).toContain('sudo apt-get install -y chromium-headless-shell');
  });

  it("names the project's Node.js 24 when another Node.js runs the tests", () => {
    // Act
    const missing = missingPrerequisites(probes({ java: true, chromium: true }), '/opt/chromium', '22.11.0');
    // Assess
    expect(missing).toHaveLength(1);
    expect(missing[0]).toContain('Node.js 24 (this is 22.11.0)');
    expect(missing[0]).toContain('npm ci');
  });
});

describe('chromiumPath', () => {
  const installed =
    (...paths: string[]) =>
    (path: string) =>
      paths.includes(path);

  it("takes Debian's headless shell when it is installed, beside Chromium or not", () => {
    expect(chromiumPath({}, installed(...CHROMIUM_CANDIDATES))).toBe('/usr/bin/chromium-headless-shell');
    expect(chromiumPath({}, installed('/usr/bin/chromium-headless-shell'))).toBe(
      '/usr/bin/chromium-headless-shell',
    );
  });

  it("takes Debian's Chromium when the headless shell is not installed", () => {
    expect(chromiumPath({}, installed('/usr/bin/chromium'))).toBe('/usr/bin/chromium');
  });

  it('names the headless shell when neither is installed, so the check reports where it looked first', () => {
    expect(chromiumPath({}, installed())).toBe('/usr/bin/chromium-headless-shell');
  });

  it('takes CHROMIUM_PATH whatever is installed', () => {
    expect(chromiumPath({ CHROMIUM_PATH: '/opt/chrome' }, installed(...CHROMIUM_CANDIDATES))).toBe(
      '/opt/chrome',
    );
  });
});
