import { daysBetween, type IsoDate, londonDate } from '../../core/calendar';
import { configuredLocalities } from '../../core/config';
import { appendAuditEvent } from '../../adapters/data/audit';
import { openCaseShapes, type OpenCaseShape } from '../../adapters/data/cases';
import type { Db } from '../../adapters/data/db';
import { getMetricsBatch } from '../../adapters/data/metrics';
import { capacityByLocality } from '../../adapters/data/workers';
import type { FieldError } from '../../core/schemas/validation-error';
import type { StaffCaller } from '../access/rules';
import { auditActorOf } from '../tasks/actor';
import { PARTNERSHIP } from '../tasks/types/report-scope';
import { type ForecastBasis, type LocalityAggregates, lastFourQuarters, learnParameters } from './learn';
import type { ForecastParameters } from './parameters';
import type { LocalityStart, OpenCaseStart, OpenStage } from './model';
import { type Projection, project, type WhatIf } from './project';
import { describeWhatIf } from './request';
import type { ForecastView, ProjectionView } from './view';
import type { CaseStatus } from '../../core/vocabulary/cases';
import { COUNTY } from '../../core/vocabulary/areas';

// The forecast from the live state: today's open cases, waiting list and workers (as aggregates:
// stage, weight and ages, never who), the counters of the last four quarters, learned into rates,
// then the model run from today with and without the what-if. Every forecast produced is audited.

/** Seeded runs behind each band, and the seed: the same day's forecast is the same forecast. */
export const FORECAST_RUNS = 40;
export const FORECAST_SEED = 2026;

const STAGES: [CaseStatus, OpenStage][] = [
  ['RECEIVED', 'referred'],
  ['SCREENING', 'referred'],
  ['HUB_DECISION', 'referred'],
  ['WAITING_LIST', 'waiting'],
  ['ALLOCATED', 'consent'],
  ['CONSENT', 'consent'],
  ['ASSESSMENT', 'assessment'],
  ['SUPPORT', 'support'],
];

/** One open case as the model sees it: no id, no name, only ages in days from `today`. */
export function openCaseOf(
  shape: OpenCaseShape,
  stage: OpenStage,
  today: IsoDate,
  workerIndex: ReadonlyMap<string, number>,
): OpenCaseStart {
  const allocated =
    shape.support?.reviewsFrom ?? (shape.allocatedAt ? londonDate(shape.allocatedAt) : undefined);
  return {
    stage,
    complex: shape.complex,
    enhanced: shape.supportLevel === 'enhanced',
    daysInStage: Math.max(0, daysBetween(londonDate(shape.since), today)),
    ...(allocated !== undefined ? { daysSinceAllocation: Math.max(0, daysBetween(allocated, today)) } : {}),
    ...(shape.keyWorkerId !== undefined && workerIndex.has(shape.keyWorkerId)
      ? { worker: workerIndex.get(shape.keyWorkerId)! }
      : {}),
    ...(shape.support?.nextReviewDue
      ? { nextReviewInDays: daysBetween(today, shape.support.nextReviewDue) }
      : {}),
    ...(shape.support?.endsOn ? { supportEndsInDays: daysBetween(today, shape.support.endsOn) } : {}),
  };
}

/** Reads one locality's aggregates: its open cases' shapes and its family support workers' room. */
async function readLocality(db: Db, locality: string, today: IsoDate): Promise<LocalityStart> {
  const workers = await capacityByLocality(db, locality);
  const index = new Map(workers.map((worker, position) => [worker.workerId, position]));
  const open: OpenCaseStart[] = [];
  for (const [status, stage] of STAGES)
    for (const shape of await openCaseShapes(db, locality, status))
      open.push(openCaseOf(shape, stage, today, index));
  return {
    locality,
    workers: workers.map((worker) => ({ capacity: worker.capacity, load: worker.load })),
    open,
  };
}

/** The scope a caller's forecast shows unless they ask for another: their locality, or the partnership. */
export function defaultScopeOf(caller: Pick<StaffCaller, 'area'>): string {
  return caller.area === COUNTY ? PARTNERSHIP : caller.area;
}

/** The localities a scope covers. */
export function localitiesOf(scope: string): string[] {
  return scope === PARTNERSHIP ? configuredLocalities().map((locality) => locality.id) : [scope];
}

