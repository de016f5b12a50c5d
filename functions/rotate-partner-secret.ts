import { now } from '../shared/core/clock';
import { defaultDb } from '../shared/adapters/data/db';
import { getPartner } from '../shared/adapters/data/partners';
import { auditAdminChange } from '../shared/http/admin-audit';
import { actorOf } from '../shared/http/callers';
import { httpHandler } from '../shared/http/handler';
import { toPartnerView } from '../shared/http/partner-view';
import { conflict, notFound } from '../shared/http/problem';
import { rotatePartnerSecret } from '../shared/adapters/identity/user-pool';
import { pathId } from '../shared/http/path-params';

export const handler = httpHandler(async (request) => {
  const db = defaultDb();
  const partner = await getPartner(db, pathId(request.pathParameters));
  if (!partner) throw notFound('No such partner');
  if (!partner.active) throw conflict('This partner was revoked; register it again instead');
  const clientSecret = await rotatePartnerSecret(partner.clientId);
  await auditAdminChange(db, {
    subject: `partner#${partner.id}`,
    action: 'partner.updated',
    actor: actorOf(request.principal),
    at: now().toISOString(),
    details: { change: 'secret-rotated' },
  });
  return { status: 200, body: { partner: toPartnerView(partner), clientId: partner.clientId, clientSecret } };
});
