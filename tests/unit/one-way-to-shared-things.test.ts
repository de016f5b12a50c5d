import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The import rules (npm run deps) cannot see which function a module calls; these two can. The
// database handle is made at the edge (handlers, pages, the API edge) and handed down; environment
// variables are read only through shared/core/environment.ts (docs/architecture.md).

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(dir, file));
}

/** Files whose code (comments left out) matches. */
function filesCalling(files: readonly string[], pattern: RegExp): string[] {
  const code = (file: string) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => !/^\s*(\/\/|\/?\*)/.test(line))
      .join('\n');
  return files.filter((file) => pattern.test(code(file)));
}

describe('one way to each shared thing', () => {
  it('only the edges make the database handle: the domain and the vocabulary are handed one', () => {
    const below = [...sourcesUnder('shared/domain'), ...sourcesUnder('shared/core')];
    expect(below.length).toBeGreaterThan(50);
    expect(filesCalling(below, /\bdefaultDb\(\)/)).toEqual([]);
  });

  it('adapters make it only where they are the wiring (the identity directory behind every request)', () => {
    const adapters = sourcesUnder('shared/adapters').filter((file) => !file.endsWith(join('data', 'db.ts')));
    expect(filesCalling(adapters, /\bdefaultDb\(\)/)).toEqual([
      join('shared/adapters/identity/directory.ts'),
    ]);
  });

  it('nothing in shared/ or functions/ reads process.env but the environment reader', () => {
    const files = [...sourcesUnder('shared'), ...sourcesUnder('functions')].filter(
      (file) => !file.endsWith(join('core', 'environment.ts')),
    );
    // A default argument naming the whole environment (authSettings(env = process.env)) reads nothing itself.
    const reading = filesCalling(files, /process\.env(\.|\[)/);
    expect(reading).toEqual([]);
  });
});
