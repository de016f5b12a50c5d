import { previousQuarter, type Quarter, quartersToDate } from '../../core/calendar';
import type * as z from 'zod';
import type { reportFlagSchema } from '../../core/schemas/report';
import { METRIC_CATALOGUE, TREND_OF, WORKER_PREFIX } from './catalogue';
import {
  CLOSURE_OUTCOMES,
  CLOSURE_REASON_KEYS,
  COUNTERS,
  REFERRAL_OUTCOMES,
  STOCK_AGGREGATION,
  STOCKS,
} from './definitions';
import { IMPROVEMENT_OPTIONS, type ImprovementOptionId, type ImprovementThresholds } from './thresholds';
import { FAMILY_STAR_AREA_IDS } from '../../core/vocabulary/family-star';
import { HEADLINE_IDS, NEED_IDS } from '../../core/vocabulary/needs';
import { REFERRAL_SOURCES } from '../../core/vocabulary/referrals';

// A report's figures from a handful of counter items: the counters of the last few quarters of one
// scope (a locality, or the partnership as the sum of the localities) and its key workers' caseloads.
// Pure: the reads are in gather.ts, so the rules are tested on hand-built numbers.

export type Counters = Record<string, number>;
export type ReportFlag = z.infer<typeof reportFlagSchema>;
export type MetricValues = Record<string, Record<string, number>>;

export interface WorkerCaseload {
  workerId: string;
  openCases: number;
  loadUnits: number;
  capacityUnits: number;
}

export interface ScopeInputs {
  scope: string;
  /** The report's quarter. */
  quarter: Quarter;
  /** Counters by quarter id for the window (reportWindow); the report quarter's also holds `stock.*`. */
  counters: Record<string, Counters>;
  workers: WorkerCaseload[];
}

export interface ComputedReport {
  metrics: MetricValues;
  flags: ReportFlag[];
  /** The options the flags propose, in the seeds' order (the head of service chooses among them). */
  improvementOptions: ImprovementOptionId[];
}

function back(quarter: Quarter, steps: number): Quarter {
  let current = quarter;
  for (let step = 0; step < steps; step += 1) current = previousQuarter(current);
  return current;
}

/**
 * The quarters a report reads, oldest first: enough for the trend (4), the claims sustained six
 * months (two quarters back from each quarter of the year to date), the waiting list's growth and
 * persistent flags. A fixed number, whatever the history holds.
 */
export function reportWindow(quarter: Quarter, thresholds: ImprovementThresholds): Quarter[] {
  const size = Math.max(6, thresholds.waitingListGrowthQuarters + 1, thresholds.persistentQuarters);
  return Array.from({ length: size }, (_, index) => back(quarter, size - 1 - index));
}

const round = (value: number, places: number) => {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
};

function percent(numerator: number, denominator: number): number | undefined {
  return denominator > 0 ? round((100 * numerator) / denominator, 1) : undefined;
}

function sumCounters(list: Counters[]): Counters {
  const total: Counters = {};
  for (const counters of list) {
    for (const [name, value] of Object.entries(counters)) {
      if (!name.startsWith('stock.')) total[name] = (total[name] ?? 0) + value;
    }
  }
  return total;
}

