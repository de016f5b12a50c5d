import { configuredStaffing } from '../shared/core/config';
import { now } from '../shared/core/clock';
import { defaultDb } from '../shared/adapters/data/db';
import { createWorker, getWorker } from '../shared/adapters/data/workers';
import { auditAdminChange } from '../shared/http/admin-audit';
import { createStaffMemberSchema } from '../shared/http/admin-bodies';
import { actorOf } from '../shared/http/callers';
import { httpHandler } from '../shared/http/handler';
import { conflict } from '../shared/http/problem';
import { createStaffSignIn, initialPassword } from '../shared/adapters/identity/user-pool';
import { parseOrThrow } from '../shared/core/schemas/errors';

const CASE_HOLDING_ROLES = ['family-support-worker', 'senior'];

export const handler = httpHandler(async (request) => {
  const input = parseOrThrow(createStaffMemberSchema, request.body);
  const db = defaultDb();
  if (await getWorker(db, input.id)) throw conflict(`A staff member ${input.id} already exists`);
  const at = now().toISOString();
  const capacity =
    input.capacity ??
    (CASE_HOLDING_ROLES.includes(input.role) ? configuredStaffing().caseload.unitsPerWorker : 0);
  const worker = await createWorker(db, { ...input, capacity, active: true }, at);
  const password = initialPassword();
  await createStaffSignIn({ username: worker.id, email: worker.email, role: worker.role, password });
  await auditAdminChange(db, {
    subject: `worker#${worker.id}`,
    action: 'worker.created',
    actor: actorOf(request.principal),
    at,
    details: { role: worker.role, area: worker.area, capacity: worker.capacity },
  });
  return {
    status: 201,
    body: { staffMember: worker, initialPassword: password },
    headers: { location: `/v1/admin/staff/${worker.id}` },
  };
});
