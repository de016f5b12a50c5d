import { previousQuarter, quarterOf } from '../core/calendar/financial-year';
import { londonDate } from '../core/calendar/london';
import { configuredLocalities } from '../core/config';
import type { Db } from '../adapters/data/db';
import { getLatestReport } from '../adapters/data/reports';
import type { Report } from '../core/schemas/report';
import { reportAccess, type StaffCaller } from '../domain/access/rules';
import { PARTNERSHIP } from '../domain/reporting/cycle';
import { metricInfo, WORKER_PREFIX } from '../domain/metrics/catalogue';
import { reportRows } from '../domain/reporting/render';
import { type BarChart, barChart } from './bar-chart';
import { COUNTY } from '../core/vocabulary/areas';

// The reports staff may read: a locality manager their locality's, the head of service every
// locality's and the partnership's. The figures are the reporting cycle's stored versions, laid out
// by its own rows (shared/domain/reporting/render.ts), so the page, the CSV and the JSON never disagree.

/** Every scope the caller may read, by the same rule as the JSON API (`reportAccess`). */
export function reportScopesOf(caller: StaffCaller): string[] {
  const scopes = [PARTNERSHIP, ...configuredLocalities().map((locality) => locality.id)];
  return scopes.filter((scope) => reportAccess(caller, scope) === 'allowed');
}

/** The scope a report task is about: its locality, or the partnership for the county's. */
export function reportScopeOfTask(task: { area: string }): string {
  return task.area === COUNTY ? PARTNERSHIP : task.area;
}

export function scopeLabel(scope: string): string {
  if (scope === PARTNERSHIP) return 'The partnership (all localities)';
  return configuredLocalities().find((locality) => locality.id === scope)?.name ?? scope;
}

/** The periods listed: the last four quarters and the last two financial years. */
export function recentPeriods(now: Date): string[] {
  let quarter = quarterOf(londonDate(now));
  const quarters: string[] = [];
  const years = new Set<string>();
  for (let step = 0; step < 4; step += 1) {
    quarter = previousQuarter(quarter);
    quarters.push(quarter.id);
    years.add(quarter.financialYear.id);
  }
  const previousYear = previousQuarter(previousQuarter(previousQuarter(previousQuarter(quarter))));
  years.add(previousYear.financialYear.id);
  return [...quarters, ...[...years].sort().reverse()];
}

export interface ReportListing {
  scope: string;
  label: string;
  reports: { period: string; status: Report['status']; version: number }[];
}

export async function listReadableReports(db: Db, caller: StaffCaller, now: Date): Promise<ReportListing[]> {
  const periods = recentPeriods(now);
  return Promise.all(
    reportScopesOf(caller).map(async (scope) => {
      const found = await Promise.all(periods.map((period) => getLatestReport(db, scope, period)));
      return {
        scope,
        label: scopeLabel(scope),
        reports: found
          .filter((report): report is Report => report !== undefined)
          .map((report) => ({ period: report.period, status: report.status, version: report.version })),
      };
    }),
  );
}

// Headings for the annual report's columns, which the catalogue's labels do not name.
const ANNUAL_COLUMNS: Record<string, string> = { year: 'Whole year', atYearEnd: 'At year end' };

/** A column's heading: the catalogue's label, a quarter as `Q1 2026-27`, or the annual columns'. */
function columnHeading(column: string, label: string): string {
  return ANNUAL_COLUMNS[column] ?? quarterLabel(label);
}

/** The report's rows grouped for the page: one table per group, one row per figure, a cell per column. */
export function reportTables(report: Report) {
  const groups = new Map<string, { label: string; unit: string; cells: Map<string, number> }[]>();
  const columns = new Map<string, string[]>();
  for (const row of reportRows(report)) {
    const rows = groups.get(row.group) ?? [];
    let entry = rows.find((candidate) => candidate.label === row.label);
    if (!entry) {
      entry = { label: row.label, unit: row.unit, cells: new Map() };
      rows.push(entry);
    }
    const column = columnHeading(row.column, row.columnLabel);
    entry.cells.set(column, row.value);
    groups.set(row.group, rows);
    const seen = columns.get(row.group) ?? [];
    if (!seen.includes(column)) seen.push(column);
    columns.set(row.group, seen);
  }
  return [...groups.entries()].map(([group, rows]) => {
    const heads = columns.get(group) ?? [];
    return {
      group,
      columns: heads,
      rows: rows.map((row) => ({
        label: row.label,
        unit: row.unit,
        values: heads.map((head) => (row.cells.has(head) ? formatValue(row.cells.get(head)!, row.unit) : '')),
      })),
    };
  });
}

