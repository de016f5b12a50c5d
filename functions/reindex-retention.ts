import { now } from '../shared/core/clock';
import { parseOrThrow } from '../shared/core/schemas/errors';
import { defaultDb } from '../shared/adapters/data/db';
import { reindexForRetention } from '../shared/domain/retention/sweep';
import { retentionReindexSchema } from '../shared/http/admin-bodies';
import { httpHandler } from '../shared/http/handler';

// POST /v1/admin/retention-index: one batch of giving the cases that ended before the retention index
// their keys in it (the daily sweep does this by itself before it relies on the index; this is the
// same pass by hand); `npm run admin -- retention reindex` sends batches until the pass is complete.
// Safe to repeat.

export const handler = httpHandler(async (request) => {
  parseOrThrow(retentionReindexSchema, request.body ?? {});
  const { indexed, skipped, complete } = await reindexForRetention(defaultDb(), { at: now() });
  return { status: 200, body: { indexed, skipped, complete } };
});
