import { londonTime } from '../../shared/core/calendar';
import { getItems } from '../../shared/adapters/data/db';
import { taskKey } from '../../shared/adapters/data/keys';
import { TaskNotOpenError } from '../../shared/adapters/data/tasks';
import { completeTask, receiveReferral } from '../../shared/domain/journey';
import { completeReportTask } from '../../shared/domain/reporting/complete';
import type { Task } from '../../shared/core/schemas';
import { asHandler, type Meters, newMeters } from './meters';
import {
  ACTION_HOURS,
  DEFAULT_STEP_DOWN_SHARE,
  DEFAULT_URGENT_SHARE,
  type Family,
  generateFamilies,
  referralOf,
} from './population';
import { TimeQueue } from './queue';
import { type SimulationRuntime, startSimulationRuntime } from './runtime';
import { actorFor, type PlannedAction, planAction, planReport } from './staff';
import { defaultDb } from '../../shared/adapters/data/db';
import { getCase } from '../../shared/adapters/data/cases';
import { CASEWORK_EVERY_DAYS, CASEWORK_HANDLERS, type CaseworkKind, doCasework } from './casework';
import { COUNTY } from '../../shared/core/vocabulary/areas';

// The simulation's main loop. Pending actions (referrals arriving, staff completing tasks) sit in a
// queue by instant. For each instant the engine's clock is moved there first (firing every reminder,
// escalation and timeout due on the way, in order), then the instant's actions run in waves: all at
// once, except that at most one action per locality that can move its free places (an allocation, a
// closure, a case ending) runs per wave, so who gets a place never depends on how the engine
// interleaves concurrent work. New tasks are learned from the token registration handler, read once,
// and answered by the staff model.

export interface SimulationOptions {
  families: number;
  days: number;
  seed: number;
  workers: number;
  /** First day of the period (YYYY-MM-DD), default the financial year 2026-27. */
  start: string;
  /** The share of referrals with an immediate safeguarding concern (default DEFAULT_URGENT_SHARE). */
  urgentShare?: number;
  /** The share of referrals stepped down from children's social care (default DEFAULT_STEP_DOWN_SHARE). */
  stepDownShare?: number;
  /** The share of referrals that are a family referred again (default DEFAULT_RE_REFERRAL_SHARE). */
  reReferralShare?: number;
  onProgress?: (progress: Progress) => void;
  /**
   * Answer the handlers' emails in process (in-process-ses.ts) instead of through the local SES, whose
   * inbox then stays empty: for runs no one reads the emails of (`npm run simulate`, the bench).
   */
  emailsInProcess?: boolean;
}

export interface Progress {
  simulatedDate: string;
  referred: number;
  actionsDone: number;
  openExecutions?: number;
  wallSeconds: number;
}

export interface ActionRecord {
  type: string;
  decision: string;
}

export interface SimulationRun {
  options: Omit<SimulationOptions, 'onProgress'>;
  families: Family[];
  meters: Meters;
  runtime: SimulationRuntime;
  /** Actions that failed, by error name (each a bug to look at: none is expected). */
  actionErrors: Record<string, number>;
  /**
   * Completions by simulated staff that found the task no longer open, by type and status: the staff
   * learn of a task when it opens and complete it at a planned later instant, and meanwhile the system
   * may end it (a plan-action task cancelled when its action is dropped or its goal ends at a review,
   * or completed when the action is marked done in the plan). The product's answer (409, "already
   * cancelled" or "already completed") is the expected outcome of that race, so these are not errors.
   */
  completionsOfEndedTasks: Record<string, number>;
  actions: ActionRecord[];
  tasksSeen: number;
  reportTasksSeen: number;
  /** The key worker's casework done between tasks (casework.ts), by kind. */
  casework: Record<CaseworkKind, number>;
  wallSeconds: number;
  /** Where the wall time went: moving the clock (timers), staff and partner actions, reading new tasks. */
  timing: {
    startupSeconds: number;
    clockSeconds: number;
    actionSeconds: number;
    learnSeconds: number;
    instants: number;
    waves: number;
    /** CPU seconds of this process and of DynamoDB Local over the whole run, start included. */
    cpuSeconds: { node: number; dynamodbLocal?: number };
  };
  endTime: Date;
}

