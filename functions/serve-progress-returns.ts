import { reportAccess } from '../shared/domain/access/rules';
import {
  progressDrillDown,
  progressDrillDownQuerySchema,
  progressQuarterSchema,
  readProgressReturn,
} from '../shared/domain/progress-return/files';
import { PARTNERSHIP } from '../shared/domain/tasks/types/report-scope';
import { headlineLabel } from '../shared/pages/claims';
import { PROGRESS_COLUMNS, progressTables } from '../shared/pages/progress-returns';
import { PageForbidden, PageNotFound, pageHandler } from '../shared/pages/handler';
import { reportScopesOf, scopeLabel } from '../shared/pages/reports';

// GET /progress-returns/{quarter} and /progress-returns/{quarter}/families: the quarterly progress
// information (docs/progress-return.md) as pages, by the API's rule (`reportAccess`): the head of
// service every scope, a locality manager their locality; any other role 403, another locality's
// figures 404. The figures and the families behind each come from the same domain functions as
// GET /v1/progress-returns/{quarter}[/families], so they always agree. Read only.

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
      const figure = PROGRESS_COLUMNS.find((column) => column.figure === query.data.figure)!.label;
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
