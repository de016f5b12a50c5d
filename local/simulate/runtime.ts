import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { readFileSync } from 'node:fs';
import {
  createDocumentClient,
  dynamoRaw,
  resetClients,
  ses,
  sfn as sharedSfn,
} from '../../shared/adapters/aws/clients';
import { setClockSource } from '../../shared/core/clock';
import { getConfig } from '../../shared/core/config';
import { createTables } from '../../shared/adapters/data/create-tables';
import type { Db } from '../../shared/adapters/data/db';
import { LOCAL_ARNS, listWorkflows } from '../../workflows/definitions';
import { type DynamoDbLocalHandle, LONG_RUN_JVM_ARGS, startDynamoDbLocal } from '../dynamodb';
import { type EngineHandle, startEngine } from '../engine';
import { SCHEDULER_FUNCTION } from '../scheduler';
import { type LocalSesHandle, startLocalSes } from '../ses';
import { handlerEnvironment, LOCAL_TABLES } from '../stack/environment';
import { localLambdas, localLambdaTimeouts } from '../stack/handlers';
import { localScheduler, localWorkflowSourcesWithScheduler, registerWorkflows } from '../stack/workflows';
import { seedWorkforce, workforcePlan } from '../stack/workforce';
import { type Lambda, type Meters, meterDynamoDb, meterEmails, meterLambda } from './meters';
import { answerEmailsInProcess } from './in-process-ses';
import { answerEngineInProcess } from './in-process-engine';
import { leanHttpFor } from './lean-http';
import { leanForLocalOnly, signForLocalOnly } from './unsigned';
import { COUNTY } from '../../shared/core/vocabulary/areas';
import type { StaffRole } from '../../shared/core/vocabulary/roles';

// The real local stack in this one process, for a simulation: DynamoDB Local in memory (a child
// process), the local SES, the engine in memory on a virtual clock, every handler as a metered local
// Lambda, every workflow, the scheduler, and the county's staff.

export interface SimulationRuntime {
  engine: EngineHandle;
  sfn: SFNClient;
  ses: LocalSesHandle;
  /** The simulation's own, unmetered access to the table. */
  db: Db;
  workflows: string[];
  /** CPU seconds used so far by this process and by DynamoDB Local (undefined where /proc is missing). */
  cpuSeconds(): { node: number; dynamodbLocal?: number };
  close(): Promise<void>;
}

export interface RuntimeOptions {
  startTime: string;
  familySupportWorkers: number;
  meters: Meters;
  /** A run long enough for DynamoDB Local's C2 compiler to pay for itself (LONG_RUN_JVM_ARGS). */
  longRun?: boolean;
  /** The handlers' emails answered in process (in-process-ses.ts), not sent to the local SES. */
  emailsInProcess?: boolean;
  /**
   * The simulation's own shortcuts for its clients (docs/decisions.md, "The county-year, session 17"):
   * Step Functions answered by the engine in process (in-process-engine.ts) and DynamoDB through the
   * keep-alive pool (lean-http.ts). Off for the partner API benchmark, whose handlers must talk to
   * their services as they do in `npm start`.
   */
  leanClients?: boolean;
  /** Sees every handler invocation's event and answer (the simulation learns of new tasks this way). */
  observe?: (name: string, event: unknown, answer: unknown) => void;
}

const SUPERVISORS: { role: StaffRole; prefix: string; countyWide: boolean }[] = [
  { role: 'duty-social-worker', prefix: 'duty', countyWide: true },
  { role: 'duty-manager', prefix: 'duty-manager', countyWide: true },
  { role: 'head-of-service', prefix: 'head', countyWide: true },
  { role: 'hub-coordinator', prefix: 'hub', countyWide: false },
  { role: 'locality-manager', prefix: 'manager', countyWide: false },
];