/** The next office-hour instant strictly after `instant`. */
export function nextActionInstant(instant: number): number {
  const at = new Date(instant);
  for (let day = 0; day < 10; day += 1) {
    const date = new Date(at.getTime() + day * 86_400_000).toISOString().slice(0, 10);
    for (const hour of ACTION_HOURS) {
      const candidate = londonTime(date, `${String(hour).padStart(2, '0')}:00`).getTime();
      if (candidate > instant) return candidate;
    }
  }
  return instant + 3_600_000;
}

export type Action =
  | { kind: 'refer'; family: Family }
  | { kind: 'complete'; family: Family; task: Task; plan: PlannedAction }
  | { kind: 'report'; task: Task; plan: PlannedAction }
  | { kind: 'casework'; family: Family; work: CaseworkKind; count: number };

const MAX_CONCURRENT = 64;
// From a 330-family year up (about 60,000 DynamoDB requests) C2 was measured to use less CPU than C1
// only; the test suite's shorter runs keep C1 (docs/decisions.md, "C2 for the county-year").
const LONG_RUN_FAMILY_DAYS = 330 * 365;

function movesCapacity(action: Action): boolean {
  return action.kind === 'complete' && action.plan.movesCapacity;
}

/** Splits one instant's actions into waves with at most one capacity move per locality each. */
export function waves(actions: Action[]): Action[][] {
  const result: Action[][] = [];
  let rest = actions;
  while (rest.length > 0) {
    const wave: Action[] = [];
    const later: Action[] = [];
    const used = new Set<string>();
    for (const action of rest) {
      // Casework runs after the instant's journey work, in a wave of its own, so a plan write never
      // races the review that saves the same plan.
      if (action.kind === 'casework' && rest.some((other) => other.kind !== 'casework')) {
        later.push(action);
        continue;
      }
      if (action.kind === 'complete' && movesCapacity(action)) {
        if (used.has(action.family.locality)) {
          later.push(action);
          continue;
        }
        used.add(action.family.locality);
      }
      wave.push(action);
    }
    result.push(wave);
    rest = later;
  }
  return result;
}

/** The order of one instant's actions: completions, then referrals, then reports, each by family. */
export function order(action: Action): string {
  switch (action.kind) {
    case 'refer':
      return `1#${String(action.family.index).padStart(8, '0')}`;
    case 'complete':
      return `0#${String(action.family.index).padStart(8, '0')}#${action.task.type}`;
    case 'report':
      return `2#${action.task.type}#${action.task.period}#${action.task.area}`;
    case 'casework':
      return `3#${String(action.family.index).padStart(8, '0')}#${action.work}`;
  }
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size) {
    await Promise.all(items.slice(start, start + size).map(fn));
  }
}

