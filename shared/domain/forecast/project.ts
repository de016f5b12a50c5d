import { addDays, daysBetween, type IsoDate } from '../../core/calendar';
import { getConfig, type StaffingConfig, type TimescalesConfig } from '../../core/config';
import { DayTable } from './days';
import { type LocalityRun, type LocalityStart, type ModelChanges, runLocality } from './model';
import type { ForecastParameters } from './parameters';
import { SeededRandom } from '../../core/random';

// A forecast: the model run `runs` times from the same start with seeded streams (seed, run,
// locality), the scope's figures summed per run, and each week's median and 10-90% band taken across
// the runs. Same inputs and seed, same forecast.

/** A change to compare with the baseline (docs/decisions.md, "Forecast"). */
export interface WhatIf {
  /** Family support workers added (positive) or removed (negative) in a locality from a date. */
  workers?: { locality: string; change: number; from: IsoDate }[];
  /** Referrals multiplied by this factor (1.2: a fifth more) from a date (default the first day). */
  referralRate?: { factor: number; from?: IsoDate };
  /** Timescales changed for the whole period. */
  timescales?: { assessmentWorkingDays?: number; reviewIntervalWeeks?: number };
}

export interface Band {
  p10: number;
  median: number;
  p90: number;
}

export interface ForecastWeek {
  week: number;
  weekEnding: IsoDate;
  waitingList: Band;
  longestWaitDays: Band;
  allocations: Band;
  /** Of the assessments completed from the first day to this week's end, the share on time. */
  assessmentsOnTimePercent: Band | null;
  /** Of the reviews held from the first day to this week's end, the share held by the 12-week due date. */
  reviewsAt12WeeksPercent: Band | null;
  caseloadPercent: Band | null;
}

export interface ForecastTotals {
  referrals: Band;
  allocations: Band;
  assessments: Band;
  assessmentsOnTimePercent: Band | null;
  reviews: Band;
  reviewsAt12WeeksPercent: Band | null;
  waitingListAtEnd: Band;
  waitingListPeak: Band;
  longestWaitDaysAtEnd: Band;
  caseloadPercentAtEnd: Band | null;
}

export interface Projection {
  start: IsoDate;
  days: number;
  runs: number;
  seed: number;
  weeks: ForecastWeek[];
  totals: ForecastTotals;
  /** Each run's whole-period figures (calibration compares them with the simulation's). */
  perRun: LocalityRun['totals'][];
}

/** The value at `share` (0-1) of sorted values, interpolated; one decimal place. */
export function quantile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return 0;
  const position = (sorted.length - 1) * share;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  const value = sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
  return Math.round(value * 10) / 10;
}

export function bandOf(values: readonly number[]): Band {
  const sorted = [...values].sort((a, b) => a - b);
  return { p10: quantile(sorted, 0.1), median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9) };
}

/** A band of percentages, leaving out runs where nothing was counted (null if none counted). */
function percentBand(parts: readonly number[], wholes: readonly number[]): Band | null {
  const values: number[] = [];
  wholes.forEach((whole, index) => {
    if (whole > 0) values.push((100 * parts[index]!) / whole);
  });
  return values.length === 0 ? null : bandOf(values);
}

/** The timescales with a what-if's changes. */
export function changedTimescales(base: TimescalesConfig, whatIf: WhatIf | undefined): TimescalesConfig {
  const change = whatIf?.timescales;
  if (!change) return base;
  return {
    ...base,
    reviewIntervalWeeks: change.reviewIntervalWeeks ?? base.reviewIntervalWeeks,
    tasks: {
      ...base.tasks,
      assessment: {
        ...base.tasks.assessment,
        dueInWorkingDays: change.assessmentWorkingDays ?? base.tasks.assessment.dueInWorkingDays,
      },
    },
  };
}

function sumRuns(runs: LocalityRun[]): LocalityRun {
  const first = runs[0]!;
  const weekly = Object.fromEntries(
    Object.entries(first.weekly).map(([name, values]) => [
      name,
      values.map((_, week) =>
        runs.reduce(
          (sum, run) =>
            // The scope's longest wait is the longest of any locality's; the rest add up
            name === 'longestWaitDays'
              ? Math.max(sum, run.weekly.longestWaitDays[week]!)
              : sum + run.weekly[name as keyof LocalityRun['weekly']][week]!,
          0,
        ),
      ),
    ]),
  ) as LocalityRun['weekly'];
  const statuses: Record<string, number> = {};
  for (const run of runs)
    for (const [status, count] of Object.entries(run.totals.statuses))
      statuses[status] = (statuses[status] ?? 0) + count;
  const sum = (name: Exclude<keyof LocalityRun['totals'], 'statuses'>) =>
    runs.reduce((total, run) => total + run.totals[name], 0);
  return {
    weekly,
    totals: {
      referrals: sum('referrals'),
      allocations: sum('allocations'),
      assessments: sum('assessments'),
      assessmentsOnTime: sum('assessmentsOnTime'),
      reviews: sum('reviews'),
      reviewsOnTime: sum('reviewsOnTime'),
      // A scope's peak is at most the sum of its localities' peaks; the weekly series are exact sums
      waitingListPeak: Math.max(...weekly.waitingList, 0),
      longestWaitDays: Math.max(...runs.map((run) => run.totals.longestWaitDays), 0),
      statuses,
    },
  };
}

