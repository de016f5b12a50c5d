import { defaultDb } from '../shared/adapters/data/db';
import { produceClaim } from '../shared/domain/claims/cycle';
import { produceClaimFilePayloadSchema } from '../shared/domain/claims/payloads';
import { parseOrThrow } from '../shared/core/schemas/errors';

/** Claim cycle step: once signed off, each family claimed once and the claim file produced. */
export async function handler(event: unknown) {
  const payload = parseOrThrow(produceClaimFilePayloadSchema, event);
  return produceClaim(defaultDb(), payload.window, payload.signOff[0]?.taskId, payload.now);
}
