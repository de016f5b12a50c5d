import { configuredLocalities } from '../shared/core/config';
import { barChart } from '../shared/pages/bar-chart';
import { localityDashboard } from '../shared/pages/dashboard';
import { PageNotFound, pageHandler } from '../shared/pages/handler';
import { localitiesInScope, oversees } from '../shared/pages/task-lists';

// GET /dashboard: a locality at a glance for seniors, locality managers (their locality) and the
// head of service (any locality).

export const handler = pageHandler(
  async (request) => {
    const caller = request.staff!;
    if (!oversees(caller)) throw new PageNotFound();
    const scope = localitiesInScope(caller);
    const locality = scope.includes(request.query.locality ?? '') ? request.query.locality! : scope[0]!;
    const dashboard = await localityDashboard(request.db, locality, request.now);
    const names = Object.fromEntries(configuredLocalities().map((entry) => [entry.id, entry.name]));
    return {
      kind: 'page',
      template: 'dashboard',
      data: {
        title: `Dashboard: ${names[locality] ?? locality}`,
        section: 'dashboard',
        locality,
        localityOptions: scope.map((id) => ({ value: id, text: names[id] ?? id, selected: id === locality })),
        dashboard,
        caseloadChart: barChart(
          dashboard.workers.map((worker) => ({
            label: worker.id,
            value: worker.load,
            outline: worker.capacity,
            full: worker.load >= worker.capacity,
          })),
        ),
        figuresChart: barChart(
          dashboard.figures.map((figure) => ({ label: figure.label, value: figure.value })),
        ),
      },
    };
  },
  { access: 'staff' },
);
