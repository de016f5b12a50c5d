import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeExecutionCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { createDocumentClient } from '../../shared/adapters/aws/clients';
import { createTables } from '../../shared/adapters/data/create-tables';
import { type Db, getItems } from '../../shared/adapters/data/db';
import { taskKey } from '../../shared/adapters/data/keys';
import { londonTime } from '../../shared/core/calendar';
import type { Task } from '../../shared/core/schemas';
import { LOCAL_ARNS } from '../../workflows/definitions';
import { seedDemoData } from '../api/demo-data';
import { loadOrCreateSigningKey } from '../api/identity/signing-key';
import { LocalUserPool } from '../api/identity/user-pool';
import { generateSecret } from '../api/identity/passwords';
import { type Family, generateFamilies, referralOf } from '../simulate/population';
import { TimeQueue } from '../simulate/queue';
import { type Action, nextActionInstant, order, waves } from '../simulate/run';
import { supervisors } from '../simulate/runtime';
import { actorFor, planAction, planReport } from '../simulate/staff';
import { signForLocalOnly } from '../simulate/unsigned';
import { LOCAL_TABLES, stateMachineArn } from '../stack/environment';
import { seedWorkforce, workforcePlan } from '../stack/workforce';
import { Partner, Staff, setClock } from './clients';
import { FaultInjector, planKills } from './faults';
import { type PartName, Parts } from './parts';
import { readOutcome, type SoakOutcome } from './snapshot';
import { inProgressUntil } from './stranded-records';

// One run of the soak: the simulation's seeded county (local/simulate: families, staff decisions,
// rounds and waves) played against the three parts in their own processes, over HTTP only. Partners
// post referrals to the API with an Idempotency-Key, staff complete tasks through the API, the
// operator moves the engine's virtual clock; new tasks are found from the engine's human-task
// executions and read from the table. With `kills` > 0 the parts are killed at seeded moments.

export interface SoakRunOptions {
  families: number;
  days: number;
  seed: number;
  workers: number;
  start: string;
  /** 0: uninterrupted. */
  kills: number;
  dataDir: string;
  log: (line: string) => void;
}

export interface SoakRun {
  outcome: SoakOutcome;
  kills: Record<PartName, number>;
  referralsSent: number;
  /** Requests that were answered only after one or more attempts got no answer or a 5xx. */
  retriedRequests: number;
  /** Retried completions answered 409 (an earlier attempt had completed the task). */
  completionsDoneByEarlierAttempt: number;
  actionErrors: Record<string, number>;
  wallSeconds: number;
}

/** Each later wave of an instant starts this much later, so retries of the one before fire first. */
const WAVE_STEP_MS = 6 * 60_000;
const MAX_CONCURRENT = 32;
const HUMAN_TASK = stateMachineArn('human-task');
const TASK_EXECUTION = /^([0-9A-HJKMNP-TV-Z]{26})-\d+$/;

