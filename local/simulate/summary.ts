import { DescribeExecutionCommand, ListExecutionsCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { londonDate, nextQuarter, quarterOf } from '../../shared/core/calendar';
import { getClaimCycle } from '../../shared/adapters/data/claims';
import { countsIn } from '../../shared/domain/claims/figures';
import { getConfig } from '../../shared/core/config';
import { type Db, getItems } from '../../shared/adapters/data/db';
import { caseKey } from '../../shared/adapters/data/keys';
import { listTasksForCase } from '../../shared/adapters/data/tasks';
import { allWorkers } from '../../shared/adapters/data/workers';
import type { Case, Task, Worker } from '../../shared/core/schemas';
import { stateMachineArn } from '../stack/environment';
import { CASEWORK_EVERY_DAYS, CASEWORK_HANDLERS, CASEWORK_KINDS, type CaseworkKind } from './casework';
import { type CostEstimate, EU_WEST_2_PRICES, estimateCost } from './pricing';
import type { Family } from './population';
import type { SimulationRun } from './run';
import { isCaseTaskType, isReportTaskType } from '../../shared/domain/tasks/types';
import { isOpenStatus } from '../../shared/core/vocabulary/cases';
import { isStepDown } from '../../shared/core/vocabulary/referrals';

// What a partnership and an engineer would ask of a simulated year, read from the records the
// product itself wrote (cases, tasks, workers), the engine's totals and the meters.

export interface LocalityFigures {
  locality: string;
  name: string;
  families: number;
  statuses: Record<string, number>;
  assessments: number;
  assessmentsOnTimePercent: number | null;
  reviews: number;
  reviewsAt12WeeksPercent: number | null;
  waitingListPeak: number;
  longestWaitDays: number;
  workers: number;
  caseloadUnits: number;
  capacityUnits: number;
  caseloadPercent: number;
  openCasesHeld: number;
  closuresByReason: Record<string, number>;
  /** Urgent screens (immediate safeguarding concerns) completed, and the share within their hour. */
  urgentScreens: number;
  urgentScreensInTimePercent: number | null;
  /** Step-downs from children's social care, their share of referrals, and how many were screened (0: they skip it). */
  stepDowns: number;
  stepDownPercent: number | null;
  stepDownsScreened: number;
  /** Families the simulation referred again (issue 17). */
  reReferralsSimulated: number;
  /** Of those, the ones whose earlier record the screen was shown as a possible match. */
  reReferralsMatched: number;
  /** Referrals the report counts as re-referrals (the earlier record ended within 12 months). */
  reReferralsCounted: number;
  reReferralsCountedPercent: number | null;
}

export interface SimulationSummary {
  options: SimulationRun['options'];
  period: { from: string; to: string };
  wallSeconds: number;
  timing: SimulationRun['timing'];
  familiesPerSecond: number;
  partnership: Omit<LocalityFigures, 'locality' | 'name'>;
  localities: LocalityFigures[];
  reconciliation: {
    families: number;
    casesFound: number;
    /** Families whose case is in exactly one status (every family, when the books balance). */
    inOneState: number;
    openCases: number;
    endedCases: number;
    actionErrors: Record<string, number>;
    /**
     * Completions by simulated staff that found the task no longer open, by type and status: the staff
     * racing the system (run.ts, `completionsOfEndedTasks`), not errors.
     */
    completionsOfEndedTasks: Record<string, number>;
  };
  engine: {
    executions: Record<string, Record<string, number>>;
    failedExecutions: number;
    /** The first few failed executions with their error and cause, to look into. */
    failures: { execution: string; error: string; cause: string }[];
    stuckExecutions: number;
    openCasesWithoutJourney: number;
    openTasksOnEndedCases: number;
    /** Cases with more than one open journey task (the journey waits on one at a time). */
    casesWithSeveralOpenTasks: number;
    stateTransitions: number;
    transitionsPerFamilyYear: number;
    historyEvents: number;
    largestHistory?: { executionArn: string; events: number };
  };
  work: {
    lambdaInvocations: Record<string, number>;
    lambdaTotal: number;
    dynamodb: SimulationRun['meters']['dynamodb'] & {
      writesPerFamily: number;
      writeUnitsPerFamily: number;
      readsPerFamily: number;
    };
    emails: number;
    apiRequests: number;
    tasks: number;
    reportTasks: number;
    reportTasksCompleted: number;
  };
  cost: CostEstimate & { perFamilyYear: number; familyYears: number };
  /**
   * The key worker's casework between tasks (case notes, plan updates, Team Around the Family
   * meetings) at the assumed rates: how many, and what each kind cost (its requests, Lambda
   * invocations and DynamoDB units; already inside `cost`), per family-year.
   */
  casework: {
    assumedEveryDays: Record<string, number>;
    kinds: Record<
      CaseworkKind,
      { count: number; perFamilyYear: number; cost: number; costPerFamilyYear: number }
    >;
  };
  /** The results claim of each quarter the run covered (issue #19): the claim cycle's stored list and claim. */
  claims: {
    window: string;
    status: string;
    claimable: number;
    sampled: number;
    failedAudit: number;
    claimed: number;
  }[];
}

/** Each quarter's results claim from the claim cycle's stored records (none: the cycle has not run for it). */
async function claimsPerQuarter(db: Db, from: string, to: string): Promise<SimulationSummary['claims']> {
  const found: SimulationSummary['claims'] = [];
  for (let quarter = quarterOf(from); quarter.start <= to; quarter = nextQuarter(quarter)) {
    const cycle = await getClaimCycle(db, quarter.id);
    if (!cycle) continue;
    found.push({
      window: cycle.window,
      status: cycle.status,
      claimable: cycle.families.length,
      sampled: cycle.families.filter((family) => countsIn(family, 'sampled')).length,
      failedAudit: cycle.families.filter((family) => countsIn(family, 'failedAudit')).length,
      claimed: cycle.families.filter((family) => countsIn(family, 'claimed')).length,
    });
  }
  return found;
}

/** What each kind of casework cost: its API request, its invocation and its DynamoDB units (Lambda time not split). */
function caseworkFigures(run: SimulationRun, familyYears: number): SimulationSummary['casework'] {
  const prices = EU_WEST_2_PRICES;
  const years = Math.max(familyYears, 1e-9);
  const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;
  const kinds = Object.fromEntries(
    CASEWORK_KINDS.map((kind) => {
      const handler = CASEWORK_HANDLERS[kind];
      const units = run.meters.dynamodb.unitsByHandler[handler] ?? { read: 0, write: 0 };
      const invocations = run.meters.lambda.invocations[handler] ?? 0;
      const cost =
        invocations * (prices.lambdaPerRequest + prices.apiGatewayPerRequest) +
        units.write * prices.dynamodbPerWriteUnit +
        units.read * prices.dynamodbPerReadUnit;
      const count = run.casework[kind];
      return [
        kind,
        { count, perFamilyYear: round(count / years, 1), cost, costPerFamilyYear: round(cost / years, 6) },
      ];
    }),
  ) as SimulationSummary['casework']['kinds'];
  return { assumedEveryDays: { ...CASEWORK_EVERY_DAYS }, kinds };
}

/**
 * The simulated families' cases (by key, a hundred a request), their tasks (each case's own index
 * partition) and the family support workers (by locality): what the summary needs, read by key rather
 * than by scanning a table that holds every audit event of the year.
 */
async function readRecords(
  db: Db,
  caseIds: string[],
  localities: string[],
): Promise<{ cases: Case[]; tasks: Task[]; workers: Worker[] }> {
  const cases = await getItems<Case>(
    db,
    caseIds.map((id) => caseKey(id)),
  );
  const tasks: Task[] = [];
  await pool(cases, 8, async (record) => {
    tasks.push(...(await listTasksForCase(db, record.id)));
  });
  const workers: Worker[] = [];
  await pool(localities, 4, async (locality) => {
    workers.push(...(await allWorkers(db, locality, 'family-support-worker')));
  });
  return { cases, tasks, workers };
}

/** Runs `fn` over `items` with at most `width` at a time. */
async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

async function failuresOf(sfn: SFNClient, workflows: string[]) {
  const failures: { execution: string; error: string; cause: string }[] = [];
  for (const workflow of workflows) {
    const listed = await sfn.send(
      new ListExecutionsCommand({
        stateMachineArn: stateMachineArn(workflow),
        statusFilter: 'FAILED',
        maxResults: 5,
      }),
    );
    for (const execution of listed.executions ?? []) {
      const described = await sfn.send(
        new DescribeExecutionCommand({ executionArn: execution.executionArn }),
      );
      failures.push({
        execution: `${workflow}/${execution.name}`,
        error: described.error ?? '',
        cause: (described.cause ?? '').slice(0, 400),
      });
    }
  }
  return failures;
}

async function runningNames(sfn: SFNClient, workflow: string): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new ListExecutionsCommand({
        stateMachineArn: stateMachineArn(workflow),
        statusFilter: 'RUNNING',
        maxResults: 1000,
        ...(nextToken ? { nextToken } : {}),
      }),
    );
    names.push(...(page.executions ?? []).map((execution) => execution.name!));
    nextToken = page.nextToken;
  } while (nextToken);
  return names;
}

