import { getLatestReport } from '../shared/adapters/data/reports';
import { PageNotFound, pageHandler } from '../shared/pages/handler';
import {
  listReadableReports,
  reportCharts,
  reportScopesOf,
  reportTables,
  scopeLabel,
} from '../shared/pages/reports';
import { reportForecastTables } from '../shared/pages/forecast';
import { improvementOptionLabel } from '../shared/domain/metrics/thresholds';
import { reportCsv } from '../shared/domain/reporting/render';

// GET /reports, /reports/{scope}/{period} and its CSV: the quarterly and annual reports the reporting
// cycle stored, for locality managers (theirs) and the head of service (all). Read only.

const PERIOD = /^\d{4}-\d{2}(-Q[1-4])?$/;

export const handler = pageHandler(
  async (request) => {
    const caller = request.staff!;
    const scopes = reportScopesOf(caller);
    if (scopes.length === 0) throw new PageNotFound();
    if (request.view.routeKey === 'GET /reports') {
      return {
        kind: 'page',
        template: 'reports',
        data: {
          title: 'Reports',
          section: 'reports',
          listings: await listReadableReports(request.db, caller, request.now),
        },
      };
    }
    const { scope = '', period = '' } = request.pathParameters;
    if (!scopes.includes(scope) || !PERIOD.test(period)) throw new PageNotFound();
    const report = await getLatestReport(request.db, scope, period);
    if (!report) throw new PageNotFound();
    if (request.view.routeKey.endsWith('/csv')) {
      return {
        kind: 'file',
        body: reportCsv(report),
        contentType: 'text/csv; charset=utf-8',
        filename: `report-${scope}-${period}-v${report.version}.csv`,
      };
    }
    return {
      kind: 'page',
      template: 'report',
      data: {
        title: `${report.kind === 'annual' ? 'Annual' : 'Quarterly'} report ${period}: ${scopeLabel(scope)}`,
        section: 'reports',
        backLink: '/reports',
        report: { ...report, metrics: undefined },
        scopeName: scopeLabel(scope),
        tables: reportTables(report),
        charts: reportCharts(report),
        options: (report.improvementOptions ?? []).map(improvementOptionLabel),
        csvLink: `/reports/${scope}/${period}/csv`,
        forecast: reportForecastTables(report),
      },
    };
  },
  { access: 'staff' },
);