/** Field errors for a what-if that reaches outside the scope (a manager changes their own locality only). */
export function whatIfScopeErrors(scope: string, whatIf: WhatIf | undefined): FieldError[] {
  const inScope = new Set(localitiesOf(scope));
  return (whatIf?.workers ?? []).some((change) => !inScope.has(change.locality))
    ? [
        {
          path: 'workers',
          rule: 'scope',
          message: `workers can be changed only in ${scope === PARTNERSHIP ? 'a locality' : scope}`,
        },
      ]
    : [];
}

function viewOf(projection: Projection): ProjectionView {
  return { weeks: projection.weeks, totals: projection.totals };
}

/** Today's position and the rates learned for some localities: everything a projection starts from. */
export async function readForecastInputs(
  db: Db,
  localities: readonly string[],
  today: IsoDate,
): Promise<{ starts: LocalityStart[]; parameters: ForecastParameters; basis: ForecastBasis }> {
  const starts = await Promise.all(localities.map((locality) => readLocality(db, locality, today)));
  const quarters = lastFourQuarters(today);
  const found = await getMetricsBatch(
    db,
    localities.flatMap((locality) => quarters.map((quarter) => ({ scope: locality, period: quarter.id }))),
  );
  const aggregates: LocalityAggregates[] = starts.map((start) => ({
    locality: start.locality,
    open: start.open,
    counters: Object.fromEntries(
      quarters.flatMap((quarter) => {
        const counters = found.get(`${start.locality}#${quarter.id}`) ?? {};
        return Object.keys(counters).length > 0 ? [[quarter.id, counters]] : [];
      }),
    ),
  }));
  return { starts, ...learnParameters(aggregates, today) };
}

/** The forecast for a scope, `weeks` weeks from `now`, with the what-if beside the baseline; audited. */
export async function produceForecast(
  db: Db,
  caller: StaffCaller,
  request: { scope: string; weeks: 13 | 26; whatIf?: WhatIf | undefined },
  now: Date,
): Promise<ForecastView> {
  const today = londonDate(now);
  const { starts, parameters, basis } = await readForecastInputs(db, localitiesOf(request.scope), today);
  const days = request.weeks * 7;
  const run = (whatIf?: WhatIf) =>
    project({
      start: today,
      days,
      runs: FORECAST_RUNS,
      seed: FORECAST_SEED,
      localities: starts,
      parameters,
      ...(whatIf ? { whatIf } : {}),
    });
  const baseline = run();
  const changed = request.whatIf ? run(request.whatIf) : undefined;
  const waiting = starts.flatMap((start) => start.open.filter((item) => item.stage === 'waiting'));
  const workers = starts.flatMap((start) => start.workers);
  const scopeName =
    request.scope === PARTNERSHIP
      ? 'The partnership'
      : (configuredLocalities().find((locality) => locality.id === request.scope)?.name ?? request.scope);
  const view: ForecastView = {
    scope: request.scope,
    scopeName,
    from: today,
    weeks: request.weeks,
    runs: FORECAST_RUNS,
    seed: FORECAST_SEED,
    position: {
      openCases: starts.reduce((sum, start) => sum + start.open.length, 0),
      waitingList: waiting.length,
      longestWaitDays: Math.max(0, ...waiting.map((item) => item.daysInStage)),
      workers: workers.length,
      capacityUnits: workers.reduce((sum, worker) => sum + worker.capacity, 0),
      loadUnits: workers.reduce((sum, worker) => sum + worker.load, 0),
    },
    basis,
    baseline: viewOf(baseline),
    ...(changed && request.whatIf
      ? { whatIf: { ...viewOf(changed), description: describeWhatIf(request.whatIf) } }
      : {}),
  };
  await appendAuditEvent(db, {
    subject: `forecast#${request.scope}`,
    at: now.toISOString(),
    actor: auditActorOf({ kind: 'staff', userId: caller.userId, role: caller.role, area: caller.area }),
    action: 'forecast.produced',
    details: {
      weeks: request.weeks,
      runs: FORECAST_RUNS,
      seed: FORECAST_SEED,
      whatIf: request.whatIf ? describeWhatIf(request.whatIf).slice(0, 500) : null,
      waitingListAtEnd: baseline.totals.waitingListAtEnd.median,
    },
  });
  return view;
}
