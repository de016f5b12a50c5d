import { configuredLocalities } from '../core/config';
import type { FieldError } from '../core/schemas/validation-error';
import { PARTNERSHIP } from '../domain/tasks/types/report-scope';
import type { ForecastView, ProjectionView } from '../domain/forecast/view';
import { REPORT_FORECAST_FIGURES, REPORT_FORECAST_LABELS } from '../domain/forecast/report';
import type { Report } from '../core/schemas/report';
import { type BandChart, type BandPoint, bandChart } from './band-chart';
import { type FieldSpec, type FormValues, pageErrors, type PageErrors, dateFrom } from './forms';
import { formatDay } from './labels';

// The forecast page's half: the form's fields as the forecast's query, and the answer as charts (a
// median line in its 10-90% band, the what-if beside the baseline) with the same figures in tables.

export const FORECAST_FIELDS: Record<string, FieldSpec> = {
  locality: { label: 'the area to forecast', kind: 'choice' },
  weeks: { label: 'how far ahead', kind: 'choice' },
  workersChange: { label: 'the change in family support workers', kind: 'number' },
  workersLocality: { label: 'the locality the workers change in', kind: 'choice' },
  workersFrom: { label: 'the date the workers change', kind: 'date', href: 'workersFrom-day' },
  referralRate: { label: 'the referral rate', kind: 'number' },
  assessmentDays: { label: 'the assessment timescale', kind: 'number' },
  reviewWeeks: { label: 'the weeks between reviews', kind: 'number' },
};

const one = (values: FormValues, name: string): string => {
  const value = values[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
};

/** The forecast query a page's form asks for (its names, as the API's). */
export function forecastQueryOf(values: FormValues, scope: string, today: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const name of ['locality', 'weeks', 'referralRate', 'assessmentDays', 'reviewWeeks'])
    if (one(values, name) !== '') query[name] = one(values, name);
  const change = one(values, 'workersChange');
  if (change !== '') {
    const locality = one(values, 'workersLocality') || (scope === PARTNERSHIP ? '' : scope);
    // Without a locality the form's own check speaks (forecastFormErrors)
    if (locality === '') return query;
    const signed = /^\d+$/.test(change) ? `+${change}` : change;
    query.workers = `${locality}:${signed}:${dateFrom(values, 'workersFrom') ?? today}`;
  }
  return query;
}

/** What the form itself lacks: a locality for the workers when the forecast is the partnership's. */
export function forecastFormErrors(values: FormValues, scope: string): FieldError[] {
  return one(values, 'workersChange') !== '' && scope === PARTNERSHIP && one(values, 'workersLocality') === ''
    ? [{ path: 'workersLocality', rule: 'required', message: 'required' }]
    : [];
}

/** The page's errors for the query's field errors, the what-if's workers named by the page's fields. */
export function forecastPageErrors(errors: readonly FieldError[]): PageErrors {
  const renamed = errors.map((error) =>
    error.path === 'workers'
      ? { ...error, path: error.rule === 'scope' ? 'workersLocality' : 'workersChange' }
      : error,
  );
  return pageErrors(renamed, FORECAST_FIELDS, Object.keys(FORECAST_FIELDS), (error) =>
    error.path === 'workersChange'
      ? 'Enter the change in family support workers as a whole number from -99 to 99, not 0, and its date as a real date'
      : error.path === 'workersLocality'
        ? 'Select the locality the workers change in'
        : error.path === 'weeks'
          ? 'Select 13 or 26 weeks'
          : error.path === 'referralRate'
            ? 'Enter the referral rate as a whole number from 10 to 300 (per cent of the usual rate)'
            : error.path === 'assessmentDays'
              ? 'Enter the assessment timescale as a whole number of working days from 5 to 120'
              : error.path === 'reviewWeeks'
                ? 'Enter the weeks between reviews as a whole number from 4 to 26'
                : undefined,
  );
}

type WeekMeasure =
  | 'waitingList'
  | 'longestWaitDays'
  | 'allocations'
  | 'assessmentsOnTimePercent'
  | 'reviewsAt12WeeksPercent'
  | 'caseloadPercent';

/** The measures drawn, in the page's order, with their axis maximum (percentages on a fixed 0-100). */
const MEASURES: { key: WeekMeasure; title: string; unit: string; max?: number }[] = [
  { key: 'waitingList', title: 'Families on the waiting list', unit: 'families' },
  { key: 'longestWaitDays', title: 'Longest wait on the list', unit: 'days' },
  { key: 'allocations', title: 'Families allocated a key worker each week', unit: 'families' },
  { key: 'assessmentsOnTimePercent', title: 'Assessments on time (from today)', unit: '%', max: 100 },
  {
    key: 'reviewsAt12WeeksPercent',
    title: 'Reviews held by their 12-week date (from today)',
    unit: '%',
    max: 100,
  },
  { key: 'caseloadPercent', title: 'Caseload against capacity', unit: '%', max: 100 },
];

const bandText = (band: BandPoint | null | undefined, unit: string) =>
  band ? `${band.median}${unit === '%' ? '%' : ''} (${band.p10} to ${band.p90})` : 'none counted';

