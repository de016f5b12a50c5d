import { partnerOwnsCase } from '../shared/domain/access/rules';
import { now } from '../shared/core/clock';
import { getCase } from '../shared/adapters/data/cases';
import { defaultDb } from '../shared/adapters/data/db';
import { withdrawCase } from '../shared/domain/journey/interruptions';
import { partnerOf } from '../shared/http/callers';
import { httpHandler } from '../shared/http/handler';
import { notFound } from '../shared/http/problem';
import { toReferralStatus, withdrawalSchema } from '../shared/http/views';
import { parseOrThrow } from '../shared/core/schemas/errors';
import { pathId } from '../shared/http/path-params';

// POST /v1/referrals/{id}/withdraw: the journey marks the case WITHDRAWN and cancels its open task.
// An ended case answers 409; another partner's referral answers 404, as a missing one does.

export const handler = httpHandler(async (request) => {
  const partner = partnerOf(request);
  const db = defaultDb();
  const id = pathId(request.pathParameters);
  const record = await getCase(db, id);
  if (!record || !partnerOwnsCase(partner, record)) throw notFound('No such referral');
  const { reason } = parseOrThrow(withdrawalSchema, request.body);
  await withdrawCase(defaultDb(), id, { kind: 'partner', partnerId: partner.partnerId }, reason, now());
  const withdrawn = await getCase(db, id);
  return { status: 200, body: toReferralStatus(withdrawn!) };
});
