import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type StackHandle, startStack } from '../../../local/stack/stack';
import { freeStackPorts, PORT_TAKEN } from '../stack/stack-process';

// The local stack's data (tables, the engine's store, the user pool, the signing key, the demo
// credentials) is the developer's alone: nobody else on the machine may read it (issue 15).

function everyPath(root: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    found.push(path);
    if (entry.isDirectory()) found.push(...everyPath(path));
  }
  return found;
}

describe('local data files', () => {
  const parent = mkdtempSync(join(tmpdir(), 'sfw-files-'));
  let dataDir = '';
  let stack: StackHandle | undefined;
  const umask = process.umask();
  afterAll(async () => {
    await stack?.stop();
    process.umask(umask);
    rmSync(parent, { recursive: true, force: true });
  });

  it('creates the data directory 0700 and every file in it 0600', async () => {
    // Act: a port found free can be taken by another test's process before the stack binds it; the
    // stack then refuses it (after making its data directory, before starting anything) or, taken after
    // that check, a part fails to bind it and the stack stops what it started. This starts again on
    // other free ports (as startHealthy does for `npm start`), each attempt from the usual umask of a
    // shared machine and a data directory not made yet.
    for (let attempt = 1; !stack; attempt += 1) {
      process.umask(0o022);
      dataDir = join(parent, `data-${attempt}`);
      const ports = await freeStackPorts();
      try {
        stack = await startStack({
          apiPort: ports.api,
          sfnPort: ports.sfn,
          dynamodbPort: ports.dynamodb,
          sesPort: ports.ses,
          s3Port: ports.s3,
          dataDir,
          virtualClock: true,
          startTime: '2026-04-01T08:00:00Z',
          reset: false,
          host: '127.0.0.1',
        });
      } catch (error) {
        if (attempt >= 3 || !PORT_TAKEN.test((error as Error).message)) throw error;
      }
    }
    // Assess
    const paths = [dataDir, ...everyPath(dataDir)];
    expect(paths.some((path) => path.endsWith('user-pool.json'))).toBe(true);
    expect(paths.some((path) => path.endsWith('engine.sqlite'))).toBe(true);
    expect(paths.some((path) => path.includes('dynamodb'))).toBe(true);
    const open = paths.filter((path) => (statSync(path).mode & 0o077) !== 0);
    expect(open).toEqual([]);
    // The whole stack's start (Java included) inside the test: 6 s idle, over 60 s beside three busy
    // workers. The limit guards against a hang, not against slowness.
  }, 180_000);
});