const percent = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((1000 * part) / whole) / 10;

function waitingFigures(cases: Case[], end: Date): { peak: number; longestDays: number } {
  const changes: { at: number; delta: number }[] = [];
  let longest = 0;
  for (const record of cases) {
    const history = [...record.statusHistory].sort((a, b) => a.at.localeCompare(b.at));
    history.forEach((change, index) => {
      if (change.status !== 'WAITING_LIST') return;
      const from = Date.parse(change.at);
      const left = history[index + 1];
      const to = left ? Date.parse(left.at) : end.getTime();
      changes.push({ at: from, delta: 1 }, { at: to, delta: -1 });
      longest = Math.max(longest, (to - from) / 86_400_000);
    });
  }
  changes.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let current = 0;
  let peak = 0;
  for (const change of changes) {
    current += change.delta;
    peak = Math.max(peak, current);
  }
  return { peak, longestDays: Math.round(longest * 10) / 10 };
}

/** Re-referrals: simulated, shown to the screener as a match, and counted by the report's rule. */
function reReferralFigures(cases: readonly Case[], families: readonly Family[]) {
  const familyOfCase = new Map(families.map((family) => [family.caseId, family]));
  const caseOfFamily = new Map(families.map((family) => [family.index, family.caseId]));
  let simulated = 0;
  let matched = 0;
  let counted = 0;
  for (const record of cases) {
    if (record.reReferralOf) counted += 1;
    const family = familyOfCase.get(record.id);
    if (family?.reReferralOf === undefined) continue;
    simulated += 1;
    const earlier = caseOfFamily.get(family.reReferralOf);
    if (earlier && record.possibleDuplicates.includes(earlier)) matched += 1;
  }
  return {
    reReferralsSimulated: simulated,
    reReferralsMatched: matched,
    reReferralsCounted: counted,
    reReferralsCountedPercent: percent(counted, cases.length),
  };
}

