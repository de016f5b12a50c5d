import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { type DynamoDbLocalHandle, freePort, startDynamoDbLocal } from '../dynamodb';
import { type LocalSesHandle, startLocalSes } from '../ses';
import { endpoint, type PartSettings } from './settings';

// The three parts the soak kills, each its own process on a fixed port with its data on disk:
// DynamoDB Local (Java, `-dbPath`), the engine and the API server (Node, `node --import tsx`). A kill
// is SIGKILL, nothing flushed or closed, then a restart on the same port and files. The local SES
// stays up in the driver's process (mail is not what the soak proves).

export type PartName = 'dynamodb' | 'engine' | 'api';
export const PART_NAMES: readonly PartName[] = ['dynamodb', 'engine', 'api'];

const ROOT = resolve(import.meta.dirname, '../..');
const START_TIMEOUT_MS = 180_000;

interface NodePart {
  child: ChildProcess;
  exited: Promise<void>;
}

export class Parts {
  readonly settings: PartSettings;
  readonly kills: Record<PartName, number> = { dynamodb: 0, engine: 0, api: 0 };
  private dynamodb?: DynamoDbLocalHandle;
  private ses?: LocalSesHandle;
  private readonly children = new Map<'engine' | 'api', NodePart>();
  private down = new Set<PartName>();
  private waiters: (() => void)[] = [];
  private closed = false;
  private readonly log: (line: string) => void;

  private constructor(settings: PartSettings, ses: LocalSesHandle, log: (line: string) => void) {
    this.settings = settings;
    this.ses = ses;
    this.log = log;
  }

  static async start(dataDir: string, startTime: string, log: (line: string) => void): Promise<Parts> {
    const ses = await startLocalSes();
    const [dynamodbPort, enginePort, apiPort] = [await freePort(), await freePort(), await freePort()];
    const parts = new Parts(
      {
        dataDir,
        enginePort,
        apiPort,
        dynamodbEndpoint: endpoint(dynamodbPort!),
        sesEndpoint: ses.endpoint,
        startTime,
      },
      ses,
      log,
    );
    try {
      await parts.startDynamoDb();
    } catch (error) {
      await parts.close();
      throw error;
    }
    return parts;
  }

  get apiUrl(): string {
    return endpoint(this.settings.apiPort);
  }

  get engineUrl(): string {
    return endpoint(this.settings.enginePort);
  }

  /** Starts the engine and the API (after the driver has made the tables and seeded the people). */
  async startServices(): Promise<void> {
    await this.startNode('engine');
    await this.startNode('api');
  }

  /** Resolves once every part is up (at once when none is down). */
  allUp(): Promise<void> {
    if (this.down.size === 0) return Promise.resolve();
    return new Promise((done) => this.waiters.push(done));
  }

  isUp(): boolean {
    return this.down.size === 0;
  }

  /** SIGKILL of the part, then a restart on the same port and data; resolves once it is back. */
  async kill(part: PartName): Promise<void> {
    if (this.closed || this.down.size > 0) return;
    this.down.add(part);
    this.kills[part] += 1;
    const from = performance.now();
    try {
      if (part === 'dynamodb') {
        const handle = this.dynamodb!;
        const exited = new Promise<void>((done) => handle.process.once('exit', () => done()));
        handle.process.kill('SIGKILL');
        await exited;
        if (!this.closed) await this.startDynamoDb();
      } else {
        const running = this.children.get(part)!;
        running.child.kill('SIGKILL');
        await running.exited;
        if (!this.closed) await this.startNode(part);
      }
      this.log(`killed ${part} (kill -9), back in ${((performance.now() - from) / 1000).toFixed(1)} s`);
    } finally {
      this.down.delete(part);
      if (this.down.size === 0) {
        const waiters = this.waiters;
        this.waiters = [];
        for (const waiter of waiters) waiter();
      }
    }
  }

  private async startDynamoDb(): Promise<void> {
    this.dynamodb = await startDynamoDbLocal({
      port: Number(new URL(this.settings.dynamodbEndpoint).port),
      dbPath: join(this.settings.dataDir, 'dynamodb'),
      heapMb: 1024,
      // Quicker to start (about 4 s instead of 6.5 here): C1 only, the serial collector, class data sharing.
      jvmArgs: ['-Xshare:auto'],
      exitOnSignals: false,
      startTimeoutMs: START_TIMEOUT_MS,
    });
  }

  private async startNode(part: 'engine' | 'api'): Promise<void> {
    const script = join(ROOT, 'local/soak', part === 'engine' ? 'engine-process.ts' : 'api-process.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(this.settings)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    this.children.set(part, { child, exited });
    // Never left behind: killed with this process, however it ends.
    const orphan = () => child.kill('SIGKILL');
    process.once('exit', orphan);
    child.once('exit', () => process.off('exit', orphan));
    let output = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
      if (process.env.SOAK_DEBUG) process.stderr.write(`[${part}] ${chunk}`);
    });
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`the soak's ${part} did not start:\n${output}`)),
        START_TIMEOUT_MS,
      );
      let seen = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('ready')) {
          clearTimeout(timer);
          ready();
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        fail(new Error(`the soak's ${part} exited (${code ?? signal}) while starting:\n${output}`));
      });
    });
  }

  /** Stops everything in reverse order (SIGTERM, then SIGKILL of whatever is left). */
  async close(): Promise<void> {
    this.closed = true;
    for (const part of ['api', 'engine'] as const) {
      const running = this.children.get(part);
      if (!running || running.child.exitCode !== null || running.child.signalCode !== null) continue;
      running.child.kill('SIGTERM');
      const timer = setTimeout(() => running.child.kill('SIGKILL'), 10_000);
      await running.exited;
      clearTimeout(timer);
    }
    await this.dynamodb?.stop().catch(() => undefined);
    await this.ses?.close().catch(() => undefined);
    this.dynamodb = undefined;
    this.ses = undefined;
  }
}
