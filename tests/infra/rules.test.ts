import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRoutes, effectiveScopes, pathParameters } from '../../infra/api/routes';
import { readDeploymentConfig } from '../../infra/config';
import { checkManifest, listHandlerFiles } from '../../infra/functions/handler-files';
import { FUNCTIONS, routeHandlers } from '../../infra/functions-manifest';
import { FUNCTIONS_DIR, WORKFLOWS_DIR } from '../../infra/paths';
import { SCHEDULES } from '../../infra/schedules-manifest';
import { analyseWorkflow, creationOrder } from '../../infra/workflows/workflow-graph';
import { ROUTES } from '../../shared/http/route-table';
import { listWorkflows, readDefinition } from '../../workflows/definitions';
import { FIXTURE_FUNCTIONS_DIR, FIXTURE_MANIFEST, FIXTURE_ROUTES } from './fixtures';
import { PARTNER_SCOPES } from '../../shared/core/vocabulary/roles';

// The checks the CDK app runs before building anything, on the real folders and on small cases.

describe('functions manifest', () => {
  it('has exactly one entry per handler file in functions/', () => {
    // Prepare
    const files = listHandlerFiles(FUNCTIONS_DIR);
    // Act
    const problems = checkManifest(files, FUNCTIONS);
    // Assess
    expect(problems).toEqual([]);
  });

  it('grants the idempotency store to exactly the handlers that use Powertools idempotency', () => {
    // Prepare: a handler uses it through shared/adapters/lambda/idempotent, the casework writes' helper
    // (shared/http/idempotent-write) or Powertools directly (the referral routes' helper keeps its
    // records on the key's claim in the domain table)
    const uses = (name: string) =>
      /from '(\.\.\/shared\/adapters\/lambda\/idempotent|\.\.\/shared\/http\/idempotent-write|@aws-lambda-powertools\/idempotency)'/.test(
        readFileSync(join(FUNCTIONS_DIR, `${name}.ts`), 'utf8'),
      );
    // Act
    const using = FUNCTIONS.filter((entry) => uses(entry.name)).map((entry) => entry.name);
    const granted = FUNCTIONS.filter((entry) => entry.idempotency).map((entry) => entry.name);
    // Assess: without the grant the handler fails on AWS; with it unused, it holds a needless permission
    expect(granted).toEqual(using);
    expect(using).toContain('add-case-record-entry');
    expect(using).not.toContain('create-referral');
  });

  it('agrees with the fixture folder', () => {
    expect(checkManifest(listHandlerFiles(FIXTURE_FUNCTIONS_DIR), FIXTURE_MANIFEST)).toEqual([]);
    expect(listHandlerFiles(FIXTURE_FUNCTIONS_DIR).map((file) => file.name)).toContain('create-case');
  });

  it('names a handler file that has no entry, and an entry that has no file', () => {
    // Prepare
    const files = listHandlerFiles(FIXTURE_FUNCTIONS_DIR);
    const manifest = [
      ...FIXTURE_MANIFEST.filter((entry) => entry.name !== 'get-referral'),
      { name: 'ghost', table: 'read' as const },
    ];
    // Act
    const problems = checkManifest(files, manifest);
    // Assess
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toMatch(
      /functions\/get-referral\.ts has no grants: declare them on one of its routes/,
    );
    expect(problems.join('\n')).toMatch(/'ghost' has no handler file functions\/ghost\.ts/);
  });

  it("takes each HTTP handler's grants from the one route that declares them", () => {
    // Prepare: a handler serving two routes declares its grants on one of them
    const doc = { summary: 'A thing', tag: 'Things', ok: { status: 200, description: 'OK' } };
    const get = { method: 'GET' as const, path: '/things', handler: 'things', auth: 'public' as const, doc };
    const post = { ...get, method: 'POST' as const };
    const grants = { table: 'read' as const, sendsEmail: true };
    // Act
    const entries = routeHandlers([{ ...get, grants }, post]);
    // Assess: one entry, and a handler declaring none, or declaring twice, stops the build with its name
    expect(entries).toEqual([{ name: 'things', table: 'read', sendsEmail: true }]);
    expect(() => routeHandlers([get, post])).toThrow(/No route declares the grants of things/);
    expect(() =>
      routeHandlers([
        { ...get, grants },
        { ...post, grants },
      ]),
    ).toThrow(/things declares its grants on two routes/);
    expect(FUNCTIONS.find((entry) => entry.name === 'serve-task-page')?.sendsTaskCallbacks).toEqual([
      'human-task',
    ]);
  });

  it('rejects duplicate entries and impossible sizes', () => {
    const files = [{ name: 'a', path: 'functions/a.ts' }];
    const problems = checkManifest(files, [
      { name: 'a', table: 'none', memoryMb: 64 },
      { name: 'a', table: 'none', timeoutSeconds: 901 },
    ]);
    expect(problems.join('\n')).toMatch(/listed twice/);
    expect(problems.join('\n')).toMatch(/memoryMb/);
    expect(problems.join('\n')).toMatch(/timeoutSeconds/);
  });
});

