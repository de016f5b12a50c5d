import { caseFor } from '../shared/domain/access/case-view';
import { canSeeCase } from '../shared/domain/access/rules';
import { listAuditEvents } from '../shared/adapters/data/audit';
import { getCase } from '../shared/adapters/data/cases';
import { defaultDb } from '../shared/adapters/data/db';
import { listTasksForCase } from '../shared/adapters/data/tasks';
import { staffOf } from '../shared/http/callers';
import { httpHandler } from '../shared/http/handler';
import { notFound } from '../shared/http/problem';
import { now } from '../shared/core/clock';
import { noteCaseViewed } from '../shared/domain/case-record/views';
import { pathId } from '../shared/http/path-params';
import { toTaskSummary } from '../shared/core/task-summary';

export const handler = httpHandler(async (request) => {
  const caller = staffOf(request);
  const db = defaultDb();
  const record = await getCase(db, pathId(request.pathParameters));
  if (!record || !canSeeCase(caller, record)) throw notFound('No such case');
  await noteCaseViewed(db, record.id, caller, 'case', 'api', now());
  const [tasks, audit] = await Promise.all([
    listTasksForCase(db, record.id),
    listAuditEvents(db, `case#${record.id}`, { limit: 500 }),
  ]);
  return {
    status: 200,
    body: {
      // The role decides how much of the family it sees (shared/domain/access/case-view.ts), as on the pages.
      case: caseFor(record, caller.role),
      timeline: record.statusHistory,
      tasks: tasks.map(toTaskSummary),
      audit: audit.items,
    },
  };
});
