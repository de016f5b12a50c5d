import { defaultDb } from '../shared/data/db';
import { sweepRetention, sweepRetentionPayloadSchema } from '../shared/retention/sweep';
import { parseOrThrow } from '../shared/schemas/errors';

/** Retention sweep step: deletes up to `limit` cases past their retention date; `more` asks for another call. */
export async function handler(event: unknown) {
  const payload = parseOrThrow(sweepRetentionPayloadSchema, event);
  return sweepRetention(defaultDb(), new Date(payload.at), { limit: payload.limit ?? 100 });
}
