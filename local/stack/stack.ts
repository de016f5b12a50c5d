import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SCHEDULES } from '../../infra/schedules-manifest';
import { ROUTES } from '../../shared/http/route-table';
import { setClockSource } from '../../shared/core/clock';
import { LOCAL_ARNS, listWorkflows } from '../../workflows/definitions';
import { createDocumentClient, resetClients } from '../../shared/adapters/aws/clients';
import { createTables } from '../../shared/adapters/data/create-tables';
import type { Db } from '../../shared/adapters/data/db';
import { assertJavaAvailable, type DynamoDbLocalHandle, startDynamoDbLocal } from '../dynamodb';
import { type EngineHandle, startEngine } from '../engine';
import { SCHEDULER_FUNCTION } from '../scheduler';
import { type LocalS3Handle, startLocalS3 } from '../s3';
import { startLocalScanner } from '../s3/scanner';
import { type LocalSesHandle, startLocalSes } from '../ses';
import { dataLayout, prepareDataDir } from './data-dir';
import { handlerEnvironment, LOCAL_DOCUMENTS_BUCKET, LOCAL_TABLES } from './environment';
import { reportFailures } from './failed-executions';
import { localLambdas, localLambdaTimeouts } from './handlers';
import { type DemoCredentials, demoCredentialsFile, seedDemoData } from '../api/demo-data';
import { type ApiServerHandle, startApiServer } from '../api/server';
import { assertPortsFree } from './ports';
import type { StackSettings } from './settings';
import { localScheduler, localWorkflowSourcesWithScheduler, registerWorkflows } from './workflows';
import { seedWorkforce, workforcePlan } from './workforce';

// The whole product on one machine. DynamoDB Local is a child process (it is Java); everything else
// runs in this Node process: the local SES, the engine with the handlers as local Lambdas, the API and
// pages server and the scheduler, so that the handlers, the API and the scheduler all read the
// engine's clock directly (docs/decisions.md, "Local stack and simulation").

/** The staff pages' home (My tasks), when the route table has the pages. */
const PAGES_HOME = ROUTES.some((route) => route.method === 'GET' && route.path === '/tasks')
  ? '/tasks'
  : undefined;

export class JavaMissingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JavaMissingError';
  }
}

export type PartStatus = 'running' | 'coming';

export interface PartState {
  name: string;
  status: PartStatus;
  url?: string;
  note?: string;
}

export interface StackUrls {
  api: string;
  pages: string;
  docs: string;
  inbox: string;
  engine: string;
  dynamodb: string;
  s3: string;
  health: string;
}

export interface StackHandle {
  settings: StackSettings;
  urls: StackUrls;
  parts: PartState[];
  fresh: boolean;
  seeded: { workers: number };
  workflows: string[];
  schedules: { name: string; next: string }[];
  engine: EngineHandle;
  credentials: { file: string; content: DemoCredentials };
  db: Db;
  stop(): Promise<void>;
}

export type StackLog = (line: string) => void;