describe('workflow graph', () => {
  const asl = (states: Record<string, unknown>) =>
    JSON.stringify({ StartAt: Object.keys(states)[0], States: states });
  const startChild = (child: string, sync: boolean) => ({
    Type: 'Task',
    Resource: `arn:\${Partition}:states:::states:startExecution${sync ? '.sync:2' : ''}`,
    Parameters: { StateMachineArn: `\${${child}StateMachineArn}` },
    End: true,
  });

  it('reads invoked handlers, children, and which children are awaited with .sync', () => {
    // Prepare
    const definition = asl({
      A: { Type: 'Task', Resource: '${CreateCaseFunctionArn}', Next: 'P' },
      P: {
        Type: 'Parallel',
        Branches: [
          { StartAt: 'S', States: { S: startChild('HumanTask', true) } },
          { StartAt: 'T', States: { T: startChild('Review', false) } },
        ],
        End: true,
      },
    });
    // Act
    const analysis = analyseWorkflow({ name: 'journey', definition });
    // Assess
    expect(analysis.functions).toEqual(['create-case']);
    expect(analysis.children).toEqual(['human-task', 'review']);
    expect(analysis.syncChildren).toEqual(['human-task']);
  });

  it('orders children before parents', () => {
    const journey = analyseWorkflow({ name: 'journey', definition: asl({ S: startChild('Review', true) }) });
    const review = analyseWorkflow({ name: 'review', definition: asl({ S: startChild('HumanTask', true) }) });
    const task = analyseWorkflow({ name: 'human-task', definition: asl({ P: { Type: 'Pass', End: true } }) });
    expect(creationOrder([journey, review, task]).map((w) => w.name)).toEqual([
      'human-task',
      'review',
      'journey',
    ]);
  });

  it('names the cycle when workflows start each other', () => {
    const a = analyseWorkflow({ name: 'a', definition: asl({ S: startChild('B', false) }) });
    const b = analyseWorkflow({ name: 'b', definition: asl({ S: startChild('A', false) }) });
    expect(() => creationOrder([a, b])).toThrow('Workflows call each other in a cycle: a -> b -> a');
  });

  it('names a child that does not exist', () => {
    const a = analyseWorkflow({ name: 'a', definition: asl({ S: startChild('Missing', false) }) });
    expect(() => creationOrder([a])).toThrow(
      /\$\{MissingStateMachineArn\} but there is no workflows\/missing\.asl\.json/,
    );
  });

  it('rejects a definition that is not JSON, naming the file', () => {
    expect(() => analyseWorkflow({ name: 'broken', definition: '{' })).toThrow(
      /workflows\/broken\.asl\.json is not valid JSON/,
    );
  });

  it('the real workflows call only handlers in the manifest, without cycles', () => {
    // Prepare
    const handlers = new Set(FUNCTIONS.map((entry) => entry.name));
    const analyses = listWorkflows(WORKFLOWS_DIR).map((w) =>
      analyseWorkflow({ name: w.name, definition: readDefinition(w.name, WORKFLOWS_DIR) }),
    );
    // Act
    const ordered = creationOrder(analyses);
    // Assess
    expect(ordered).toHaveLength(analyses.length);
    const missing = analyses.flatMap((w) =>
      w.functions.filter((fn) => !handlers.has(fn)).map((fn) => `${w.name} -> ${fn}`),
    );
    expect(missing).toEqual([]);
  });
});