function figuresOf(cases: Case[], tasks: Task[], workers: Worker[], end: Date, families: readonly Family[]) {
  const statuses: Record<string, number> = {};
  const closuresByReason: Record<string, number> = {};
  let assessments = 0;
  let onTime = 0;
  for (const record of cases) {
    statuses[record.status] = (statuses[record.status] ?? 0) + 1;
    if (record.assessment) {
      assessments += 1;
      if (record.assessment.onTime) onTime += 1;
    }
    if (record.status === 'CLOSED') {
      const reason = record.closure?.reason ?? 'unrecorded';
      closuresByReason[reason] = (closuresByReason[reason] ?? 0) + 1;
    }
  }
  const reviews = tasks.filter((task) => task.type === 'review' && task.status === 'COMPLETED');
  const reviewsOnTime = reviews.filter(
    (task) => londonDate(task.completedAt ?? task.updatedAt) <= task.dueDate,
  );
  const urgent = tasks.filter(
    (task) => task.priority === 'urgent' && task.status === 'COMPLETED' && task.dueAt !== undefined,
  );
  const urgentInTime = urgent.filter((task) => (task.completedAt ?? task.updatedAt) <= task.dueAt!);
  const stepDowns = new Set(cases.filter((record) => isStepDown(record.referral)).map((record) => record.id));
  const stepDownsScreened = new Set(
    tasks
      .filter((task) => task.type === 'safeguarding-screen' && stepDowns.has(task.caseId ?? ''))
      .map((task) => task.caseId),
  ).size;
  const waiting = waitingFigures(cases, end);
  const holders = workers.filter((worker) => worker.role === 'family-support-worker');
  const load = holders.reduce((sum, worker) => sum + worker.load, 0);
  const capacity = holders.reduce((sum, worker) => sum + worker.capacity, 0);
  return {
    families: cases.length,
    statuses,
    assessments,
    assessmentsOnTimePercent: percent(onTime, assessments),
    reviews: reviews.length,
    reviewsAt12WeeksPercent: percent(reviewsOnTime.length, reviews.length),
    waitingListPeak: waiting.peak,
    longestWaitDays: waiting.longestDays,
    workers: holders.length,
    caseloadUnits: load,
    capacityUnits: capacity,
    caseloadPercent: percent(load, capacity) ?? 0,
    openCasesHeld: holders.reduce((sum, worker) => sum + worker.openCases, 0),
    closuresByReason,
    urgentScreens: urgent.length,
    urgentScreensInTimePercent: percent(urgentInTime.length, urgent.length),
    stepDowns: stepDowns.size,
    stepDownPercent: percent(stepDowns.size, cases.length),
    stepDownsScreened,
    ...reReferralFigures(cases, families),
  };
}