/** Every flow figure of one period from its summed counters; totals are the sums of their parts. */
function flowFigures(c: Counters, claimsEligible: number): Record<string, number | undefined> {
  const get = (name: string) => c[name] ?? 0;
  const out: Record<string, number | undefined> = {};

  for (const source of REFERRAL_SOURCES)
    out[`referrals.source.${source}`] = get(COUNTERS.referralsBySource(source));
  out['referrals.received'] = REFERRAL_SOURCES.reduce(
    (sum, source) => sum + out[`referrals.source.${source}`]!,
    0,
  );
  out['referrals.stepDowns'] = get(COUNTERS.stepDowns);
  out['referrals.stepDownPercent'] = percent(get(COUNTERS.stepDowns), out['referrals.received']);
  out['referrals.reReferred'] = get(COUNTERS.reReferrals);
  out['referrals.reReferredPercent'] = percent(get(COUNTERS.reReferrals), out['referrals.received']!);
  for (const outcome of REFERRAL_OUTCOMES) {
    let total = 0;
    for (const source of REFERRAL_SOURCES) {
      const value = get(COUNTERS.referralOutcome(source, outcome));
      out[`referrals.outcome.${source}.${outcome}`] = value;
      total += value;
    }
    out[`referrals.outcome.${outcome}`] = total;
  }
  out['referrals.outcomes'] = REFERRAL_OUTCOMES.reduce((sum, o) => sum + out[`referrals.outcome.${o}`]!, 0);

  out['families.engaged'] = get(COUNTERS.familiesEngaged);
  out['individuals.engaged'] = get(COUNTERS.individualsEngaged);

  const assessed = get(COUNTERS.assessmentsCompleted);
  out['issues.assessed'] = assessed;
  for (const need of NEED_IDS) {
    const families = get(COUNTERS.issueAtStart(need));
    out[`issues.${need}`] = families;
    out[`issues.${need}.percent`] = percent(families, assessed);
  }
  out['assessments.completed'] = assessed;
  out['assessments.onTime'] = get(COUNTERS.assessmentsOnTime);
  out['assessments.onTimePercent'] = percent(get(COUNTERS.assessmentsOnTime), assessed);

  const held = get(COUNTERS.reviewsHeld);
  out['reviews.held'] = held;
  out['reviews.onTime'] = get(COUNTERS.reviewsOnTime);
  out['reviews.onTimePercent'] = percent(get(COUNTERS.reviewsOnTime), held);

  const readings = get(COUNTERS.familyStarReadings);
  out['familyStar.readings'] = readings;
  for (const area of FAMILY_STAR_AREA_IDS) {
    const baseline = get(COUNTERS.familyStarBaseline(area));
    const latest = get(COUNTERS.familyStarLatest(area));
    out[`familyStar.${area}.baseline`] = readings > 0 ? round(baseline / readings, 2) : undefined;
    out[`familyStar.${area}.latest`] = readings > 0 ? round(latest / readings, 2) : undefined;
    out[`familyStar.${area}.change`] = readings > 0 ? round((latest - baseline) / readings, 2) : undefined;
  }

  for (const reason of CLOSURE_REASON_KEYS)
    out[`closures.reason.${reason}`] = get(COUNTERS.closuresByReason(reason));
  out['closures.total'] = CLOSURE_REASON_KEYS.reduce(
    (sum, reason) => sum + out[`closures.reason.${reason}`]!,
    0,
  );
  for (const outcome of CLOSURE_OUTCOMES)
    out[`closures.outcome.${outcome}`] = get(COUNTERS.closuresByOutcome(outcome));
  out['closures.byOutcome'] = CLOSURE_OUTCOMES.reduce((sum, o) => sum + out[`closures.outcome.${o}`]!, 0);

  out['claims.candidates'] = get(COUNTERS.claimCandidates);
  out['claims.lapsed'] = get(COUNTERS.claimLapses);
  out['claims.eligible'] = claimsEligible;
  out['claims.claimable'] = get(COUNTERS.claimsClaimable);
  out['claims.audited'] = get(COUNTERS.claimsAudited);
  out['claims.failedAudit'] = get(COUNTERS.claimsFailedAudit);
  out['claims.claimed'] = get(COUNTERS.claimsClaimed);
  for (const headline of HEADLINE_IDS) {
    out[`claims.claimed.headline.${headline}`] = get(COUNTERS.claimsClaimedByHeadline(headline));
  }

  const left = get(COUNTERS.waitingListLeft);
  out['waitingList.joined'] = get(COUNTERS.waitingListJoined);
  out['waitingList.left'] = left;
  out['waitingList.averageWaitDays'] =
    left > 0 ? round(get(COUNTERS.waitingListDaysWaited) / left, 1) : undefined;
  return out;
}

function countersOf(inputs: ScopeInputs, quarter: Quarter): Counters {
  return inputs.counters[quarter.id] ?? {};
}

