import { defaultDb } from '../shared/adapters/data/db';
import { sweepRetentionPayloadSchema, sweepRetentionStep } from '../shared/domain/retention/sweep';
import { parseOrThrow } from '../shared/core/schemas/errors';

/**
 * Retention sweep step: deletes up to `limit` cases past their retention date; `more` asks for
 * another call. One execution sweeps at a time (a lease in the table), without reserving concurrency.
 */
export async function handler(event: unknown) {
  const payload = parseOrThrow(sweepRetentionPayloadSchema, event);
  return sweepRetentionStep(defaultDb(), {
    execution: payload.execution,
    at: new Date(payload.at),
    now: new Date(payload.now),
    limit: payload.limit ?? 100,
  });
}
