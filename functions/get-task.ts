import { canSeeTask } from '../shared/domain/access/rules';
import { getCase } from '../shared/adapters/data/cases';
import { defaultDb } from '../shared/adapters/data/db';
import { getTask } from '../shared/adapters/data/tasks';
import { staffOf } from '../shared/http/callers';
import { httpHandler } from '../shared/http/handler';
import { notFound } from '../shared/http/problem';
import { toTaskDetail } from '../shared/http/views';
import { pathId } from '../shared/http/path-params';

export const handler = httpHandler(async (request) => {
  const caller = staffOf(request);
  const db = defaultDb();
  const task = await getTask(db, pathId(request.pathParameters));
  if (!task || !canSeeTask(caller, task)) throw notFound('No such task');
  const record = task.caseId ? await getCase(db, task.caseId) : undefined;
  return { status: 200, body: toTaskDetail(task, record) };
});
