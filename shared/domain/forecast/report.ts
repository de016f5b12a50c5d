import { addDays, type Quarter } from '../../core/calendar';
import type { Db } from '../../adapters/data/db';
import type { Report } from '../../core/schemas/report';
import type { ScopeInputs } from '../metrics/compute';
import { COUNTERS, STOCKS } from '../metrics/definitions';
import { FORECAST_RUNS, FORECAST_SEED, readForecastInputs } from './forecast';
import { type Band, project } from './project';
import { REFERRAL_SOURCES } from '../../core/vocabulary/referrals';

// The forecast's part of the quarterly report (issue 22): "next quarter's forecast", made from the
// position at the quarter end when the draft is built, and in the next quarter's report how that
// forecast compared with what happened. Aggregates only, stored in the report (and so audited with it).

export type ReportForecast = NonNullable<Report['forecast']>;
export type ReportForecastReview = NonNullable<Report['forecastReview']>;

/** The figures a report forecasts and later reviews, in the report's order. */
export const REPORT_FORECAST_FIGURES = [
  'waitingListAtEnd',
  'longestWaitDaysAtEnd',
  'allocations',
  'assessmentsOnTimePercent',
  'reviewsAt12WeeksPercent',
  'caseloadPercentAtEnd',
] as const;

export const REPORT_FORECAST_LABELS: Record<(typeof REPORT_FORECAST_FIGURES)[number], string> = {
  waitingListAtEnd: 'Waiting list at the quarter end (families)',
  longestWaitDaysAtEnd: 'Longest wait at the quarter end (days)',
  allocations: 'Families allocated a key worker',
  assessmentsOnTimePercent: 'Assessments completed within timescale (%)',
  reviewsAt12WeeksPercent: 'Reviews held by their 12-week date (%)',
  caseloadPercentAtEnd: 'Caseload against capacity at the quarter end (%)',
};

/** Next quarter's forecast for these localities, from the day after the quarter end. */
export async function nextQuarterForecast(
  db: Db,
  localities: readonly string[],
  quarter: Quarter,
): Promise<ReportForecast> {
  const from = addDays(quarter.end, 1);
  const { starts, parameters } = await readForecastInputs(db, localities, from);
  const projection = project({
    start: from,
    days: 13 * 7,
    runs: FORECAST_RUNS,
    seed: FORECAST_SEED,
    localities: starts,
    parameters,
  });
  return {
    from,
    weeks: 13,
    runs: FORECAST_RUNS,
    seed: FORECAST_SEED,
    figures: Object.fromEntries(REPORT_FORECAST_FIGURES.map((figure) => [figure, projection.totals[figure]])),
  };
}

const percent = (part: number | undefined, whole: number | undefined) =>
  whole ? Math.round((1000 * (part ?? 0)) / whole) / 10 : null;

/** What happened in the report's quarter, for the figures a forecast made. */
export function actualFigures(
  inputs: ScopeInputs,
): Record<(typeof REPORT_FORECAST_FIGURES)[number], number | null> {
  const counters = inputs.counters[inputs.quarter.id] ?? {};
  const load = inputs.workers.reduce((sum, worker) => sum + worker.loadUnits, 0);
  const capacity = inputs.workers.reduce((sum, worker) => sum + worker.capacityUnits, 0);
  return {
    waitingListAtEnd: counters[STOCKS.waitingListLength] ?? null,
    longestWaitDaysAtEnd: counters[STOCKS.waitingListLongestDays] ?? null,
    allocations: REFERRAL_SOURCES.reduce(
      (sum, source) => sum + (counters[COUNTERS.referralOutcome(source, 'allocated')] ?? 0),
      0,
    ),
    assessmentsOnTimePercent: percent(
      counters[COUNTERS.assessmentsOnTime],
      counters[COUNTERS.assessmentsCompleted],
    ),
    reviewsAt12WeeksPercent: percent(counters[COUNTERS.reviewsOnTime], counters[COUNTERS.reviewsHeld]),
    caseloadPercentAtEnd: percent(load, capacity),
  };
}

/** The previous quarter's forecast against this quarter's figures; undefined when none was made. */
export function reviewForecast(
  previous: Report | undefined,
  inputs: ScopeInputs,
): ReportForecastReview | undefined {
  if (!previous?.forecast) return undefined;
  const actual = actualFigures(inputs);
  return {
    forecastPeriod: previous.period,
    forecastFrom: previous.forecast.from,
    rows: REPORT_FORECAST_FIGURES.map((figure) => {
      const forecast = (previous.forecast!.figures[figure] ?? null) as Band | null;
      const value = actual[figure];
      return {
        figure,
        forecast,
        actual: value,
        withinBand: forecast && value !== null ? value >= forecast.p10 && value <= forecast.p90 : null,
      };
    }),
  };
}
