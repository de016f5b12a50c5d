import { defaultDb } from '../shared/adapters/data/db';
import { claimWindow, prepareClaimCycle } from '../shared/domain/claims/cycle';
import { prepareClaimsPayloadSchema } from '../shared/domain/claims/payloads';
import { parseOrThrow } from '../shared/core/schemas/errors';

/** Claim cycle step: the window's claimable families per locality and audit sample (once); the audit tasks. */
export async function handler(event: unknown) {
  const payload = parseOrThrow(prepareClaimsPayloadSchema, event);
  return prepareClaimCycle(defaultDb(), claimWindow(payload.input), payload.now);
}
