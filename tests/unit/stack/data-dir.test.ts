import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATA_FORMAT, MARKER_FILE, prepareDataDir } from '../../../local/stack/data-dir';

describe('local stack data directory', () => {
  const made: string[] = [];
  const scratch = () => {
    const dir = mkdtempSync(join(tmpdir(), 'sfw-datadir-'));
    made.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('marks a new directory with the data format and reports it fresh, then resumed', () => {
    // Prepare
    const root = join(scratch(), 'data');
    // Act
    const first = prepareDataDir(root, { reset: false });
    const second = prepareDataDir(root, { reset: false });
    // Assess
    expect(first.fresh).toBe(true);
    expect(second.fresh).toBe(false);
    expect(JSON.parse(readFileSync(join(root, MARKER_FILE), 'utf8')).format).toBe(DATA_FORMAT);
  });

  it('refuses data written in another format, with the way out', () => {
    // Prepare
    const root = scratch();
    writeFileSync(join(root, MARKER_FILE), JSON.stringify({ format: DATA_FORMAT + 1 }));
    // Act + Assess
    expect(() => prepareDataDir(root, { reset: false })).toThrow(
      new RegExp(`format ${DATA_FORMAT + 1}; this version reads format ${DATA_FORMAT}.*--reset`, 's'),
    );
  });

  it('wipes its own directory on reset', () => {
    // Prepare
    const root = scratch();
    prepareDataDir(root, { reset: false });
    mkdirSync(join(root, 'dynamodb'));
    writeFileSync(join(root, 'dynamodb', 'shared-local-instance.db'), 'x');
    // Act
    const result = prepareDataDir(root, { reset: true });
    // Assess
    expect(result.fresh).toBe(true);
    expect(existsSync(join(root, 'dynamodb'))).toBe(false);
  });

  it('will not wipe a directory the stack did not write', () => {
    // Prepare
    const root = scratch();
    writeFileSync(join(root, 'thesis.tex'), 'precious');
    // Act + Assess
    expect(() => prepareDataDir(root, { reset: true })).toThrow(
      /not a local stack data directory; nothing was deleted/,
    );
    expect(readFileSync(join(root, 'thesis.tex'), 'utf8')).toBe('precious');
  });
});