/** Claims eligible in a quarter: candidates that closed two quarters earlier (six months sustained), less lapses. */
function claimsEligibleIn(inputs: ScopeInputs, quarter: Quarter): number {
  const closed = countersOf(inputs, back(quarter, 2));
  return Math.max(0, (closed[COUNTERS.claimCandidates] ?? 0) - (closed[COUNTERS.claimLapses] ?? 0));
}

function setColumn(metrics: MetricValues, key: string, column: string, value: number | undefined): void {
  metrics[key] ??= {};
  if (value !== undefined) metrics[key][column] = value;
}

interface QuarterRates {
  assessments?: { onTime: number; completed: number };
  reviews?: { onTime: number; held: number };
}

function ratesOf(counters: Counters): QuarterRates {
  const completed = counters[COUNTERS.assessmentsCompleted] ?? 0;
  const held = counters[COUNTERS.reviewsHeld] ?? 0;
  return {
    ...(completed > 0
      ? { assessments: { onTime: counters[COUNTERS.assessmentsOnTime] ?? 0, completed } }
      : {}),
    ...(held > 0 ? { reviews: { onTime: counters[COUNTERS.reviewsOnTime] ?? 0, held } } : {}),
  };
}

/** Below a target share, compared exactly in whole numbers (86% of 50 is 43, and 43 is not below it). */
function below(numerator: number, denominator: number, target: number): boolean {
  const basisPoints = Math.round(target * 10_000);
  return numerator * 10_000 < basisPoints * denominator;
}

type FlagKind = 'assessments' | 'reviews' | 'waitingList';

const PROPOSALS: Record<FlagKind, ImprovementOptionId[]> = {
  assessments: ['improvement-plan', 'additional-capacity', 'peer-support'],
  reviews: ['improvement-plan', 'peer-support'],
  waitingList: ['improvement-plan', 'additional-capacity', 'amalgamation'],
};

function raised(
  inputs: ScopeInputs,
  quarter: Quarter,
  kind: FlagKind,
  thresholds: ImprovementThresholds,
): boolean {
  const rates = ratesOf(countersOf(inputs, quarter));
  if (kind === 'assessments') {
    return (
      rates.assessments !== undefined &&
      below(rates.assessments.onTime, rates.assessments.completed, thresholds.assessmentsOnTime)
    );
  }
  if (kind === 'reviews') {
    return (
      rates.reviews !== undefined && below(rates.reviews.onTime, rates.reviews.held, thresholds.reviewsOnTime)
    );
  }
  const lengths: (number | undefined)[] = [];
  for (let step = 0; step <= thresholds.waitingListGrowthQuarters; step += 1) {
    lengths.push(countersOf(inputs, back(quarter, step))[STOCKS.waitingListLength]);
  }
  if (lengths.some((length) => length === undefined)) return false;
  return lengths.every((length, index) => index === lengths.length - 1 || length! > lengths[index + 1]!);
}

function optionsText(options: ImprovementOptionId[]): string {
  return options
    .map((id) => IMPROVEMENT_OPTIONS.find((option) => option.id === id)!.label.toLowerCase())
    .join(', ');
}

