import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// DynamoDB Local writes its SQLite library (900 KB) to Java's temporary folder at each start and
// deletes it only when Java exits by itself: every Java killed (a test's crash, a soak's kill -9, a
// stop that timed out) left one in /tmp (255 of them, 221 MB, after a day of test runs). Each Java gets
// a folder of its own instead, removed when it ends; a folder whose Java and Node were both killed is
// removed by the next start on the machine, once the Java it names is gone.

const PREFIX = 'sfw-dynamodb-local-java-';
const PID_FILE = 'java.pid';
/** A folder without a pid file yet is a start under way in another process, unless it is this old. */
const UNCLAIMED_GRACE_MS = 10 * 60_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as another user's process
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a folder is one nobody will remove: its Java gone, or never named after the grace period. */
function abandoned(folder: string, now: number): boolean {
  try {
    const pid = Number(readFileSync(join(folder, PID_FILE), 'utf8'));
    return !(Number.isInteger(pid) && pid > 0 && alive(pid));
  } catch {
    const made = statSync(folder, { throwIfNoEntry: false })?.mtimeMs;
    return made !== undefined && now - made >= UNCLAIMED_GRACE_MS;
  }
}

function removeStale(parent: string, now = Date.now()): void {
  try {
    for (const name of readdirSync(parent)) {
      const folder = join(parent, name);
      if (name.startsWith(PREFIX) && abandoned(folder, now)) rmSync(folder, { recursive: true, force: true });
    }
  } catch {
    // Tidying is a courtesy: a folder that cannot be read or removed never stops a start
  }
}

/**
 * A new temporary folder for one Java (`-Djava.io.tmpdir`) in `parent` (the OS's temporary folder),
 * after removing those there whose Java is gone.
 */
export function newJavaTempFolder(parent = tmpdir()): string {
  removeStale(parent);
  return mkdtempSync(join(parent, PREFIX));
}

/** Names the Java that uses the folder, so a later start knows when it may remove it. */
export function claimJavaTempFolder(folder: string, pid: number | undefined): void {
  if (pid) writeFileSync(join(folder, PID_FILE), String(pid));
}

export function removeJavaTempFolder(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
}
