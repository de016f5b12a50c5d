import { parseOrThrow } from '../shared/core/schemas/errors';
import { partnerReferralSchema } from '../shared/core/schemas/referral';
import { partnerOf } from '../shared/http/callers';
import { httpHandler } from '../shared/http/handler';
import { idempotencyKeyOf } from '../shared/http/idempotency-key';
import { idempotentReferrals } from '../shared/http/idempotent-referral';
import { immediateRiskNotice } from '../shared/http/referral-receipt';

// POST /v1/referrals. The Idempotency-Key makes a retry safe, per partner
// (shared/http/idempotent-referral.ts): one key never makes two referrals.

const submit = idempotentReferrals();

export const handler = httpHandler(
  async (request) => {
    const partner = partnerOf(request);
    const key = idempotencyKeyOf(request);
    // Validated before the key is claimed: an invalid body leaves nothing behind.
    parseOrThrow(partnerReferralSchema, request.body);
    const receipt = await submit(
      {
        actor: { kind: 'partner', partnerId: partner.partnerId },
        idempotencyKey: key,
        body: request.body,
      },
      request.context,
      request.stillAllowed,
    );
    // The notice is added outside the stored answer, so a replayed one carries today's words too.
    return {
      status: 201,
      body: { ...receipt, immediateRisk: immediateRiskNotice() },
      headers: { location: receipt.links.self },
    };
  },
  // The partner's `active` is read beside the key's claim (its idempotency record), and awaited
  // before the case is written (shared/http/idempotent-referral.ts).
  { checksCallerAlongside: true },
);
