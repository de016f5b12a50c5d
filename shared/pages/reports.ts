import { previousQuarter, quarterOf } from '../calendar/financial-year';
import { londonDate } from '../calendar/london';
import { getConfig } from '../config';
import type { Db } from '../data/db';
import { getLatestReport } from '../data/reports';
import { COUNTY } from '../schemas/common';
import type { Report } from '../schemas/report';
import type { StaffCaller } from '../access/rules';
import { PARTNERSHIP } from '../reporting/cycle';
import { reportRows } from '../reporting/render';

// The reports staff may read: a locality manager their locality's, the head of service every
// locality's and the partnership's. The figures are the reporting cycle's stored versions, laid out
// by its own rows (shared/reporting/render.ts), so the page, the CSV and the JSON never disagree.

const READERS = ['locality-manager', 'head-of-service'];

export function reportScopesOf(caller: StaffCaller): string[] {
  if (!READERS.includes(caller.role)) return [];
  const localities = getConfig().localities.map((locality) => locality.id);
  if (caller.area === COUNTY) return [PARTNERSHIP, ...localities];
  return localities.filter((id) => id === caller.area);
}

/** The scope a report task is about: its locality, or the partnership for the county's. */
export function reportScopeOfTask(task: { area: string }): string {
  return task.area === COUNTY ? PARTNERSHIP : task.area;
}

export function scopeLabel(scope: string): string {
  if (scope === PARTNERSHIP) return 'The partnership (all localities)';
  return getConfig().localities.find((locality) => locality.id === scope)?.name ?? scope;
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
    entry.cells.set(row.columnLabel, row.value);
    groups.set(row.group, rows);
    const seen = columns.get(row.group) ?? [];
    if (!seen.includes(row.columnLabel)) seen.push(row.columnLabel);
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