function formatValue(value: number, unit: string): string {
  if (unit === 'percent') return `${value}%`;
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

export interface ReportChart {
  id: string;
  title: string;
  description: string;
  chart: BarChart;
}

/** `2026-27-Q1` as `Q1 2026-27`. */
function quarterLabel(id: string): string {
  const match = /^(\d{4}-\d{2})-(Q[1-4])$/.exec(id);
  return match ? `${match[2]} ${match[1]}` : id;
}

/** A trend's name that stands alone: "Assessments: completed within timescale (%)". */
function trendLabel(key: string, label: string): string {
  const group = metricInfo(key.slice('trend.'.length))?.group;
  const word = group?.split(' ')[0]?.toLowerCase().replace(/s$/, '');
  if (!group || !word || label.toLowerCase().includes(word)) return label;
  return `${group}: ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
}

/**
 * The report's pictures, drawn from the same rows as its tables: each trended figure across the
 * quarters the report carries (a bar per quarter, oldest first; percentages on a 0-100 scale), and
 * each key worker's caseload against their capacity.
 */
export function reportCharts(report: Pick<Report, 'metrics'>): {
  trends: ReportChart[];
  caseload?: ReportChart;
} {
  const rows = reportRows(report);
  const trends = new Map<
    string,
    { label: string; unit: string; points: { column: string; value: number }[] }
  >();
  for (const row of rows) {
    if (!row.key.startsWith('trend.')) continue;
    const entry = trends.get(row.key) ?? {
      label: trendLabel(row.key, row.label),
      unit: row.unit,
      points: [],
    };
    entry.points.push({ column: row.column, value: row.value });
    trends.set(row.key, entry);
  }
  const charts = [...trends.values()].map((trend, index) => {
    const points = [...trend.points].sort((a, b) => a.column.localeCompare(b.column));
    const percent = trend.unit === 'percent';
    const first = quarterLabel(points[0]?.column ?? '');
    const last = quarterLabel(points.at(-1)?.column ?? '');
    return {
      id: `trend-${index}`,
      title: `${trend.label}, ${first} to ${last}`,
      description: `${points.map((point) => `${quarterLabel(point.column)}: ${formatValue(point.value, trend.unit)}`).join('; ')}. The Trends table has the same figures.`,
      chart: barChart(
        points.map((point) => ({ label: quarterLabel(point.column), value: point.value })),
        { width: 460, labelWidth: 110, ...(percent ? { max: 100 } : {}) },
      ),
    };
  });
  const workers = new Map<string, { load: number; capacity: number }>();
  for (const row of rows) {
    if (!row.key.startsWith(WORKER_PREFIX)) continue;
    const worker = workers.get(row.label) ?? { load: 0, capacity: 0 };
    if (row.column === 'loadUnits') worker.load = row.value;
    if (row.column === 'capacityUnits') worker.capacity = row.value;
    workers.set(row.label, worker);
  }
  const caseload = workers.size
    ? {
        id: 'caseload',
        title: 'Caseload against capacity per key worker',
        description:
          "Each key worker's caseload in units (filled) against their capacity (outline). The Caseload by key worker table has the same figures.",
        chart: barChart(
          [...workers.entries()].map(([label, worker]) => ({
            label,
            value: worker.load,
            outline: worker.capacity,
            full: worker.capacity > 0 && worker.load >= worker.capacity,
          })),
        ),
      }
    : undefined;
  return { trends: charts, ...(caseload ? { caseload } : {}) };
}
