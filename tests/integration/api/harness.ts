import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { seedDemoData, type DemoCredentials } from '../../../local/api/demo-data';
import { type ApiServerHandle, startApiServer } from '../../../local/api/server';
import { type EngineHandle, startEngine } from '../../../local/engine';
import { type LocalS3Handle, startLocalS3 } from '../../../local/s3';
import { type LocalScanner, startLocalScanner } from '../../../local/s3/scanner';
import { type LocalSesHandle, startLocalSes } from '../../../local/ses';
import { resetClients } from '../../../shared/adapters/aws/clients';
import { createTestTables, type TestTables } from '../../support/tables';

// The real local API server over this file's own tables in the run's DynamoDB Local, with the demo
// county's partners and staff, and helpers that get tokens the way partners and staff do.

export interface TestApi {
  url: string;
  server: ApiServerHandle;
  tables: TestTables;
  demo: DemoCredentials;
  dataDir: string;
  /** The local SES, when the test reads the emails its requests send. */
  ses?: LocalSesHandle;
  /** The local engine, when the test needs journeys to start. */
  engine?: EngineHandle;
  /** The local S3 and its malware scanner, when the test attaches documents. */
  s3?: LocalS3Handle;
  scanner?: LocalScanner;
  sfn?: SFNClient;
  journeyArn?: string;
  partnerToken(name: string, scope?: string): Promise<string>;
  staffToken(username: string): Promise<string>;
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; body: any; text: string }>;
  close(): Promise<void>;
}

// The journey's own workflow is tested by the journey's tests; here a one-state machine under its
// name proves that a referral starts an execution named by the case id on the real local engine. The
// human-task workflow has one too: a plan's staff actions start one execution each (their chasing is
// tested by tests/integration/journey/plan-action-tasks.test.ts). The engine always runs, because any
// plan written with a key worker's action starts one.
const JOURNEY_STAND_IN = { StartAt: 'Received', States: { Received: { Type: 'Pass', End: true } } };

export async function startTestApi(
  label: string,
  options: { engine?: boolean; inbox?: boolean; documents?: boolean; env?: Record<string, string> } = {},
): Promise<TestApi> {
  const tables = await createTestTables(label);
  // The local SES always runs: a plan with a key worker's action emails the key worker its task.
  const ses = (options.inbox ?? true) ? await startLocalSes() : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), `sfw-api-${label}-`));
  const s3 = options.documents
    ? await startLocalS3({ directory: join(dataDir, 's3'), bucket: `sfw-test-${label}`, corsOrigins: ['*'] })
    : undefined;
  let engine: EngineHandle | undefined;
  let sfn: SFNClient | undefined;
  let journeyArn: string | undefined;
  let humanTaskArn: string | undefined;
  if (options.engine ?? true) {
    engine = await startEngine({ port: 0, dataDir: ':memory:' });
    sfn = new SFNClient({
      region: 'eu-west-2',
      endpoint: engine.endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const created = await sfn.send(
      new CreateStateMachineCommand({
        name: 'journey',
        definition: JSON.stringify(JOURNEY_STAND_IN),
        roleArn: 'arn:aws:iam::123456789012:role/local',
      }),
    );
    journeyArn = created.stateMachineArn;
    const humanTask = await sfn.send(
      new CreateStateMachineCommand({
        name: 'human-task',
        definition: JSON.stringify(JOURNEY_STAND_IN),
        roleArn: 'arn:aws:iam::123456789012:role/local',
      }),
    );
    humanTaskArn = humanTask.stateMachineArn;
  }
  const server = await startApiServer({
    port: 0,
    dataDir,
    env: {
      TABLE_NAME: tables.tableName,
      IDEMPOTENCY_TABLE_NAME: tables.idempotencyTableName,
      AWS_ENDPOINT_URL_DYNAMODB: tables.endpoint,
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      ...(ses
        ? {
            AWS_ENDPOINT_URL_SESV2: ses.endpoint,
            SENDER_ADDRESS: 'no-reply@sfw.example',
            PAGES_BASE_URL: 'http://pages.example',
          }
        : {}),
      ...(s3 ? { AWS_ENDPOINT_URL_S3: s3.endpoint, DOCUMENTS_BUCKET: s3.bucket } : {}),
      ...(engine && journeyArn
        ? {
            AWS_ENDPOINT_URL_SFN: engine.endpoint,
            JOURNEY_STATE_MACHINE_ARN: journeyArn,
            HUMAN_TASK_STATE_MACHINE_ARN: humanTaskArn!,
          }
        : {}),
      ...options.env,
    },
  });
  resetClients();
  // GuardDuty's stand-in delivers to the handler EventBridge calls on AWS (the server set the environment).
  const scanner = s3
    ? startLocalScanner(s3, async (event) => {
        const { handler } = await import('../../../functions/record-document-event');
        return handler(event);
      })
    : undefined;
  const demo = await seedDemoData({
    db: tables.db,
    userPool: server.userPool,
    dataDir,
    now: new Date().toISOString(),
  });
  const tokens = new Map<string, string>();

  const call: TestApi['call'] = async (method, path, options = {}) => {
    const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  };

  return {
    url: server.url,
    server,
    tables,
    demo,
    dataDir,
    ses,
    engine,
    s3,
    scanner,
    sfn,
    journeyArn,
    call,
    async partnerToken(name, scope) {
      const key = `partner:${name}:${scope ?? ''}`;
      const cached = tokens.get(key);
      if (cached) return cached;
      const partner = demo.partners.find((entry) => entry.name === name);
      if (!partner) throw new Error(`no demo partner ${name}`);
      const response = await fetch(`${server.url}/oauth2/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${partner.clientId}:${partner.clientSecret}`).toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }),
      });
      const token = ((await response.json()) as { access_token: string }).access_token;
      tokens.set(key, token);
      return token;
    },
    async staffToken(username) {
      const cached = tokens.get(`staff:${username}`);
      if (cached) return cached;
      const member = demo.staff.find((entry) => entry.username === username);
      if (!member) throw new Error(`no demo staff member ${username}`);
      const answer = await call('POST', '/v1/session', { body: { username, password: member.password } });
      if (answer.status !== 201)
        throw new Error(`sign-in for ${username} answered ${answer.status}: ${answer.text}`);
      tokens.set(`staff:${username}`, answer.body.token);
      return answer.body.token as string;
    },
    async close() {
      await server.close();
      sfn?.destroy();
      await engine?.close();
      await ses?.close();
      await s3?.close();
      resetClients();
      await tables.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