function flagsFor(
  inputs: ScopeInputs,
  thresholds: ImprovementThresholds,
): { flags: ReportFlag[]; options: Set<ImprovementOptionId> } {
  const flags: ReportFlag[] = [];
  const options = new Set<ImprovementOptionId>();
  const { quarter } = inputs;
  const propose = (kind: FlagKind): ImprovementOptionId[] => {
    const proposed = [...PROPOSALS[kind]];
    let persistent = true;
    for (let step = 1; step < thresholds.persistentQuarters; step += 1) {
      persistent &&= raised(inputs, back(quarter, step), kind, thresholds);
    }
    if (persistent) proposed.push('referral-to-board');
    for (const option of proposed) options.add(option);
    return proposed;
  };
  const rates = ratesOf(countersOf(inputs, quarter));
  const exact = (numerator: number, denominator: number) => round((100 * numerator) / denominator, 2);

  if (raised(inputs, quarter, 'assessments', thresholds)) {
    const { onTime, completed } = rates.assessments!;
    const proposed = propose('assessments');
    flags.push({
      metric: 'assessments.onTimePercent',
      value: exact(onTime, completed),
      threshold: round(thresholds.assessmentsOnTime * 100, 2),
      message: `Assessments within timescale: ${onTime} of ${completed} (${exact(onTime, completed)}%), below the ${round(thresholds.assessmentsOnTime * 100, 2)}% ${thresholds.assessmentsOnTimeIsBaseline ? 'baseline (the 2013 audit)' : 'threshold'}. Options: ${optionsText(proposed)}.`,
    });
  }
  if (raised(inputs, quarter, 'reviews', thresholds)) {
    const { onTime, held } = rates.reviews!;
    const proposed = propose('reviews');
    flags.push({
      metric: 'reviews.onTimePercent',
      value: exact(onTime, held),
      threshold: round(thresholds.reviewsOnTime * 100, 2),
      message: `Reviews held at 12 weeks: ${onTime} of ${held} (${exact(onTime, held)}%), below the ${round(thresholds.reviewsOnTime * 100, 2)}% target. Options: ${optionsText(proposed)}.`,
    });
  }
  if (raised(inputs, quarter, 'waitingList', thresholds)) {
    const lengths: number[] = [];
    for (let step = thresholds.waitingListGrowthQuarters; step >= 0; step -= 1) {
      lengths.push(countersOf(inputs, back(quarter, step))[STOCKS.waitingListLength]!);
    }
    const proposed = propose('waitingList');
    flags.push({
      metric: 'waitingList.length',
      value: lengths.at(-1)!,
      threshold: lengths.at(-2)!,
      message: `The waiting list grew ${thresholds.waitingListGrowthQuarters} quarters running (${lengths.join(' → ')} families at quarter ends). Options: ${optionsText(proposed)}.`,
    });
  }
  return { flags, options };
}

/** Every figure of a scope's quarterly report, with its improvement flags. */
export function computeReport(inputs: ScopeInputs, thresholds: ImprovementThresholds): ComputedReport {
  const { quarter } = inputs;
  const metrics: MetricValues = {};
  const toDate = quartersToDate(quarter);

  const quarterFigures = flowFigures(countersOf(inputs, quarter), claimsEligibleIn(inputs, quarter));
  const yearFigures = flowFigures(
    sumCounters(toDate.map((q) => countersOf(inputs, q))),
    toDate.reduce((sum, q) => sum + claimsEligibleIn(inputs, q), 0),
  );

  const stocks = countersOf(inputs, quarter);
  const workers = [...inputs.workers].sort((a, b) => a.workerId.localeCompare(b.workerId));
  const loadUnits = workers.reduce((sum, worker) => sum + worker.loadUnits, 0);
  const capacityUnits = workers.reduce((sum, worker) => sum + worker.capacityUnits, 0);
  const positions: Record<string, number | undefined> = {
    'families.open': stocks[STOCKS.familiesOpen],
    'individuals.open': stocks[STOCKS.individualsOpen],
    'waitingList.length': stocks[STOCKS.waitingListLength],
    'waitingList.longestWaitDays': stocks[STOCKS.waitingListLongestDays],
    'caseload.workers': workers.length,
    'caseload.openCases': workers.reduce((sum, worker) => sum + worker.openCases, 0),
    'caseload.loadUnits': loadUnits,
    'caseload.capacityUnits': capacityUnits,
    'caseload.utilisationPercent': percent(loadUnits, capacityUnits),
  };

  for (const info of METRIC_CATALOGUE) {
    if (info.shape === 'flow') {
      setColumn(metrics, info.key, 'quarter', quarterFigures[info.key]);
      setColumn(metrics, info.key, 'yearToDate', yearFigures[info.key]);
    } else if (info.shape === 'position') {
      setColumn(metrics, info.key, 'atQuarterEnd', positions[info.key]);
    }
  }
  for (const worker of workers) {
    const key = `${WORKER_PREFIX}${worker.workerId}`;
    setColumn(metrics, key, 'openCases', worker.openCases);
    setColumn(metrics, key, 'loadUnits', worker.loadUnits);
    setColumn(metrics, key, 'capacityUnits', worker.capacityUnits);
    setColumn(metrics, key, 'utilisationPercent', percent(worker.loadUnits, worker.capacityUnits));
  }
  const trendQuarters = [3, 2, 1, 0].map((steps) => back(quarter, steps));
  for (const key of TREND_OF) {
    for (const q of trendQuarters) {
      const value =
        key === 'waitingList.length'
          ? countersOf(inputs, q)[STOCKS.waitingListLength]
          : flowFigures(countersOf(inputs, q), 0)[key];
      setColumn(metrics, `trend.${key}`, q.id, value);
    }
  }

  const { flags, options } = flagsFor(inputs, thresholds);
  return {
    metrics,
    flags,
    improvementOptions: IMPROVEMENT_OPTIONS.map((option) => option.id).filter((id) => options.has(id)),
  };
}