export interface ForecastChart {
  id: string;
  title: string;
  unit: string;
  chart: BandChart;
  description: string;
  rows: { weekEnding: string; baseline: string; whatIf?: string }[];
}

function chartOf(view: ForecastView, measure: (typeof MEASURES)[number]): ForecastChart {
  const labels = view.baseline.weeks.map((week) => formatDay(week.weekEnding).replace(/ \d{4}$/, ''));
  const series = [
    {
      name: 'Baseline',
      kind: 'baseline' as const,
      points: view.baseline.weeks.map((week) => week[measure.key]),
    },
    ...(view.whatIf
      ? [
          {
            name: 'What-if',
            kind: 'what-if' as const,
            points: view.whatIf.weeks.map((week) => week[measure.key]),
          },
        ]
      : []),
  ];
  const last = view.baseline.weeks.at(-1);
  const lastWhatIf = view.whatIf?.weeks.at(-1);
  return {
    id: `chart-${measure.key}`,
    title: measure.title,
    unit: measure.unit,
    chart: bandChart(labels, series, measure.max !== undefined ? { max: measure.max } : {}),
    description: `By week over the next ${view.weeks} weeks: the median line in its 10 to 90% band. At the end, baseline ${bandText(last?.[measure.key], measure.unit)}${view.whatIf ? `, what-if ${bandText(lastWhatIf?.[measure.key], measure.unit)}` : ''}. The figures are in the table below.`,
    rows: view.baseline.weeks.map((week, index) => ({
      weekEnding: week.weekEnding,
      baseline: bandText(week[measure.key], measure.unit),
      ...(view.whatIf ? { whatIf: bandText(view.whatIf.weeks[index]?.[measure.key], measure.unit) } : {}),
    })),
  };
}

type TotalKey = keyof ProjectionView['totals'];

const TOTALS: { key: TotalKey; label: string; unit: string }[] = [
  { key: 'referrals', label: 'Referrals received', unit: 'families' },
  { key: 'allocations', label: 'Families allocated a key worker', unit: 'families' },
  { key: 'waitingListAtEnd', label: 'Waiting list at the end', unit: 'families' },
  { key: 'waitingListPeak', label: 'Waiting list at its longest', unit: 'families' },
  { key: 'longestWaitDaysAtEnd', label: 'Longest wait at the end', unit: 'days' },
  { key: 'assessments', label: 'Assessments completed', unit: 'assessments' },
  { key: 'assessmentsOnTimePercent', label: 'Assessments on time', unit: '%' },
  { key: 'reviews', label: 'Reviews held', unit: 'reviews' },
  { key: 'reviewsAt12WeeksPercent', label: 'Reviews held by their 12-week date', unit: '%' },
  { key: 'caseloadPercentAtEnd', label: 'Caseload against capacity at the end', unit: '%' },
];

/** Everything the forecast template shows. */
export function forecastPageData(view: ForecastView) {
  return {
    charts: MEASURES.map((measure) => chartOf(view, measure)),
    totals: TOTALS.map((total) => ({
      label: total.label,
      unit: total.unit,
      baseline: bandText(view.baseline.totals[total.key], total.unit),
      ...(view.whatIf ? { whatIf: bandText(view.whatIf.totals[total.key], total.unit) } : {}),
    })),
  };
}

/** The scopes a caller may forecast, as select items. */
export function forecastScopeItems(scopes: readonly string[], selected: string) {
  return scopes.map((scope) => ({
    value: scope,
    text:
      scope === PARTNERSHIP
        ? 'The partnership (all localities)'
        : (configuredLocalities().find((locality) => locality.id === scope)?.name ?? scope),
    selected: scope === selected,
  }));
}

const bandCell = (band: BandPoint | null | undefined) =>
  band ? `${band.median} (${band.p10} to ${band.p90})` : 'not forecast';

/** A report's "next quarter's forecast" and its review of the last one, as table rows. */
export function reportForecastTables(report: Pick<Report, 'forecast' | 'forecastReview'>) {
  const label = (figure: string) =>
    REPORT_FORECAST_LABELS[figure as keyof typeof REPORT_FORECAST_LABELS] ?? figure;
  return {
    ...(report.forecast
      ? {
          next: {
            from: report.forecast.from,
            weeks: report.forecast.weeks,
            rows: REPORT_FORECAST_FIGURES.map((figure) => ({
              label: label(figure),
              value: bandCell(report.forecast!.figures[figure]),
            })),
          },
        }
      : {}),
    ...(report.forecastReview
      ? {
          review: {
            period: report.forecastReview.forecastPeriod,
            from: report.forecastReview.forecastFrom,
            rows: report.forecastReview.rows.map((row) => ({
              label: label(row.figure),
              forecast: bandCell(row.forecast),
              actual: row.actual === null ? 'not known' : String(row.actual),
              verdict:
                row.withinBand === null ? '' : row.withinBand ? 'Within the range' : 'Outside the range',
            })),
          },
        }
      : {}),
  };
}
