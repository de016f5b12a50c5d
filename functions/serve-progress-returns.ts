import { reportAccess } from '../shared/domain/access/rules';
import {
  progressDrillDown,
  progressDrillDownQuerySchema,
  progressQuarterSchema,
  readProgressReturn,
} from '../shared/domain/progress-return/files';
import { PARTNERSHIP } from '../shared/domain/tasks/types/report-scope';
import type { ProgressFigure, ProgressReturn } from '../shared/core/schemas/progress-return';
import { headlineLabel } from '../shared/pages/claims';
import { PageForbidden, PageNotFound, pageHandler } from '../shared/pages/handler';
import { reportScopesOf, scopeLabel } from '../shared/pages/reports';

// GET /progress-returns/{quarter} and /progress-returns/{quarter}/families: the quarterly progress
// information (docs/progress-return.md) as pages, by the API's rule (`reportAccess`): the head of
// service every scope, a locality manager their locality; any other role 403, another locality's
// figures 404. The figures and the families behind each come from the same domain functions as
// GET /v1/progress-returns/{quarter}[/families], so they always agree. Read only.

const FIGURE_COLUMNS: { figure: ProgressFigure; label: string }[] = [
  { figure: 'workedWith', label: 'Worked with' },
  { figure: 'started', label: 'Started' },
  { figure: 'open', label: 'Open at the end' },
  { figure: 'closed', label: 'Closed' },
  { figure: 'outcomesAchieved', label: 'Outcomes achieved' },
  { figure: 'claimed', label: 'Claimed' },
];

function progressTables(file: ProgressReturn, scopes: readonly string[]) {
  return scopes.flatMap((scope) => {
    const rows = file.rows.filter((row) => row.scope === scope);
    if (rows.length === 0) return [];
    return [
      {
        scope,
        label: scopeLabel(scope),
        rows: rows.map((row) => ({
          headline: headlineLabel(row.headline),
          cells: FIGURE_COLUMNS.map(({ figure, label }) => ({
            value: row[figure],
            label,
            href: `/progress-returns/${file.quarter}/families?${new URLSearchParams({ scope, headline: row.headline, figure })}`,
          })),
        })),
      },
    ];
  });
}

export const handler = pageHandler(
  async (request) => {
    const caller = request.staff!;
    if (reportAccess(caller, caller.area) === 'forbidden') throw new PageForbidden();
    const quarter = progressQuarterSchema.safeParse(request.pathParameters.quarter ?? '');
    if (!quarter.success) throw new PageNotFound();
    if (request.view.routeKey.endsWith('/families')) {
      const query = progressDrillDownQuerySchema.safeParse(request.query);
      if (!query.success) throw new PageNotFound();
      if (reportAccess(caller, query.data.scope) !== 'allowed') throw new PageNotFound();
      const items = await progressDrillDown(request.db, quarter.data, query.data);
      const figure = FIGURE_COLUMNS.find((column) => column.figure === query.data.figure)!.label;
      return {
        kind: 'page',
        template: 'progress-return-families',
        data: {
          title: `${figure}: ${headlineLabel(query.data.headline)}, ${scopeLabel(query.data.scope)}, progress return ${quarter.data}`,
          section: 'claims',
          backLink: `/progress-returns/${quarter.data}`,
          quarter: quarter.data,
          figure,
          headline: headlineLabel(query.data.headline),
          scopeName: scopeLabel(query.data.scope),
          families: items.map((item) => ({ caseId: item.caseId, reference: item.reference })),
        },
      };
    }
    const readsAll = reportAccess(caller, PARTNERSHIP) === 'allowed';
    const file = await readProgressReturn(
      request.db,
      quarter.data,
      request.now,
      readsAll ? undefined : caller.area,
    );
    return {
      kind: 'page',
      template: 'progress-return',
      data: {
        title: `Progress return ${file.quarter}`,
        section: 'claims',
        backLink: '/claims',
        file,
        tables: progressTables(file, reportScopesOf(caller)),
      },
    };
  },
  { access: 'staff' },
);