/**
 * The partnership as the sum of its localities: counters add up quarter by quarter, the longest
 * wait is the longest of any, key workers are all of theirs. A stock a locality lacks for a quarter
 * (no report then) leaves the partnership's unknown rather than short.
 */
export function combineScopes(scope: string, parts: ScopeInputs[]): ScopeInputs {
  if (parts.length === 0) throw new RangeError('combineScopes: no localities to combine');
  const quarter = parts[0]!.quarter;
  const quarterIds = new Set(parts.flatMap((part) => Object.keys(part.counters)));
  const counters: Record<string, Counters> = {};
  for (const id of quarterIds) {
    const list = parts.map((part) => part.counters[id] ?? {});
    const combined = sumCounters(list);
    for (const [stock, aggregation] of Object.entries(STOCK_AGGREGATION)) {
      const values = list.map((item) => item[stock]);
      if (values.some((value) => value === undefined)) continue;
      combined[stock] =
        aggregation === 'max'
          ? Math.max(...(values as number[]))
          : (values as number[]).reduce((sum, value) => sum + value, 0);
    }
    counters[id] = combined;
  }
  return { scope, quarter, counters, workers: parts.flatMap((part) => part.workers) };
}

/**
 * The annual report from the four quarters of a financial year (`inputs.quarter` is its Q4): each
 * flow by quarter and for the year, positions at each quarter end and at the year end. Flags are
 * the year-end quarter's.
 */
export function computeAnnualReport(inputs: ScopeInputs, thresholds: ImprovementThresholds): ComputedReport {
  if (inputs.quarter.quarter !== 4)
    throw new RangeError('computeAnnualReport: give the year’s fourth quarter');
  const yearEnd = computeReport(inputs, thresholds);
  const quarters = quartersToDate(inputs.quarter);
  const metrics: MetricValues = {};
  const perQuarter = quarters.map((q) => flowFigures(countersOf(inputs, q), claimsEligibleIn(inputs, q)));
  for (const info of METRIC_CATALOGUE) {
    if (info.shape === 'flow') {
      quarters.forEach((q, index) => {
        setColumn(metrics, info.key, q.id, perQuarter[index]![info.key]);
      });
      setColumn(metrics, info.key, 'year', yearEnd.metrics[info.key]?.yearToDate);
    } else if (info.shape === 'position') {
      const stock = Object.entries(STOCKS).find(([, name]) => name === `stock.${info.key}`)?.[1];
      if (stock) for (const q of quarters) setColumn(metrics, info.key, q.id, countersOf(inputs, q)[stock]);
      setColumn(metrics, info.key, 'atYearEnd', yearEnd.metrics[info.key]?.atQuarterEnd);
    } else if (info.shape === 'trend') {
      metrics[info.key] = Object.fromEntries(
        Object.entries(yearEnd.metrics[info.key] ?? {}).filter(([id]) => quarters.some((q) => q.id === id)),
      );
    }
  }
  for (const [key, value] of Object.entries(yearEnd.metrics)) {
    if (key.startsWith(WORKER_PREFIX)) metrics[key] = value;
  }
  return { metrics, flags: yearEnd.flags, improvementOptions: yearEnd.improvementOptions };
}