describe('route table', () => {
  const handlers = new Set(FIXTURE_MANIFEST.map((entry) => entry.name));

  it('the real route table names only handlers in the manifest', () => {
    expect(checkRoutes(ROUTES, new Set(FUNCTIONS.map((entry) => entry.name)), PARTNER_SCOPES)).toEqual([]);
  });

  it('accepts the fixture table', () => {
    expect(checkRoutes(FIXTURE_ROUTES, handlers, PARTNER_SCOPES)).toEqual([]);
  });

  it('names each bad route', () => {
    const problems = checkRoutes(
      [
        { method: 'GET', path: '/v1/referrals', handler: 'nobody', auth: 'partner' },
        { method: 'GET', path: 'v1/no-leading-slash', handler: 'get-referral', auth: 'partner' },
        {
          method: 'GET',
          path: '/v1/referrals/{id}',
          handler: 'get-referral',
          auth: 'partner',
          scopes: ['referrals/delete'],
        },
        { method: 'GET', path: '/v1/referrals/{id}', handler: 'get-referral', auth: 'partner' },
        {
          method: 'POST',
          path: '/v1/self-referrals',
          handler: 'self-referral',
          auth: 'public',
          scopes: ['referrals/write'],
        },
      ],
      handlers,
      PARTNER_SCOPES,
    );
    expect(problems).toEqual([
      "GET /v1/referrals: handler 'nobody' has no functions/nobody.ts",
      'GET v1/no-leading-slash: path must look like /v1/referrals/{id}',
      "GET /v1/referrals/{id}: scope 'referrals/delete' is not one of referrals/read, referrals/write, team/read, team/write",
      'GET /v1/referrals/{id}: listed twice',
      'POST /v1/self-referrals: a public route cannot need scopes',
    ]);
  });

  it('defaults partner scopes by method and reads path parameters', () => {
    expect(effectiveScopes({ method: 'GET', path: '/v1/referrals', handler: 'x', auth: 'partner' })).toEqual([
      'referrals/read',
    ]);
    expect(effectiveScopes({ method: 'POST', path: '/v1/referrals', handler: 'x', auth: 'partner' })).toEqual(
      ['referrals/write'],
    );
    expect(effectiveScopes({ method: 'GET', path: '/v1/tasks', handler: 'x', auth: 'staff' })).toEqual([]);
    expect(pathParameters('/v1/reports/{locality}/{quarter}')).toEqual(['locality', 'quarter']);
  });
});

describe('deployment settings', () => {
  const context = (values: Record<string, unknown>) => (key: string) => values[key];

  it('fills defaults and parses command-line strings', () => {
    const config = readDeploymentConfig(
      context({
        senderAddress: 'a@b.example',
        allowedOrigins: 'https://x.example,https://y.example',
        logRetentionDays: '30',
      }),
    );
    expect(config).toMatchObject({
      stage: 'dev',
      region: 'eu-west-2',
      alarmEmail: '',
      logRetentionDays: 30,
      allowedOrigins: ['https://x.example', 'https://y.example'],
    });
  });

  it('names every bad key', () => {
    expect(() =>
      readDeploymentConfig(
        context({
          stage: 'Prod!',
          senderAddress: 'nobody',
          allowedOrigins: ['http://x'],
          logRetentionDays: 31,
        }),
      ),
    ).toThrow(/'stage'[\s\S]*'senderAddress'[\s\S]*'allowedOrigins\.0'[\s\S]*'logRetentionDays'/);
  });

  it('stops without a sender address, saying what to pass', () => {
    expect(() => readDeploymentConfig(context({}))).toThrow(
      /'senderAddress': required: pass -c senderAddress=/,
    );
  });

  it('requires an alarm email for every stage but a developer one', () => {
    expect(() => readDeploymentConfig(context({ stage: 'prod', senderAddress: 'a@b.example' }))).toThrow(
      /'alarmEmail': required for stage 'prod'[\s\S]*-c alarmEmail=/,
    );
    for (const stage of ['dev', 'dev-alice']) {
      expect(readDeploymentConfig(context({ stage, senderAddress: 'a@b.example' })).alarmEmail).toBe('');
    }
    expect(
      readDeploymentConfig(
        context({ stage: 'prod', senderAddress: 'a@b.example', alarmEmail: 'o@b.example' }),
      ).alarmEmail,
    ).toBe('o@b.example');
  });

  it('schedules name distinct workflows with cron expressions', () => {
    expect(new Set(SCHEDULES.map((s) => s.name)).size).toBe(SCHEDULES.length);
    for (const schedule of SCHEDULES)
      expect(schedule.expression).toMatch(/^cron\(\S+ \S+ \S+ \S+ \S+ \S+\)$/);
  });
});
