import { defaultDb } from '../shared/adapters/data/db';
import { recordClaimAudits } from '../shared/domain/claims/cycle';
import { recordClaimAuditsPayloadSchema } from '../shared/domain/claims/payloads';
import { parseOrThrow } from '../shared/core/schemas/errors';

/** Claim cycle step: a family that failed its audit leaves the claim with the reason; the sign-off task. */
export async function handler(event: unknown) {
  const payload = parseOrThrow(recordClaimAuditsPayloadSchema, event);
  return recordClaimAudits(
    defaultDb(),
    payload.window,
    payload.audits.map((audit) => audit.taskId),
    payload.now,
  );
}
