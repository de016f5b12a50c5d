import type { AddressInfo } from 'node:net';
import { actions } from './api/actions';
import { answerAction, type ApiAnswer, createApiServer } from './api/server';
import { LambdaRegistry } from './integrations/lambda';
import { MockConfig } from './integrations/mocks';
import { type EndedExecution, Runtime } from './runtime';
import { type EngineStats, Store } from './store';

export type { ApiAnswer, EndedExecution, EngineStats };

export interface EngineOptions {
  port?: number; // 0 or undefined = a free port
  host?: string; // default 127.0.0.1
  dataDir?: string; // directory for the SQLite store; ':memory:' for a non-durable engine
  virtualClock?: boolean; // default false (real time)
  startTime?: string; // ISO start of the virtual clock
  region?: string; // default eu-west-2
  accountId?: string; // default 123456789012
  lambdas?: Map<string, (event: unknown, context: unknown) => Promise<unknown>>; // by function name
  lambdaTimeouts?: Map<string, number>; // each function's own timeout in seconds (else the task's, or 900)
  awsEndpoints?: { dynamodb?: string; sesv2?: string }; // for aws-sdk:* integrations; default from AWS_ENDPOINT_URL_* env
  mockConfigPath?: string; // SFN_MOCK_CONFIG
  onUnsuccessful?: (ended: EndedExecution) => void; // each execution that ends FAILED, TIMED_OUT or ABORTED
}

export interface EngineHandle {
  endpoint: string; // http://127.0.0.1:PORT — point @aws-sdk/client-sfn here
  port: number;
  clock: { now(): Date; advance(seconds: number): Promise<void>; set(iso: string): Promise<void> };
  waitForIdle(): Promise<void>; // resolves when nothing is runnable (all executions waiting on tokens/timers or done)
  stats(): EngineStats; // executions by machine and status, history events, state transitions, largest history
  runningExecutions(): number; // executions not yet ended (cheap: no store query)
  registerLambda(name: string, fn: (event: unknown, context: unknown) => Promise<unknown>): void;
  close(): Promise<void>;
  /**
   * StartExecution without HTTP (same checks, errors and idempotency as the API; `input` is a JSON value).
   * For in-process callers such as the simulation and the benchmark; resolves with the execution ARN.
   */
  startExecution(stateMachineArn: string, input?: unknown, name?: string): Promise<string>;
  /**
   * One Step Functions API call without HTTP: `X-Amz-Target` and the JSON body in, the status, headers
   * and body the HTTP API would answer out (errors included).
   */
  answer(target: string, body: string): Promise<ApiAnswer>;
}

/** Start the local Step Functions engine: the store, the interpreter and the HTTP API. */
export async function startEngine(options: EngineOptions = {}): Promise<EngineHandle> {
  const host = options.host ?? '127.0.0.1';
  const lambdas = new LambdaRegistry();
  for (const [name, fn] of options.lambdas ?? [])
    lambdas.register(name, fn, options.lambdaTimeouts?.get(name));
  const modules = (process.env.LOCAL_LAMBDA_MODULES ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  await lambdas.loadModules(modules);
  const mockPath = options.mockConfigPath ?? process.env.SFN_MOCK_CONFIG;
  const mocks = mockPath ? MockConfig.load(mockPath) : undefined;

  let startMs = Date.now();
  if (options.startTime !== undefined) {
    startMs = Date.parse(options.startTime);
    if (Number.isNaN(startMs))
      throw new Error(`startTime: not an ISO-8601 date-time: '${options.startTime}'`);
  }
  const store = new Store(options.dataDir ?? ':memory:');
  const runtime = new Runtime({
    store,
    virtualClock: options.virtualClock ?? false,
    startMs,
    region: options.region ?? 'eu-west-2',
    accountId: options.accountId ?? '123456789012',
    lambdas,
    awsEndpoints: {
      dynamodb: options.awsEndpoints?.dynamodb ?? process.env.AWS_ENDPOINT_URL_DYNAMODB,
      sesv2: options.awsEndpoints?.sesv2 ?? process.env.AWS_ENDPOINT_URL_SESV2,
    },
    mocks,
    ...(options.onUnsuccessful ? { onUnsuccessful: options.onUnsuccessful } : {}),
  });
  runtime.recover();

  const server = createApiServer(runtime);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closed = false;

  const virtualOnly = (what: string) => {
    if (!runtime.virtual)
      throw new Error(`clock.${what}: the engine runs on the real clock (start it with virtualClock: true)`);
  };

  return {
    endpoint: `http://${host}:${port}`,
    port,
    clock: {
      now: () => new Date(runtime.now()),
      advance: async (seconds: number) => {
        virtualOnly('advance');
        if (!Number.isFinite(seconds) || seconds < 0)
          throw new Error(`clock.advance: seconds must be >= 0, got ${seconds}`);
        await runtime.moveClock(runtime.now() + seconds * 1000);
      },
      set: async (iso: string) => {
        virtualOnly('set');
        const ms = Date.parse(iso);
        if (Number.isNaN(ms)) throw new Error(`clock.set: not an ISO-8601 date-time: '${iso}'`);
        await runtime.moveClock(ms);
      },
    },
    waitForIdle: () => runtime.waitForIdle(),
    stats: () => store.stats(),
    runningExecutions: () => runtime.runningExecutions(),
    registerLambda: (name, fn) => lambdas.register(name, fn),
    startExecution: async (stateMachineArn, input = {}, name) => {
      const out = (await actions.StartExecution(runtime, {
        stateMachineArn,
        input: JSON.stringify(input),
        ...(name === undefined ? {} : { name }),
      })) as { executionArn: string };
      return out.executionArn;
    },
    answer: (target, body) => answerAction(runtime, target, body),
    close: async () => {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      runtime.close();
      store.close();
    },
  };
}
