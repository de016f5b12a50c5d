import * as z from 'zod/mini';
import { defaultDb } from '../shared/adapters/data/db';
import { listCasesByPartner } from '../shared/adapters/data/cases';
import { partnerOf } from '../shared/http/callers';
import { httpHandler } from '../shared/http/handler';
import { cursorParam, limitParam, parseQuery } from '../shared/http/query';
import { toReferralSummary } from '../shared/http/views';
import { caseStatusSchema } from '../shared/core/schemas/case';
import { instantSchema } from '../shared/core/schemas/common';

const querySchema = z.strictObject({
  status: z.optional(caseStatusSchema),
  since: z.optional(instantSchema),
  cursor: cursorParam,
  limit: limitParam,
});

export const handler = httpHandler(async (request) => {
  const partner = partnerOf(request);
  const { status, since, cursor, limit } = parseQuery(querySchema, request.query);
  const page = await listCasesByPartner(defaultDb(), partner.partnerId, {
    ...(status ? { status } : {}),
    ...(since ? { since: new Date(since).toISOString() } : {}),
    ...(cursor ? { cursor } : {}),
    ...(limit ? { limit } : {}),
  });
  return {
    status: 200,
    body: { items: page.items.map(toReferralSummary), nextCursor: page.nextCursor ?? null },
  };
});
