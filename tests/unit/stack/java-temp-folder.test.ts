import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  claimJavaTempFolder,
  newJavaTempFolder,
  removeJavaTempFolder,
} from '../../../local/dynamodb/java-temp-folder';

// DynamoDB Local's own temporary folders (its SQLite library is written there at each start): one per
// Java, and a start tidies away those whose Java is gone.

describe('a Java temporary folder for DynamoDB Local', () => {
  // A folder of this test's own stands for the OS's temporary folder.
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'sfw-java-tmp-test-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** A folder as a start leaves it: the library written, the Java named (or not). */
  const leftBehind = (name: string, pid?: number) => {
    const folder = join(root, `sfw-dynamodb-local-java-${name}`);
    mkdirSync(folder);
    writeFileSync(join(folder, 'sqlite-392-x-libsqlite4java.so'), 'library');
    if (pid !== undefined) claimJavaTempFolder(folder, pid);
    return folder;
  };

  it('removes the folders whose Java is gone and keeps those of a Java still running', () => {
    // Prepare: a process that has ended, and this one (alive)
    const ended = spawnSync(process.execPath, ['-e', '0']).pid;
    const gone = leftBehind('gone', ended);
    const running = leftBehind('running', process.pid);
    // Act
    const folder = newJavaTempFolder(root);
    // Assess
    expect(dirname(folder)).toBe(root);
    expect(basename(folder)).toMatch(/^sfw-dynamodb-local-java-/);
    expect(existsSync(gone)).toBe(false);
    expect(existsSync(running)).toBe(true);
    removeJavaTempFolder(folder);
    expect(existsSync(folder)).toBe(false);
  });

  it('leaves an unnamed folder alone while another start may still be writing it, not for ever', () => {
    // Prepare: one just made, one made long ago; neither names its Java
    const fresh = leftBehind('fresh');
    const old = leftBehind('old');
    const longAgo = new Date(Date.now() - 60 * 60_000);
    utimesSync(old, longAgo, longAgo);
    // Act
    removeJavaTempFolder(newJavaTempFolder(root));
    // Assess
    expect(existsSync(fresh)).toBe(true);
    expect(existsSync(old)).toBe(false);
  });
});