export async function runSimulation(options: SimulationOptions): Promise<SimulationRun> {
  const started = performance.now();
  const meters = newMeters();
  const families = generateFamilies({
    ...options,
    stepDownShare: options.stepDownShare ?? DEFAULT_STEP_DOWN_SHARE,
  });
  const byCase = new Map(families.map((family) => [family.caseId, family]));
  const discovered = new Set<string>();
  let fresh: string[] = [];
  const runtime = await startSimulationRuntime({
    startTime: londonTime(options.start, '08:00').toISOString(),
    familySupportWorkers: options.workers,
    meters,
    longRun: options.families * options.days >= LONG_RUN_FAMILY_DAYS,
    emailsInProcess: options.emailsInProcess ?? false,
    leanClients: true,
    observe(name, event) {
      if (name !== 'register-task-token') return;
      const taskId = (event as { taskId?: string }).taskId;
      if (taskId && !discovered.has(taskId)) {
        discovered.add(taskId);
        fresh.push(taskId);
      }
    },
  });
  const { engine } = runtime;
  const timing = {
    startupSeconds: (performance.now() - started) / 1000,
    clockSeconds: 0,
    actionSeconds: 0,
    learnSeconds: 0,
    instants: 0,
    waves: 0,
    cpuSeconds: { node: 0 } as { node: number; dynamodbLocal?: number },
  };
  const timed = async <T>(
    bucket: 'clockSeconds' | 'actionSeconds' | 'learnSeconds',
    work: () => Promise<T>,
  ): Promise<T> => {
    const from = performance.now();
    try {
      return await work();
    } finally {
      timing[bucket] += (performance.now() - from) / 1000;
    }
  };
  const end = londonTime(
    new Date(Date.parse(`${options.start}T12:00:00Z`) + options.days * 86_400_000).toISOString().slice(0, 10),
    '00:00',
  );

  const queue = new TimeQueue<Action>();
  for (const family of families) queue.push(family.referredAt.getTime(), { kind: 'refer', family });
  const occurrences = new Map<string, number>();
  const actionErrors: Record<string, number> = {};
  const completionsOfEndedTasks: Record<string, number> = {};
  const actions: ActionRecord[] = [];
  let referred = 0;
  let tasksSeen = 0;
  let reportTasksSeen = 0;
  let lastProgress = 0;
  const casework: Record<CaseworkKind, number> = {
    'plan-written': 0,
    'case-note': 0,
    'plan-update': 0,
    'taf-meeting': 0,
    'outcome-evidence': 0,
  };
  const after = (at: Date, days: number) => nextActionInstant(at.getTime() + days * 86_400_000);
  const startCasework = (family: Family, at: Date) => {
    queue.push(nextActionInstant(at.getTime()), { kind: 'casework', family, work: 'plan-written', count: 0 });
    for (const [work, days] of Object.entries(CASEWORK_EVERY_DAYS) as [CaseworkKind, number][])
      queue.push(after(at, days), { kind: 'casework', family, work, count: 0 });
  };

  const learnNewTasks = async () => {
    while (fresh.length > 0) {
      const ids = fresh;
      fresh = [];
      for (const task of await getItems<Task>(
        runtime.db,
        ids.map((id) => taskKey(id)),
      ))
        schedule(task);
    }
  };

  const schedule = (task: Task) => {
    tasksSeen += 1;
    if (!task.caseId) {
      reportTasksSeen += 1;
      const plan = planReport(task, options.seed);
      if (plan)
        queue.push(Math.max(plan.at.getTime(), nextActionInstant(engine.clock.now().getTime())), {
          kind: 'report',
          task,
          plan,
        });
      return;
    }
    const family = byCase.get(task.caseId);
    if (!family) return;
    const key = `${task.caseId}#${task.type}`;
    const occurrence = (occurrences.get(key) ?? 0) + 1;
    occurrences.set(key, occurrence);
    const plan = planAction(task, family, occurrence, options.seed);
    if (!plan) return;
    if (plan.outcome === undefined) {
      actions.push({ type: task.type, decision: plan.decision });
      return;
    }
    const now = engine.clock.now().getTime();
    const at = plan.at.getTime() > now ? plan.at.getTime() : nextActionInstant(now);
    queue.push(at, { kind: 'complete', family, task, plan });
  };

  const perform = async (action: Action, at: Date) => {
    try {
      meters.apiRequests += 1;
      meters.lambda.total += 1;
      if (action.kind === 'refer') {
        meters.lambda.invocations['submit-referral'] =
          (meters.lambda.invocations['submit-referral'] ?? 0) + 1;
        await asHandler('submit-referral', () =>
          receiveReferral(
            defaultDb(),
            referralOf(action.family),
            // A step-down is recorded by children's social care (First Response) through the staff route.
            action.family.stepDown
              ? { kind: 'staff', userId: 'duty', role: 'duty-social-worker', area: COUNTY }
              : { kind: 'partner', partnerId: 'demo-police' },
            at,
            {
              caseId: action.family.caseId,
            },
          ),
        );
        referred += 1;
      } else if (action.kind === 'report') {
        meters.lambda.invocations['complete-task'] = (meters.lambda.invocations['complete-task'] ?? 0) + 1;
        await asHandler('complete-task', () =>
          completeReportTask(defaultDb(), action.task.id, actorFor(action.task), action.plan.outcome, at),
        );
        actions.push({ type: action.task.type, decision: action.plan.decision });
      } else if (action.kind === 'casework') {
        const handler = CASEWORK_HANDLERS[action.work];
        meters.lambda.invocations[handler] = (meters.lambda.invocations[handler] ?? 0) + 1;
        const done = await asHandler(handler, async () => {
          const record = await getCase(defaultDb(), action.family.caseId);
          // Casework goes on while the family is in support, and stops for good once it is not.
          if (record?.status !== 'SUPPORT') return undefined;
          return doCasework(defaultDb(), record, action.work, at, action.count);
        });
        if (done === undefined) return;
        if (done) casework[action.work] += 1;
        if (action.work !== 'plan-written')
          queue.push(after(at, CASEWORK_EVERY_DAYS[action.work]), { ...action, count: action.count + 1 });
      } else {
        meters.lambda.invocations['complete-task'] = (meters.lambda.invocations['complete-task'] ?? 0) + 1;
        await asHandler('complete-task', () =>
          completeTask(defaultDb(), action.task.id, actorFor(action.task), action.plan.outcome, at),
        );
        actions.push({ type: action.task.type, decision: action.plan.decision });
        if (action.task.type === 'assessment') startCasework(action.family, at);
      }
    } catch (error) {
      if (action.kind === 'complete' && error instanceof TaskNotOpenError) {
        const key = `${action.task.type} ${error.status.toLowerCase().replace('_', ' ')}`;
        completionsOfEndedTasks[key] = (completionsOfEndedTasks[key] ?? 0) + 1;
        return;
      }
      const what =
        action.kind === 'refer' ? 'referral' : action.kind === 'casework' ? action.work : action.task.type;
      const name = `${what}: ${(error as Error).name}`;
      if (process.env.SIMULATION_DEBUG) console.error(name, (error as Error).message);
      actionErrors[name] = (actionErrors[name] ?? 0) + 1;
    }
  };

  for (;;) {
    const next = queue.peekTime();
    if (next === undefined || next >= end.getTime()) break;
    await timed('clockSeconds', () => engine.clock.set(new Date(next).toISOString()));
    await timed('learnSeconds', learnNewTasks);
    const due = queue.popEarliest();
    if (!due) continue;
    timing.instants += 1;
    const at = new Date(due.at);
    const sorted = due.values.sort((a, b) => order(a).localeCompare(order(b)));
    for (const wave of waves(sorted)) {
      timing.waves += 1;
      await timed('actionSeconds', async () => {
        await inBatches(wave, MAX_CONCURRENT, (action) => perform(action, at));
        await engine.waitForIdle();
      });
      await timed('learnSeconds', learnNewTasks);
    }
    if (options.onProgress && performance.now() - lastProgress > 2000) {
      lastProgress = performance.now();
      options.onProgress({
        simulatedDate: at.toISOString().slice(0, 10),
        referred,
        actionsDone: actions.length,
        openExecutions: engine.runningExecutions(),
        wallSeconds: (performance.now() - started) / 1000,
      });
    }
  }
  await timed('clockSeconds', () => engine.clock.set(end.toISOString()));
  await timed('learnSeconds', learnNewTasks);
  timing.cpuSeconds = runtime.cpuSeconds();

  return {
    options: {
      families: options.families,
      days: options.days,
      seed: options.seed,
      workers: options.workers,
      start: options.start,
      // The shares as run, so the summary says what was asked for (the defaults when not given).
      urgentShare: options.urgentShare ?? DEFAULT_URGENT_SHARE,
      stepDownShare: options.stepDownShare ?? DEFAULT_STEP_DOWN_SHARE,
    },
    families,
    meters,
    runtime,
    actionErrors,
    completionsOfEndedTasks,
    actions,
    tasksSeen,
    reportTasksSeen,
    casework,
    wallSeconds: (performance.now() - started) / 1000,
    timing,
    endTime: end,
  };
}