export async function runSoak(options: SoakRunOptions): Promise<SoakRun> {
  const started = performance.now();
  const startTime = londonTime(options.start, '08:00').toISOString();
  const end = londonTime(
    new Date(Date.parse(`${options.start}T12:00:00Z`) + options.days * 86_400_000).toISOString().slice(0, 10),
    '00:00',
  ).getTime();
  const parts = await Parts.start(options.dataDir, startTime, options.log);
  const raw = new DynamoDBClient({
    region: LOCAL_ARNS.region,
    endpoint: parts.settings.dynamodbEndpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  signForLocalOnly(raw, 'dynamodb', LOCAL_ARNS.region);
  const db: Db = { client: createDocumentClient(raw), tableName: LOCAL_TABLES.domain };
  const sfn = new SFNClient({
    region: LOCAL_ARNS.region,
    endpoint: parts.engineUrl,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  signForLocalOnly(sfn, 'states', LOCAL_ARNS.region);
  const faults =
    options.kills > 0
      ? new FaultInjector(parts, planKills(options.kills, Date.parse(startTime), end, options.seed), () =>
          inProgressUntil(raw, LOCAL_TABLES.idempotency),
        )
      : undefined;
  try {
    // The tables, the county's staff and their accounts, before the engine and the API start.
    await createTables(raw, LOCAL_TABLES.domain, LOCAL_TABLES.idempotency);
    const plan = workforcePlan({ familySupportWorkers: options.workers });
    await seedWorkforce(db, plan, startTime);
    const people = supervisors();
    await seedWorkforce(db, people, startTime);
    const pool = new LocalUserPool(
      join(options.dataDir, 'identity', 'user-pool.json'),
      loadOrCreateSigningKey(join(options.dataDir, 'identity', 'signing-key.json')),
      () => parts.apiUrl,
      false,
    );
    const demo = await seedDemoData({ db, userPool: pool, dataDir: options.dataDir, now: startTime });
    const passwords = new Map(demo.staff.map((member) => [member.username, member.password]));
    for (const person of [...plan, ...people]) {
      if (passwords.has(person.id)) continue;
      const password = generateSecret(12);
      pool.createUser(person.id);
      await pool.setPassword(person.id, password);
      pool.setGroup(person.id, person.role, true);
      passwords.set(person.id, password);
    }
    await parts.startServices();
    const police = demo.partners.find((partner) => partner.name === 'demo-police')!;
    const partner = new Partner(parts, police.clientId, police.clientSecret);
    const staff = new Staff(parts, pool, passwords);

    const families = generateFamilies(options);
    const byCase = new Map<string, Family>();
    const queue = new TimeQueue<Action>();
    for (const family of families) queue.push(family.referredAt.getTime(), { kind: 'refer', family });
    const occurrences = new Map<string, number>();
    const seenExecutions = new Set<string>();
    const seenTasks = new Set<string>();
    const actionErrors: Record<string, number> = {};
    let referralsSent = 0;
    let retriedRequests = 0;
    let doneByEarlierAttempt = 0;
    let now = Date.parse(startTime);
    let lastProgress = 0;

    const retried = <T>(call: () => Promise<T>): Promise<T> =>
      (async () => {
        for (let attempt = 0; ; attempt += 1) {
          await parts.allUp();
          try {
            return await call();
          } catch (error) {
            if (attempt > 600) throw error;
            await new Promise((done) => setTimeout(done, 500));
          }
        }
      })();

    const moveClock = async (at: number) => {
      const move = () => setClock(parts, new Date(at).toISOString());
      await (faults ? faults.moveClock(move) : move());
      now = at;
    };

    /** New human tasks: the human-task executions not seen yet (newest first, until a page holds none). */
    const learn = async () => {
      const fresh: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await retried(() =>
          sfn.send(new ListExecutionsCommand({ stateMachineArn: HUMAN_TASK, maxResults: 200, nextToken })),
        );
        const unseen = (page.executions ?? []).filter((execution) => !seenExecutions.has(execution.name!));
        for (const execution of unseen) {
          seenExecutions.add(execution.name!);
          const match = TASK_EXECUTION.exec(execution.name!);
          let taskId = match?.[1];
          if (!taskId) {
            const described = await retried(() =>
              sfn.send(new DescribeExecutionCommand({ executionArn: execution.executionArn })),
            );
            taskId = (JSON.parse(described.input ?? '{}') as { taskId?: string }).taskId;
          }
          if (taskId && !seenTasks.has(taskId)) {
            seenTasks.add(taskId);
            fresh.push(taskId);
          }
        }
        nextToken = unseen.length > 0 ? page.nextToken : undefined;
      } while (nextToken);
      if (fresh.length === 0) return;
      const tasks = await retried(() =>
        getItems<Task>(
          db,
          fresh.map((id) => taskKey(id)),
        ),
      );
      for (const task of tasks.sort((a, b) => a.id.localeCompare(b.id))) schedule(task);
    };

    const schedule = (task: Task) => {
      if (!task.caseId) {
        const planned = planReport(task, options.seed);
        if (planned)
          queue.push(Math.max(planned.at.getTime(), nextActionInstant(now)), {
            kind: 'report',
            task,
            plan: planned,
          });
        return;
      }
      const family = byCase.get(task.caseId);
      if (!family) return;
      const key = `${task.caseId}#${task.type}`;
      const occurrence = (occurrences.get(key) ?? 0) + 1;
      occurrences.set(key, occurrence);
      const planned = planAction(task, family, occurrence, options.seed);
      if (!planned || planned.outcome === undefined) return;
      const at = planned.at.getTime() > now ? planned.at.getTime() : nextActionInstant(now);
      queue.push(at, { kind: 'complete', family, task, plan: planned });
    };

    const failed = (what: string, status: number) => {
      const name = `${what}: ${status}`;
      actionErrors[name] = (actionErrors[name] ?? 0) + 1;
    };

    const perform = async (action: Action) => {
      if (action.kind === 'refer') {
        referralsSent += 1;
        const answer = await partner.refer(`soak-family-${action.family.index}`, referralOf(action.family));
        if (answer.retries > 0) retriedRequests += 1;
        if (answer.status !== 201) return failed('referral', answer.status);
        byCase.set((answer.body as { id: string }).id, action.family);
        return;
      }
      // The soak drives the journey only (its casework is the simulation's).
      if (action.kind === 'casework') return;
      const actor = actorFor(action.task);
      if (actor.kind !== 'staff') throw new Error(`task ${action.task.id}: no member of staff acts on it`);
      const answer = await staff.complete(actor.userId, action.task.id, action.plan.outcome);
      if (answer.retries > 0) retriedRequests += 1;
      if (answer.status === 200) return;
      if (answer.status === 409 && answer.retries > 0) {
        doneByEarlierAttempt += 1;
        return;
      }
      failed(action.task.type, answer.status);
    };

    for (;;) {
      const next = queue.peekTime();
      if (next === undefined || next >= end) break;
      const striking = faults?.strike(next);
      await moveClock(next);
      await learn();
      const due = queue.popEarliest();
      if (!due) {
        await striking;
        continue;
      }
      const sorted = due.values.sort((a, b) => order(a).localeCompare(order(b)));
      let wave = 0;
      for (const actions of waves(sorted)) {
        if (wave > 0) {
          await moveClock(due.at + wave * WAVE_STEP_MS);
          await learn();
        }
        wave += 1;
        for (let from = 0; from < actions.length; from += MAX_CONCURRENT)
          await Promise.all(actions.slice(from, from + MAX_CONCURRENT).map(perform));
        // Idle again (a clock move to where it stands answers once the engine is idle).
        await moveClock(now);
        await learn();
      }
      await striking;
      if (performance.now() - lastProgress > 5000) {
        lastProgress = performance.now();
        const killed = Object.values(parts.kills).reduce((a, b) => a + b, 0);
        options.log(
          `${new Date(due.at).toISOString().slice(0, 10)}  referred ${byCase.size}/${families.length}  kills ${killed}  ${Math.round((performance.now() - started) / 1000)} s`,
        );
      }
    }
    if (faults) await faults.strikeRest();
    await moveClock(end);
    await learn();
    await parts.allUp();
    await moveClock(end);
    const outcome = await retried(() => readOutcome(db, sfn));
    return {
      outcome,
      kills: { ...parts.kills },
      referralsSent,
      retriedRequests,
      completionsDoneByEarlierAttempt: doneByEarlierAttempt,
      actionErrors,
      wallSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    raw.destroy();
    sfn.destroy();
    await parts.close();
  }
}
