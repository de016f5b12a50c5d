import { defaultDb } from '../shared/adapters/data/db';
import { listPartners } from '../shared/adapters/data/partners';
import { httpHandler } from '../shared/http/handler';
import { toPartnerView } from '../shared/http/partner-view';

export const handler = httpHandler(async () => {
  const partners = await listPartners(defaultDb());
  return { status: 200, body: { items: partners.map(toPartnerView) } };
});