export async function startSimulationRuntime(options: RuntimeOptions): Promise<SimulationRuntime> {
  const stops: (() => Promise<void>)[] = [];
  const close = async () => {
    while (stops.length > 0) await stops.pop()!().catch(() => undefined);
  };
  try {
    const dynamodb: DynamoDbLocalHandle = await startDynamoDbLocal({
      heapMb: 2048,
      ...(options.longRun ? { jvmArgs: [...LONG_RUN_JVM_ARGS] } : {}),
    });
    stops.push(() => dynamodb.stop());
    const sesHandle = await startLocalSes();
    stops.push(() => sesHandle.close());

    Object.assign(
      process.env,
      handlerEnvironment({
        dynamodb: dynamodb.endpoint,
        ses: sesHandle.endpoint,
        pagesBaseUrl: 'http://127.0.0.1:3000',
      }),
      { POWERTOOLS_LOG_LEVEL: 'ERROR', POWERTOOLS_METRICS_DISABLED: 'true' },
    );
    resetClients();
    meterDynamoDb(dynamoRaw(), options.meters);
    meterEmails(ses(), options.meters);
    signForLocalOnly(dynamoRaw(), 'dynamodb', LOCAL_ARNS.region);
    signForLocalOnly(ses(), 'ses', LOCAL_ARNS.region);
    if (options.emailsInProcess) answerEmailsInProcess(ses());
    for (const client of [dynamoRaw(), ses()]) leanForLocalOnly(client);
    if (options.leanClients) leanHttpFor(dynamoRaw(), dynamodb.endpoint);

    const raw = new DynamoDBClient({
      region: LOCAL_ARNS.region,
      endpoint: dynamodb.endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    signForLocalOnly(raw, 'dynamodb', LOCAL_ARNS.region);
    if (options.leanClients) leanHttpFor(raw, dynamodb.endpoint);
    stops.push(async () => raw.destroy());
    await createTables(raw, LOCAL_TABLES.domain, LOCAL_TABLES.idempotency);
    const db: Db = { client: createDocumentClient(raw), tableName: LOCAL_TABLES.domain };

    let sfn: SFNClient | undefined;
    const scheduler = localScheduler(() => sfn!);
    const lambdas = new Map<string, Lambda>();
    for (const [name, handler] of localLambdas()) {
      const observed: Lambda = options.observe
        ? async (event, context) => {
            const answer = await handler(event, context);
            options.observe!(name, event, answer);
            return answer;
          }
        : handler;
      lambdas.set(name, meterLambda(name, observed, options.meters));
    }
    lambdas.set(SCHEDULER_FUNCTION, scheduler.fire);

    const engine = await startEngine({
      dataDir: ':memory:',
      virtualClock: true,
      startTime: options.startTime,
      lambdas,
      lambdaTimeouts: localLambdaTimeouts(),
      awsEndpoints: { dynamodb: dynamodb.endpoint, sesv2: sesHandle.endpoint },
    });
    stops.push(async () => {
      setClockSource(undefined);
      await engine.close();
    });
    process.env.AWS_ENDPOINT_URL_SFN = engine.endpoint;
    signForLocalOnly(sharedSfn(), 'states', LOCAL_ARNS.region);
    leanForLocalOnly(sharedSfn());
    if (options.leanClients) answerEngineInProcess(sharedSfn(), engine);
    setClockSource(() => engine.clock.now());
    sfn = new SFNClient({
      region: LOCAL_ARNS.region,
      endpoint: engine.endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    signForLocalOnly(sfn, 'states', LOCAL_ARNS.region);
    if (options.leanClients) answerEngineInProcess(sfn, engine);
    stops.push(async () => sfn!.destroy());
    stops.push(async () => resetClients());
    await registerWorkflows(sfn, localWorkflowSourcesWithScheduler());

    const now = engine.clock.now().toISOString();
    await seedWorkforce(db, workforcePlan({ familySupportWorkers: options.familySupportWorkers }), now);
    await seedWorkforce(db, supervisors(), now);
    await scheduler.start(engine.clock.now());

    const cpuSeconds = () => ({
      node: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
      dynamodbLocal: processCpuSeconds(dynamodb.process.pid),
    });
    const workflows = listWorkflows().map((workflow) => workflow.name);
    return { engine, sfn, ses: sesHandle, db, workflows, cpuSeconds, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The duty team and head of service for the county, a hub coordinator and a manager per locality. */
export function supervisors() {
  const areas = (countyWide: boolean) =>
    countyWide ? [COUNTY] : getConfig().localities.map((locality) => locality.id);
  return SUPERVISORS.flatMap(({ role, prefix, countyWide }) =>
    areas(countyWide).map((area) => ({
      id: countyWide ? prefix : `${prefix}-${area}`,
      name: `${role.replaceAll('-', ' ')} (${area})`,
      email: `${countyWide ? prefix : `${prefix}-${area}`}@demo.invalid`,
      role,
      area,
      active: true,
      capacity: 0,
    })),
  );
}

/** User plus system CPU seconds of process `pid` from /proc (Linux), or undefined elsewhere. */
function processCpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name, in clock ticks.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}
