import { parseOrThrow } from '../shared/core/schemas/errors';
import { defaultDb } from '../shared/adapters/data/db';
import { reindexMatches } from '../shared/domain/matching/reindex';
import { matchIndexRebuildSchema } from '../shared/http/admin-bodies';
import { httpHandler } from '../shared/http/handler';

// POST /v1/admin/match-index: one batch of re-indexing every record held for the family matching
// (after an upgrade from the open-case index, or a new MATCH_KEY); `npm run admin -- match-index
// rebuild` sends batches until none is left. Safe to repeat.

export const handler = httpHandler(async (request) => {
  const { cursor } = parseOrThrow(matchIndexRebuildSchema, request.body ?? {});
  return { status: 200, body: await reindexMatches(defaultDb(), cursor ? { cursor } : {}) };
});
