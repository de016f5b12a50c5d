import { caseFor } from '../shared/access/case-view';
import { canSeeCase } from '../shared/access/rules';
import { listAuditEvents } from '../shared/data/audit';
import { getCase } from '../shared/data/cases';
import { defaultDb } from '../shared/data/db';
import { listTasksForCase } from '../shared/data/tasks';
import { staffOf } from '../shared/http/callers';
import { httpHandler } from '../shared/http/handler';
import { notFound } from '../shared/http/problem';
import { pathId } from '../shared/http/query';
import { toTaskSummary } from '../shared/schemas/task';

export const handler = httpHandler(async (request) => {
  const caller = staffOf(request);
  const db = defaultDb();
  const record = await getCase(db, pathId(request.pathParameters));
  if (!record || !canSeeCase(caller, record)) throw notFound('No such case');
  const [tasks, audit] = await Promise.all([
    listTasksForCase(db, record.id),
    listAuditEvents(db, `case#${record.id}`, { limit: 500 }),
  ]);
  return {
    status: 200,
    body: {
      // The role decides how much of the family it sees (shared/access/case-view.ts), as on the pages.
      case: caseFor(record, caller.role),
      timeline: record.statusHistory,
      tasks: tasks.map(toTaskSummary),
      audit: audit.items,
    },
  };
});
