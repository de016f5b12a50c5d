import { now } from '../shared/core/clock';
import { defaultDb } from '../shared/adapters/data/db';
import { requireWorker, updateWorker } from '../shared/adapters/data/workers';
import { auditAdminChange } from '../shared/http/admin-audit';
import { updateStaffMemberSchema } from '../shared/http/admin-bodies';
import { actorOf } from '../shared/http/callers';
import { httpHandler } from '../shared/http/handler';
import { moveStaffGroup, setStaffSignInEnabled } from '../shared/adapters/identity/user-pool';
import { parseOrThrow } from '../shared/core/schemas/errors';
import { pathId } from '../shared/http/path-params';

// Role, area, capacity, active. The repository refuses (409) deactivating or moving a worker who
// still holds open cases, and capacity below the current load: reallocate their cases first.

export const handler = httpHandler(async (request) => {
  const id = pathId(request.pathParameters);
  const changes = parseOrThrow(updateStaffMemberSchema, request.body);
  const db = defaultDb();
  const before = await requireWorker(db, id);
  const at = now().toISOString();
  const worker = await updateWorker(db, id, changes, at);
  if (changes.active !== undefined && changes.active !== before.active) {
    await setStaffSignInEnabled(id, changes.active);
  }
  if (worker.role !== before.role) await moveStaffGroup(id, before.role, worker.role);
  const details: Record<string, string | number | boolean> = {};
  for (const key of ['role', 'area', 'capacity', 'active'] as const) {
    if (changes[key] !== undefined && changes[key] !== before[key]) details[key] = changes[key]!;
  }
  for (const key of ['name', 'email'] as const) {
    // Which personal field changed, never its value.
    if (changes[key] !== undefined && changes[key] !== before[key]) details[key] = 'changed';
  }
  await auditAdminChange(db, {
    subject: `worker#${id}`,
    action: 'worker.updated',
    actor: actorOf(request.principal),
    at,
    details,
  });
  return { status: 200, body: worker };
});
