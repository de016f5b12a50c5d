import { reportAccess } from '../shared/domain/access/rules';
import {
  claimDrillDown,
  claimDrillDownQuerySchema,
  claimWindowSchema,
  readClaimFile,
} from '../shared/domain/claims/files';
import { PARTNERSHIP } from '../shared/domain/tasks/types/report-scope';
import {
  claimFileTables,
  figureLabel,
  headlineLabel,
  listClaimWindows,
  progressQuarters,
} from '../shared/pages/claims';
import { PageForbidden, PageNotFound, pageHandler } from '../shared/pages/handler';
import { reportScopesOf, scopeLabel } from '../shared/pages/reports';

// GET /claims, /claims/{window} and /claims/{window}/families: the results claims as pages, by the
// API's rule (`reportAccess`): the head of service every scope, a locality manager their locality;
// any other role 403, another locality's figures 404. The families behind a figure are listed by case
// reference only (a link to the case page), nothing else about them. Read only.

export const handler = pageHandler(
  async (request) => {
    const caller = request.staff!;
    if (reportAccess(caller, caller.area) === 'forbidden') throw new PageForbidden();
    if (request.view.routeKey === 'GET /claims') {
      return {
        kind: 'page',
        template: 'claims',
        data: {
          title: 'Results claims',
          section: 'claims',
          windows: await listClaimWindows(request.db, request.now),
          progressQuarters: progressQuarters(request.now),
        },
      };
    }
    const window = claimWindowSchema.safeParse(request.pathParameters.window ?? '');
    if (!window.success) throw new PageNotFound();
    if (request.view.routeKey.endsWith('/families')) {
      const query = claimDrillDownQuerySchema.safeParse(request.query);
      if (!query.success) throw new PageNotFound();
      const access = reportAccess(caller, query.data.scope);
      if (access !== 'allowed') throw new PageNotFound();
      const items = await claimDrillDown(request.db, window.data, query.data);
      if (!items) throw new PageNotFound();
      const figure = figureLabel(query.data.figure);
      return {
        kind: 'page',
        template: 'claim-families',
        data: {
          title: `${figure}: ${headlineLabel(query.data.headline)}, ${scopeLabel(query.data.scope)}, claim ${window.data}`,
          section: 'claims',
          backLink: `/claims/${window.data}`,
          window: window.data,
          figure,
          headline: headlineLabel(query.data.headline),
          scopeName: scopeLabel(query.data.scope),
          families: items.map((item) => ({ caseId: item.caseId, reference: item.reference })),
        },
      };
    }
    const readsAll = reportAccess(caller, PARTNERSHIP) === 'allowed';
    const file = await readClaimFile(request.db, window.data, readsAll ? undefined : caller.area);
    if (!file) throw new PageNotFound();
    return {
      kind: 'page',
      template: 'claim',
      data: {
        title: `Results claim ${file.window}`,
        section: 'claims',
        backLink: '/claims',
        file,
        tables: claimFileTables(file, reportScopesOf(caller)),
      },
    };
  },
  { access: 'staff' },
);
