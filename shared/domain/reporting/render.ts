import { COLUMN_LABELS, metricInfo, orderedKeys } from '../metrics/catalogue';
import type { Report } from '../../core/schemas';

// A stored report's figures in the forms staff read them: one row per metric and column, in the
// catalogue's order, with labels. The CSV and the JSON view are both written from the stored
// version's `metrics`, so they always agree with each other and with the stored report.

export interface ReportRow {
  key: string;
  group: string;
  label: string;
  unit: string;
  column: string;
  columnLabel: string;
  value: number;
}

/** Every figure of a report as rows: metric by metric, column by column. */
export function reportRows(report: Pick<Report, 'metrics'>): ReportRow[] {
  const rows: ReportRow[] = [];
  for (const key of orderedKeys(report.metrics)) {
    const info = metricInfo(key);
    const value = report.metrics[key];
    if (!info || value === undefined) continue;
    const columns: [string, number][] =
      typeof value === 'number'
        ? [['value', value]]
        : Object.entries(value).sort(([a], [b]) => columnOrder(a, b));
    for (const [column, number] of columns) {
      rows.push({
        key,
        group: info.group,
        label: info.label,
        unit: info.unit,
        column,
        columnLabel: COLUMN_LABELS[column] ?? column,
        value: number,
      });
    }
  }
  return rows;
}

const FIXED_ORDER = [
  'quarter',
  'yearToDate',
  'year',
  'atQuarterEnd',
  'atYearEnd',
  'openCases',
  'loadUnits',
  'capacityUnits',
  'utilisationPercent',
];

function columnOrder(a: string, b: string): number {
  const ia = FIXED_ORDER.indexOf(a);
  const ib = FIXED_ORDER.indexOf(b);
  if (ia >= 0 || ib >= 0) return (ia < 0 ? -1 : ia) - (ib < 0 ? -1 : ib);
  return a.localeCompare(b);
}

function csvField(value: string | number): string {
  const text = String(value);
  // Quote fields with separators or quotes, and neutralise spreadsheet formulas.
  const safe = /^[=+\-@]/.test(text) && typeof value !== 'number' ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The report as CSV: a header, then one line per metric and column. */
export function reportCsv(
  report: Pick<Report, 'scope' | 'period' | 'version' | 'status' | 'metrics'>,
): string {
  const header = [
    'scope',
    'period',
    'version',
    'status',
    'group',
    'metric',
    'label',
    'unit',
    'column',
    'value',
  ];
  const lines = [header.join(',')];
  for (const row of reportRows(report)) {
    lines.push(
      [
        report.scope,
        report.period,
        report.version,
        report.status,
        row.group,
        row.key,
        row.label,
        row.unit,
        row.column,
        row.value,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The JSON view of a stored report (`GET /v1/reports/{locality}/{quarter}`): the record and its labelled rows. */
export function reportView(report: Report) {
  return {
    kind: report.kind,
    scope: report.scope,
    period: report.period,
    version: report.version,
    status: report.status,
    createdAt: report.createdAt,
    ...(report.submittedAt ? { submittedAt: report.submittedAt, submittedBy: report.submittedBy } : {}),
    ...(report.commentary ? { commentary: report.commentary } : {}),
    flags: report.flags,
    improvementOptions: report.improvementOptions ?? [],
    ...(report.preventedEscalations ? { preventedEscalations: report.preventedEscalations } : {}),
    ...(report.caseStudies ? { caseStudies: report.caseStudies } : {}),
    metrics: report.metrics,
    rows: reportRows(report),
    ...(report.forecast ? { forecast: report.forecast } : {}),
    ...(report.forecastReview ? { forecastReview: report.forecastReview } : {}),
  };
}
