import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

// What `npm test` needs beyond `npm ci` (README, "Quickstart"), checked before anything starts so
// a fresh machine stops at once with the command that installs what is missing, not minutes later
// inside a browser or DynamoDB Local test.

export interface Probes {
  /** Whether a command runs (`java -version`). */
  runs(command: string, args: string[]): boolean;
  /** Whether a file is there and executable. */
  executable(path: string): boolean;
}

export const SYSTEM_PROBES: Probes = {
  runs: (command, args) => {
    const probe = spawnSync(command, args, { stdio: 'ignore' });
    return !probe.error && probe.status === 0;
  },
  executable: (path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
};

// Chromium's headless shell first: the same Blink and V8 without the full browser's layers, the
// build Playwright itself runs headless tests with. The browser files' Chromium used about half the
// CPU with it (docs/decisions.md, "Tenth pass"). Debian's full Chromium is still taken when the shell
// is not installed.
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'] as const;

/**
 * The Chromium the browser tests drive: CHROMIUM_PATH when set, else the first of CHROMIUM_CANDIDATES
 * that is installed, else the first (so a missing one is reported where it is looked for first).
 */
export function chromiumPath(
  environment: NodeJS.ProcessEnv = process.env,
  executable: (path: string) => boolean = SYSTEM_PROBES.executable,
): string {
  return environment.CHROMIUM_PATH ?? CHROMIUM_CANDIDATES.find(executable) ?? CHROMIUM_CANDIDATES[0];
}

export const CHROMIUM_PATH = chromiumPath();

/** The Node.js major the project pins (the `node` dev dependency; Lambda's runtime). */
export const NODE_MAJOR = 24;

/** One line per missing prerequisite, each with the command that installs it; empty when all are there. */
export function missingPrerequisites(
  probes: Probes = SYSTEM_PROBES,
  chromium = CHROMIUM_PATH,
  nodeVersion = process.versions.node,
): string[] {
  const missing: string[] = [];
  if (Number(nodeVersion.split('.')[0]) !== NODE_MAJOR) {
    missing.push(
      `Node.js ${NODE_MAJOR} (this is ${nodeVersion}): \`npm ci\` installs it as a dev dependency, and ` +
        'npm scripts (`npm test`) run it',
    );
  }
  if (!probes.runs('java', ['-version'])) {
    missing.push(
      'a Java runtime (17 or newer) for DynamoDB Local: `sudo apt-get install -y default-jre-headless` ' +
        '(Debian/Ubuntu) or `brew install openjdk@17` (macOS)',
    );
  }
  if (!probes.executable(chromium)) {
    missing.push(
      `Chromium at ${chromium} for the browser tests: \`sudo apt-get install -y chromium-headless-shell\` ` +
        '(Debian; or `chromium`), or set CHROMIUM_PATH to a Chromium or Chrome binary',
    );
  }
  return missing;
}
