import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { ulid } from 'ulid';
import { type EngineHandle, startEngine } from '../../local/engine';
import { type LocalEmail, type LocalSesHandle, startLocalSes } from '../../local/ses';
import { resetClients } from '../../shared/adapters/aws/clients';
import { setClockSource } from '../../shared/core/clock';
import { audit, cases, tasks, workers } from '../../shared/adapters/data';
import type { JourneyActor } from '../../shared/domain/journey';
import { completeTask } from '../../shared/domain/journey';
import { receiveReferral } from '../../shared/domain/journey/referral';
import type { AuditEvent, Case, Task, Worker } from '../../shared/core/schemas';
import {
  LOCAL_ARNS,
  listWorkflows,
  localResolver,
  placeholdersOf,
  readDefinition,
  renderDefinition,
} from '../../workflows/definitions';
import { validPartnerReferral } from './fixtures';
import { createTestTables, type TestTables } from './tables';
import type { StaffRole } from '../../shared/core/vocabulary/roles';
import type { TaskType } from '../../shared/core/config/task-types.generated';

// The journey end to end on one machine: the project's Step Functions engine on a virtual clock,
// DynamoDB Local (the run's one instance, fresh tables per file) and the local SES. The workflows
// are registered from workflows/*.asl.json rendered with localResolver(), and every handler they
// name is registered as a local Lambda from functions/<name>.ts, so the journey runs exactly the
// definitions and handlers that deploy.

export const PAGES_BASE_URL = 'https://pages.sfw.example';
const ROLE_ARN = `arn:aws:iam::${LOCAL_ARNS.accountId}:role/local-stepfunctions`;

export interface StaffSet {
  duty: Worker;
  /** First Response's duty manager (county-wide): told first when a screen is late. */
  dutyManager: Worker;
  hub: Worker;
  senior: Worker;
  manager: Worker;
  head: Worker;
  workers: Worker[];
}

export interface JourneyHarness {
  engine: EngineHandle;
  ses: LocalSesHandle;
  tables: TestTables;
  sfn: SFNClient;
  now(): Date;
  /** Moves the virtual clock to `iso`, firing every timer on the way, and waits until all is quiet. */
  advanceTo(iso: string): Promise<void>;
  settle(): Promise<void>;
  /** Family support workers (capacity in units) and the roles above them in a locality. */
  staffLocality(locality: string, options?: { workers?: number; capacity?: number }): Promise<StaffSet>;
  staffActor(worker: Worker): JourneyActor;
  refer(overrides?: Record<string, unknown>): Promise<Case>;
  caseOf(caseId: string): Promise<Case>;
  tasksOf(caseId: string): Promise<Task[]>;
  openTask(caseId: string, type?: TaskType): Promise<Task>;
  complete(task: Task, actor: JourneyActor, outcome: unknown): Promise<void>;
  /** Every task token seen on a task record before it was completed (to prove none reached an email). */
  tokensSeen: string[];
  auditOf(caseId: string): Promise<AuditEvent[]>;
  emails(): Promise<LocalEmail[]>;
  emailsTo(address: string): Promise<LocalEmail[]>;
  /**
   * Runs `around` instead of a workflow handler (it may call the real one through `next`), to stage a
   * race at an exact point of a workflow; `restore` puts the real handler back.
   */
  intercept(
    name: string,
    around: (event: unknown, next: (event: unknown) => Promise<unknown>) => Promise<unknown>,
  ): { restore(): void };
  /** Every execution of a state machine with its status and history event count. */
  executions(workflow: string): Promise<{ name: string; status: string; events: number }[]>;
  /**
   * Stops the engine and starts it again on the same store (a `dataDir` harness only), as a crash and
   * restart of the local stack would: executions, their timers and the clock carry on from the store.
   */
  restartEngine(): Promise<void>;
  close(): Promise<void>;
}

/** Handlers named by the workflows' `${XFunctionArn}` placeholders, imported from functions/. */
async function workflowHandlers(): Promise<
  Map<string, (event: unknown, context: unknown) => Promise<unknown>>
