import { now } from '../shared/core/clock';
import { defaultDb } from '../shared/adapters/data/db';
import { getPartner, updatePartner } from '../shared/adapters/data/partners';
import { auditAdminChange } from '../shared/http/admin-audit';
import { actorOf } from '../shared/http/callers';
import { httpHandler } from '../shared/http/handler';
import { toPartnerView } from '../shared/http/partner-view';
import { notFound } from '../shared/http/problem';
import { deletePartnerClient } from '../shared/adapters/identity/user-pool';
import { pathId } from '../shared/http/path-params';

// The table record goes inactive first: every request checks it, so access ends at once, even for
// tokens already issued. Then the app client is deleted so no new token can be had.

export const handler = httpHandler(async (request) => {
  const db = defaultDb();
  const current = await getPartner(db, pathId(request.pathParameters));
  if (!current) throw notFound('No such partner');
  const at = now().toISOString();
  const partner = current.active ? await updatePartner(db, current.id, { active: false }, at) : current;
  await deletePartnerClient(partner.clientId);
  if (current.active) {
    await auditAdminChange(db, {
      subject: `partner#${partner.id}`,
      action: 'partner.updated',
      actor: actorOf(request.principal),
      at,
      details: { change: 'revoked' },
    });
  }
  return { status: 200, body: toPartnerView(partner) };
});
