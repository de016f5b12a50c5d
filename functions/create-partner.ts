import { now } from '../shared/core/clock';
import { defaultDb } from '../shared/adapters/data/db';
import { createPartner, getPartner } from '../shared/adapters/data/partners';
import { auditAdminChange } from '../shared/http/admin-audit';
import { createPartnerSchema } from '../shared/http/admin-bodies';
import { actorOf } from '../shared/http/callers';
import { httpHandler } from '../shared/http/handler';
import { toPartnerView } from '../shared/http/partner-view';
import { conflict } from '../shared/http/problem';
import { createPartnerClient, deletePartnerClient } from '../shared/adapters/identity/user-pool';
import { parseOrThrow } from '../shared/core/schemas/errors';

export const handler = httpHandler(async (request) => {
  const input = parseOrThrow(createPartnerSchema, request.body);
  const db = defaultDb();
  if (await getPartner(db, input.id)) throw conflict(`A partner ${input.id} already exists`);
  const credentials = await createPartnerClient(input.id, input.scopes);
  const at = now().toISOString();
  let partner: Awaited<ReturnType<typeof createPartner>>;
  try {
    partner = await createPartner(db, { ...input, clientId: credentials.clientId, active: true }, at);
  } catch (error) {
    // Two administrators raced on the same id: the loser's app client must not linger.
    await deletePartnerClient(credentials.clientId);
    throw error;
  }
  await auditAdminChange(db, {
    subject: `partner#${partner.id}`,
    action: 'partner.created',
    actor: actorOf(request.principal),
    at,
    details: { scopes: partner.scopes.join(' ') },
  });
  return {
    status: 201,
    body: { partner: toPartnerView(partner), ...credentials },
    headers: { location: `/v1/admin/partners/${partner.id}` },
  };
});