export async function summarise(run: SimulationRun): Promise<SimulationSummary> {
  const { runtime, meters, options } = run;
  const { cases, tasks, workers } = await readRecords(
    runtime.db,
    run.families.map((family) => family.caseId),
    getConfig().localities.map((locality) => locality.id),
  );
  const localities = getConfig().localities.map((locality) => ({
    locality: locality.id,
    name: locality.name,
    ...figuresOf(
      cases.filter((record) => record.locality === locality.id),
      tasks.filter((task) => task.area === locality.id),
      workers.filter((worker) => worker.area === locality.id),
      run.endTime,
      run.families,
    ),
  }));

  const stats = runtime.engine.stats();
  const executions: Record<string, Record<string, number>> = {};
  for (const entry of stats.executions) {
    const name = entry.stateMachineArn.split(':').at(-1)!;
    executions[name] ??= {};
    executions[name]![entry.status] = entry.count;
  }
  const failedExecutions = stats.executions
    .filter((entry) => ['FAILED', 'TIMED_OUT', 'ABORTED'].includes(entry.status))
    .reduce((sum, entry) => sum + entry.count, 0);
  const failures = failedExecutions > 0 ? await failuresOf(runtime.sfn, runtime.workflows) : [];
  const running = runtime.workflows.includes('journey') ? await runningNames(runtime.sfn, 'journey') : [];
  const runningCases = new Set(running.map((name) => name.slice(0, 26)));
  const byId = new Map(cases.map((record) => [record.id, record]));
  const openCases = cases.filter((record) => isOpenStatus(record.status));
  const openCasesWithoutJourney = openCases.filter((record) => !runningCases.has(record.id)).length;
  const stuckExecutions = [...runningCases].filter((id) => {
    const record = byId.get(id);
    return !record || !isOpenStatus(record.status);
  }).length;
  const openTasksOnEndedCases = tasks.filter((task) => {
    if (task.status !== 'OPEN' || !task.caseId) return false;
    const record = byId.get(task.caseId);
    return !record || !isOpenStatus(record.status);
  }).length;

  // The journey waits on one task at a time: a second open journey task on a case is a lost or doubled
  // step. (The family plan's tasks, `casework`, run beside it: one per key-worker action.)
  const openPerCase = new Map<string, number>();
  for (const task of tasks)
    if (task.status === 'OPEN' && task.caseId && isCaseTaskType(task.type))
      openPerCase.set(task.caseId, (openPerCase.get(task.caseId) ?? 0) + 1);
  const casesWithSeveralOpenTasks = [...openPerCase.values()].filter((count) => count > 1).length;

  const referredIds = new Set(run.families.map((family) => family.caseId));
  const found = cases.filter((record) => referredIds.has(record.id));
  const familyYears = (options.families * options.days) / 365;
  const cost = estimateCost({
    stateTransitions: stats.stateTransitions,
    lambdaInvocations: meters.lambda.total,
    lambdaMilliseconds: meters.lambda.milliseconds,
    dynamodbWriteUnits: meters.dynamodb.writeUnits,
    dynamodbReadUnits: meters.dynamodb.readUnits,
    emails: meters.emails,
    apiRequests: meters.apiRequests,
  });
  const families = Math.max(1, options.families);
  return {
    options,
    period: { from: options.start, to: londonDate(run.endTime) },
    wallSeconds: Math.round(run.wallSeconds * 10) / 10,
    timing: run.timing,
    familiesPerSecond: Math.round((options.families / run.wallSeconds) * 100) / 100,
    partnership: figuresOf(cases, tasks, workers, run.endTime, run.families),
    localities,
    reconciliation: {
      families: options.families,
      casesFound: found.length,
      inOneState: new Set(found.map((record) => record.id)).size,
      openCases: openCases.length,
      endedCases: cases.length - openCases.length,
      actionErrors: run.actionErrors,
      completionsOfEndedTasks: run.completionsOfEndedTasks,
    },
    engine: {
      executions,
      failedExecutions,
      failures,
      stuckExecutions,
      openCasesWithoutJourney,
      openTasksOnEndedCases,
      casesWithSeveralOpenTasks,
      stateTransitions: stats.stateTransitions,
      transitionsPerFamilyYear: Math.round(stats.stateTransitions / Math.max(familyYears, 1e-9)),
      historyEvents: stats.historyEvents,
      ...(stats.largestHistory ? { largestHistory: stats.largestHistory } : {}),
    },
    work: {
      lambdaInvocations: meters.lambda.invocations,
      lambdaTotal: meters.lambda.total,
      dynamodb: {
        ...meters.dynamodb,
        writesPerFamily: Math.round((meters.dynamodb.itemsWritten / families) * 10) / 10,
        writeUnitsPerFamily: Math.round((meters.dynamodb.writeUnits / families) * 10) / 10,
        readsPerFamily: Math.round((meters.dynamodb.readRequests / families) * 10) / 10,
      },
      emails: meters.emails,
      apiRequests: meters.apiRequests,
      tasks: run.tasksSeen,
      reportTasks: run.reportTasksSeen,
      reportTasksCompleted: run.actions.filter((action) => isReportTaskType(action.type)).length,
    },
    cost: { ...cost, familyYears, perFamilyYear: cost.total / Math.max(familyYears, 1e-9) },
    casework: caseworkFigures(run, familyYears),
    claims: await claimsPerQuarter(runtime.db, options.start, londonDate(run.endTime)),
  };
}
