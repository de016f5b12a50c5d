import { partnerOwnsCase } from '../shared/domain/access/rules';
import { defaultDb } from '../shared/adapters/data/db';
import { getCase } from '../shared/adapters/data/cases';
import { partnerOf } from '../shared/http/callers';
import { httpHandler } from '../shared/http/handler';
import { notFound } from '../shared/http/problem';
import { toReferralStatus } from '../shared/http/views';
import { pathId } from '../shared/http/path-params';

export const handler = httpHandler(async (request) => {
  const partner = partnerOf(request);
  const record = await getCase(defaultDb(), pathId(request.pathParameters));
  // Another partner's referral answers exactly as a missing one: its existence is not disclosed.
  if (!record || !partnerOwnsCase(partner, record)) throw notFound('No such referral');
  return { status: 200, body: toReferralStatus(record) };
});
