import { getLatestReport } from '../../adapters/data/reports';
import { reportCharts, reportScopeOfTask, reportTables, scopeLabel } from '../reports';
import type { TaskFormContext } from './types';

// What the quarterly and the annual report's sign-off forms show beside the form.

/** The report a sign-off task is about, to read beside the form: its figures and links to it. */
export async function reportToSignOff({ db, task }: TaskFormContext) {
  const scope = reportScopeOfTask(task);
  const report = task.period ? await getLatestReport(db, scope, task.period) : undefined;
  return {
    reportLinks: task.period
      ? { html: `/reports/${scope}/${task.period}`, csv: `/reports/${scope}/${task.period}/csv` }
      : undefined,
    reportScopeName: scopeLabel(scope),
    reportFlags: report?.flags ?? [],
    reportTables: report ? reportTables(report) : [],
    reportChartSet: report ? reportCharts(report) : { trends: [] },
  };
}