export async function startStack(settings: StackSettings, log: StackLog = () => {}): Promise<StackHandle> {
  const layout = dataLayout(settings.dataDir);
  const { fresh } = prepareDataDir(settings.dataDir, { reset: settings.reset });
  try {
    assertJavaAvailable();
  } catch (error) {
    throw new JavaMissingError((error as Error).message);
  }
  await assertPortsFree(settings);

  const host = settings.host;
  const apiUrl = `http://${host}:${settings.apiPort}`;
  const sfnUrl = `http://${host}:${settings.sfnPort}`;
  const urls: StackUrls = {
    api: apiUrl,
    pages: `${apiUrl}${PAGES_HOME ?? '/'}`,
    docs: `${apiUrl}/docs`,
    inbox: `http://${host}:${settings.sesPort}/`,
    engine: sfnUrl,
    dynamodb: `http://${host}:${settings.dynamodbPort}`,
    s3: `http://${host}:${settings.s3Port}`,
    health: `${apiUrl}/_local/health`,
  };
  const parts: PartState[] = [
    { name: 'DynamoDB Local (on disk)', status: 'coming', url: urls.dynamodb },
    { name: 'local SES and its inbox', status: 'coming', url: urls.inbox },
    { name: 'local S3 and malware scanner (case documents)', status: 'coming', url: urls.s3 },
    { name: 'Step Functions engine', status: 'coming', url: urls.engine },
    { name: 'partner and staff API', status: 'coming', url: urls.api },
    PAGES_HOME
      ? { name: 'staff pages', status: 'running', url: urls.pages }
      : { name: 'staff pages', status: 'coming', url: urls.pages, note: 'the staff pages are being built' },
    { name: 'scheduler (reporting cycle, retention sweep)', status: 'coming' },
  ];
  const part = (prefix: string) => parts.find((candidate) => candidate.name.startsWith(prefix))!;

  const stops: (() => Promise<void>)[] = [];
  let ready = false;
  const stop = async () => {
    ready = false;
    while (stops.length > 0) {
      const next = stops.pop()!;
      await next().catch((error: unknown) => log(`while stopping: ${(error as Error).message}`));
    }
    resetClients();
  };

  try {
    // The API first, answering 503 on /_local/health until every part is up.
    const api: ApiServerHandle = await startApiServer({
      port: settings.apiPort,
      host,
      dataDir: settings.dataDir,
      health: () => ready,
      // `/` leads to the staff pages, or lists the parts while the pages are not there.
      fallback: async (request, response) => {
        if (request.method !== 'GET' || new URL(request.url ?? '/', apiUrl).pathname !== '/') return false;
        if (PAGES_HOME) {
          response.writeHead(302, { location: PAGES_HOME });
          response.end();
          return true;
        }
        response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        response.end(indexText(parts));
        return true;
      },
    });
    stops.push(() => api.close());

    log('starting DynamoDB Local');
    const dynamodb: DynamoDbLocalHandle = await startDynamoDbLocal({
      port: settings.dynamodbPort,
      host,
      dbPath: layout.dynamodb,
      exitOnSignals: false,
    });
    stops.push(() => dynamodb.stop());
    part('DynamoDB').status = 'running';

    const raw = new DynamoDBClient({
      region: 'eu-west-2',
      endpoint: dynamodb.endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    stops.push(async () => raw.destroy());
    await createTables(raw, LOCAL_TABLES.domain, LOCAL_TABLES.idempotency);
    const db: Db = { client: createDocumentClient(raw), tableName: LOCAL_TABLES.domain };

    log('starting the local SES');
    const ses: LocalSesHandle = await startLocalSes({ port: settings.sesPort, host });
    stops.push(() => ses.close());
    part('local SES').status = 'running';

    log('starting the local S3');
    const s3: LocalS3Handle = await startLocalS3({
      port: settings.s3Port,
      host,
      directory: layout.s3,
      bucket: LOCAL_DOCUMENTS_BUCKET,
      corsOrigins: [apiUrl, `http://localhost:${settings.apiPort}`],
    });
    stops.push(() => s3.close());

    // The handlers run in this process: this process's environment is their Lambda environment.
    Object.assign(
      process.env,
      handlerEnvironment({
        dynamodb: dynamodb.endpoint,
        ses: ses.endpoint,
        s3: s3.endpoint,
        sfn: sfnUrl,
        pagesBaseUrl: apiUrl,
      }),
    );
    resetClients();

    log(`starting the Step Functions engine (${settings.virtualClock ? 'virtual clock' : 'real clock'})`);
    const sfn = new SFNClient({
      region: LOCAL_ARNS.region,
      endpoint: sfnUrl,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    stops.push(async () => sfn.destroy());
    const present = new Set(listWorkflows().map((workflow) => workflow.name));
    const scheduler = localScheduler(() => sfn);
    const lambdas = localLambdas();
    lambdas.set(SCHEDULER_FUNCTION, scheduler.fire);
    // GuardDuty's stand-in: each upload's arrival and scan result, to the handler EventBridge calls on AWS.
    const recordDocumentEvent = lambdas.get('record-document-event')!;
    startLocalScanner(
      s3,
      (event) => recordDocumentEvent(event, {}),
      (error) => log(`local malware scanner: ${error.message}`),
    );
    part('local S3').status = 'running';
    const engine: EngineHandle = await startEngine({
      port: settings.sfnPort,
      host,
      dataDir: layout.engine,
      virtualClock: settings.virtualClock,
      ...(settings.startTime ? { startTime: settings.startTime } : {}),
      lambdas,
      lambdaTimeouts: localLambdaTimeouts(),
      awsEndpoints: { dynamodb: dynamodb.endpoint, sesv2: ses.endpoint },
      onUnsuccessful: reportFailures(log),
    });
    stops.push(async () => {
      setClockSource(undefined);
      await engine.close();
    });
    // The API's handlers and the scheduler read the engine's clock (virtual or real).
    setClockSource(() => engine.clock.now());
    await registerWorkflows(sfn, localWorkflowSourcesWithScheduler());
    const workflows = [...present];
    part('Step Functions').status = 'running';
    if (workflows.length === 0) part('Step Functions').note = 'no workflows in workflows/ yet';

    const schedules = await scheduler.start(engine.clock.now());
    const unscheduled = SCHEDULES.filter((schedule) => !present.has(schedule.workflow));
    part('scheduler').status = 'running';
    if (unscheduled.length > 0) {
      part('scheduler').note =
        `waiting for ${unscheduled.map((schedule) => `workflows/${schedule.workflow}.asl.json`).join(', ')}`;
    }

    log('seeding the demo county');
    const seededAt = new Date().toISOString();
    const workers = await seedWorkforce(db, workforcePlan(), seededAt);
    const credentials = await seedDemoData({
      db,
      userPool: api.userPool,
      dataDir: settings.dataDir,
      now: seededAt,
    });
    part('partner and staff API').status = 'running';

    ready = true;
    return {
      settings,
      urls,
      parts,
      fresh,
      seeded: { workers },
      workflows,
      schedules,
      engine,
      credentials: { file: demoCredentialsFile(settings.dataDir), content: credentials },
      db,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** What `GET /` shows until the staff pages land. */
function indexText(parts: PartState[]): string {
  return [
    'Supporting Families Workflow: local stack',
    '',
    ...parts.map(
      (entry) =>
        `${entry.status === 'running' ? 'running' : 'coming '}  ${entry.name}${entry.url ? `  ${entry.url}` : ''}`,
    ),
    '',
  ].join('\n');
}
