import { ROLE_TASK_TYPES } from '../shared/domain/access/rules';
import { londonDate } from '../shared/core/calendar/london';
import { configuredLocalities } from '../shared/core/config';
import { pageHandler } from '../shared/pages/handler';
import { TASK_TYPE_LABELS } from '../shared/pages/labels';
import {
  groupByDue,
  localitiesInScope,
  myOpenTasks,
  oversees,
  teamOpenTasks,
} from '../shared/pages/task-lists';
import type { StaffRole } from '../shared/core/vocabulary/roles';
import type { TaskType } from '../shared/core/config/task-types.generated';

// GET /tasks: "My tasks" (mine and my queue's, due today, overdue, upcoming) and, for those who
// oversee a locality, the team's open tasks filtered by type and locality.

export const handler = pageHandler(
  async (request) => {
    const caller = request.staff!;
    const today = londonDate(request.now);
    const mine = groupByDue(await myOpenTasks(request.db, caller), today);
    const types = [...(ROLE_TASK_TYPES[caller.role as StaffRole] ?? [])];
    let team:
      | { groups: ReturnType<typeof groupByDue>; locality: string; type: string; count: number }
      | undefined;
    if (oversees(caller)) {
      const scope = localitiesInScope(caller);
      const locality = scope.includes(request.query.locality ?? '') ? request.query.locality! : scope[0]!;
      const type = types.includes(request.query.type as TaskType)
        ? (request.query.type as TaskType)
        : undefined;
      const tasks = await teamOpenTasks(request.db, caller, locality, type);
      team = { groups: groupByDue(tasks, today), locality, type: type ?? '', count: tasks.length };
    }
    const localityNames = Object.fromEntries(configuredLocalities().map((entry) => [entry.id, entry.name]));
    return {
      kind: 'page',
      template: 'tasks',
      data: {
        title: 'My tasks',
        section: 'tasks',
        today,
        now: request.now.toISOString(),
        mine,
        mineCount: mine.urgent.length + mine.overdue.length + mine.today.length + mine.upcoming.length,
        team,
        typeOptions: [
          { value: '', text: 'All types' },
          ...types.map((type) => ({
            value: type,
            text: TASK_TYPE_LABELS[type],
            selected: team?.type === type,
          })),
        ],
        localityOptions: oversees(caller)
          ? localitiesInScope(caller).map((id) => ({
              value: id,
              text: localityNames[id] ?? id,
              selected: team?.locality === id,
            }))
          : [],
      },
    };
  },
  { access: 'staff' },
);