/** Projects the scope (the localities given, summed) `days` days from `start`. */
export function project(options: {
  start: IsoDate;
  days: number;
  runs: number;
  seed: number;
  localities: LocalityStart[];
  parameters: ForecastParameters;
  whatIf?: WhatIf;
  timescales?: TimescalesConfig;
  staffing?: StaffingConfig;
}): Projection {
  const { start, days, runs, seed, parameters, whatIf } = options;
  const config = getConfig();
  const timescales = changedTimescales(options.timescales ?? config.timescales, whatIf);
  const table = new DayTable(start, days + 400);
  const dayOf = (date: IsoDate | undefined) =>
    date === undefined ? 0 : Math.max(0, daysBetween(start, date));
  const results: LocalityRun[] = [];
  for (let run = 0; run < runs; run += 1) {
    const perLocality = options.localities.map((locality, index) => {
      const rates = parameters.localities[locality.locality];
      if (!rates) throw new RangeError(`no rates for locality ${locality.locality}`);
      const changes: ModelChanges = {
        timescales,
        workers: (whatIf?.workers ?? [])
          .filter((change) => change.locality === locality.locality)
          .map((change) => ({ change: change.change, fromDay: dayOf(change.from) })),
        ...(whatIf?.referralRate
          ? { referrals: { factor: whatIf.referralRate.factor, fromDay: dayOf(whatIf.referralRate.from) } }
          : {}),
      };
      return runLocality({
        start: locality,
        rates,
        parameters,
        changes,
        table,
        days,
        random: SeededRandom.stream(seed, `run#${run}`, index),
        ...(options.staffing ? { staffing: options.staffing } : {}),
      });
    });
    results.push(sumRuns(perLocality));
  }
  const weekCount = Math.ceil(days / 7);
  const column = (name: keyof LocalityRun['weekly'], week: number) =>
    results.map((result) => result.weekly[name][week]!);
  const cumulative = (name: keyof LocalityRun['weekly'], week: number) =>
    results.map((result) => result.weekly[name].slice(0, week + 1).reduce((a, b) => a + b, 0));
  const weeks: ForecastWeek[] = Array.from({ length: weekCount }, (_, week) => ({
    week: week + 1,
    weekEnding: addDays(start, Math.min(days - 1, week * 7 + 6)),
    waitingList: bandOf(column('waitingList', week)),
    longestWaitDays: bandOf(column('longestWaitDays', week)),
    allocations: bandOf(column('allocations', week)),
    assessmentsOnTimePercent: percentBand(
      cumulative('assessmentsOnTime', week),
      cumulative('assessments', week),
    ),
    reviewsAt12WeeksPercent: percentBand(cumulative('reviewsOnTime', week), cumulative('reviews', week)),
    caseloadPercent: percentBand(column('load', week), column('capacity', week)),
  }));
  const last = weekCount - 1;
  const totalsOf = (name: Exclude<keyof LocalityRun['totals'], 'statuses'>) =>
    results.map((result) => result.totals[name]);
  return {
    start,
    days,
    runs,
    seed,
    weeks,
    totals: {
      referrals: bandOf(totalsOf('referrals')),
      allocations: bandOf(totalsOf('allocations')),
      assessments: bandOf(totalsOf('assessments')),
      assessmentsOnTimePercent: percentBand(totalsOf('assessmentsOnTime'), totalsOf('assessments')),
      reviews: bandOf(totalsOf('reviews')),
      reviewsAt12WeeksPercent: percentBand(totalsOf('reviewsOnTime'), totalsOf('reviews')),
      waitingListAtEnd: bandOf(column('waitingList', last)),
      waitingListPeak: bandOf(totalsOf('waitingListPeak')),
      longestWaitDaysAtEnd: bandOf(column('longestWaitDays', last)),
      caseloadPercentAtEnd: percentBand(column('load', last), column('capacity', last)),
    },
    perRun: results.map((result) => result.totals),
  };
}