> {
  const handlers = new Map<string, (event: unknown, context: unknown) => Promise<unknown>>();
  for (const workflow of listWorkflows()) {
    for (const placeholder of placeholdersOf(readDefinition(workflow.name))) {
      if (placeholder.kind !== 'function' || handlers.has(placeholder.name)) continue;
      const module = (await import(`../../functions/${placeholder.name}.ts`)) as {
        handler: (event: unknown, context: unknown) => Promise<unknown>;
      };
      handlers.set(placeholder.name, module.handler);
    }
  }
  return handlers;
}

export async function startJourneyHarness(options: {
  startTime: string;
  label?: string;
  /** A directory for the engine's store, so restartEngine() can reopen it (default: in memory). */
  dataDir?: string;
}): Promise<JourneyHarness> {
  const tables = await createTestTables(options.label ?? 'journey');
  const ses = await startLocalSes();
  const stateMachineArn = (name: string) =>
    `arn:aws:states:${LOCAL_ARNS.region}:${LOCAL_ARNS.accountId}:stateMachine:${name}`;
  Object.assign(process.env, {
    AWS_REGION: LOCAL_ARNS.region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    TABLE_NAME: tables.tableName,
    IDEMPOTENCY_TABLE_NAME: tables.idempotencyTableName,
    AWS_ENDPOINT_URL_DYNAMODB: tables.endpoint,
    AWS_ENDPOINT_URL_SESV2: ses.endpoint,
    SENDER_ADDRESS: 'tasks@sfw.example',
    PAGES_BASE_URL,
    JOURNEY_STATE_MACHINE_ARN: stateMachineArn('journey'),
    HUMAN_TASK_STATE_MACHINE_ARN: stateMachineArn('human-task'),
  });
  const handlers = await workflowHandlers();
  const launch = async (startTime: string) => {
    const started = await startEngine({
      port: 0,
      dataDir: options.dataDir ?? ':memory:',
      virtualClock: true,
      startTime,
      lambdas: new Map(handlers),
      awsEndpoints: { dynamodb: tables.endpoint, sesv2: ses.endpoint },
    });
    process.env.AWS_ENDPOINT_URL_SFN = started.endpoint;
    resetClients();
    setClockSource(() => started.clock.now());
    const client = new SFNClient({
      region: LOCAL_ARNS.region,
      endpoint: started.endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    return { started, client };
  };
  let { started: engine, client: sfn } = await launch(options.startTime);
  for (const workflow of listWorkflows()) {
    await sfn.send(
      new CreateStateMachineCommand({
        name: workflow.name,
        definition: renderDefinition(readDefinition(workflow.name), localResolver()),
        roleArn: ROLE_ARN,
        type: 'STANDARD',
      }),
    );
  }

  const db = tables.db;
  const settle = () => engine.waitForIdle();
  let staffCount = 0;

  async function person(role: StaffRole, area: string, capacity = 0): Promise<Worker> {
    staffCount += 1;
    const id = `${role
      .split('-')
      .map((word) => word[0])
      .join('')}-${area.slice(0, 6)}-${staffCount}`;
    return workers.createWorker(
      db,
      {
        id,
        name: `Staff ${staffCount}`,
        email: `${id}@staff.sfw.example`,
        role,
        area,
        active: true,
        capacity,
      },
      engine.clock.now().toISOString(),
    );
  }

  const harness: JourneyHarness = {
    engine,
    ses,
    tables,
    sfn,
    now: () => engine.clock.now(),
    async advanceTo(iso) {
      await settle();
      if (Date.parse(iso) > engine.clock.now().getTime()) await engine.clock.set(iso);
      await settle();
    },
    settle,
    async staffLocality(locality, staffing = {}) {
      const count = staffing.workers ?? 2;
      const fsws: Worker[] = [];
      for (let index = 0; index < count; index += 1) {
        fsws.push(await person('family-support-worker', locality, staffing.capacity ?? 30));
      }
      return {
        duty: await person('duty-social-worker', 'county'),
        dutyManager: await person('duty-manager', 'county'),
        hub: await person('hub-coordinator', locality),
        senior: await person('senior', locality),
        manager: await person('locality-manager', locality),
        head: await person('head-of-service', 'county'),
        workers: fsws,
      };
    },
    staffActor: (worker) => ({ kind: 'staff', userId: worker.id, role: worker.role, area: worker.area }),
    async refer(overrides = {}) {
      const body = { ...validPartnerReferral(), ...overrides };
      // Each referral its own child and address, so none is flagged as a duplicate of another.
      const tag = ulid().slice(-8);
      body.family.members[1].givenName = `Child${tag}`;
      body.family.address.line1 = `${tag} Test Road`;
      // and its own family name: the family-match rules also find a shared name and date of birth
      for (const member of body.family.members) member.familyName = `Example${tag}`;
      const received = await receiveReferral(
        db,
        body,
        { kind: 'partner', partnerId: 'demo-police' },
        engine.clock.now(),
      );
      await settle();
      return cases.requireCase(db, received.caseId);
    },
    caseOf: (caseId) => cases.requireCase(db, caseId),
    async tasksOf(caseId) {
      return (await tasks.listTasksForCase(db, caseId)).sort((a, b) =>
        a.createdAt.localeCompare(b.createdAt),
      );
    },
    async openTask(caseId, type) {
      const open = (await tasks.listOpenTasksForCase(db, caseId)).filter(
        (task) => !type || task.type === type,
      );
      if (open.length !== 1) {
        throw new Error(`expected one open ${type ?? ''} task for ${caseId}, found ${open.length}`);
      }
      return open[0]!;
    },
    tokensSeen: [],
    async complete(task, actor, outcome) {
      const stored = await tasks.getTask(db, task.id);
      if (stored?.taskToken) harness.tokensSeen.push(stored.taskToken);
      await completeTask(db, task.id, actor, outcome, engine.clock.now());
      await settle();
    },
    async auditOf(caseId) {
      const events: AuditEvent[] = [];
      let cursor: string | undefined;
      do {
        const page = await audit.listAuditEvents(db, `case#${caseId}`, {
          limit: 500,
          ...(cursor ? { cursor } : {}),
        });
        events.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return events;
    },
    emails: () => ses.emails(),
    async emailsTo(address) {
      return (await ses.emails()).filter((email) => email.destination.to.includes(address));
    },
    intercept(name, around) {
      const real = handlers.get(name);
      if (!real) throw new Error(`no workflow handler ${name}`);
      engine.registerLambda(name, (event, context) => around(event, (inner) => real(inner, context)));
      return { restore: () => engine.registerLambda(name, real) };
    },
    async executions(workflow) {
      const found: { name: string; status: string; events: number }[] = [];
      let nextToken: string | undefined;
      do {
        const page = await sfn.send(
          new ListExecutionsCommand({
            stateMachineArn: stateMachineArn(workflow),
            ...(nextToken ? { nextToken } : {}),
          }),
        );
        for (const execution of page.executions ?? []) {
          let events = 0;
          let historyToken: string | undefined;
          do {
            const history = await sfn.send(
              new GetExecutionHistoryCommand({
                executionArn: execution.executionArn!,
                maxResults: 1000,
                ...(historyToken ? { nextToken: historyToken } : {}),
              }),
            );
            events += history.events?.length ?? 0;
            historyToken = history.nextToken;
          } while (historyToken);
          const described = await sfn.send(
            new DescribeExecutionCommand({ executionArn: execution.executionArn! }),
          );
          found.push({ name: execution.name!, status: described.status!, events });
        }
        nextToken = page.nextToken;
      } while (nextToken);
      return found;
    },
    async restartEngine() {
      if (!options.dataDir) throw new Error('restartEngine needs a harness started with a dataDir');
      const at = engine.clock.now().toISOString();
      sfn.destroy();
      await engine.close();
      ({ started: engine, client: sfn } = await launch(at));
      harness.engine = engine;
      harness.sfn = sfn;
      await settle();
    },
    async close() {
      setClockSource(undefined);
      sfn.destroy();
      await engine.close();
      await ses.close();
      resetClients();
      await tables.drop();
    },
  };
  return harness;
}
