import { now } from '../shared/core/clock';
import { defaultDb } from '../shared/adapters/data/db';
import { rateBucket, takeRateToken } from '../shared/adapters/data/rate-limits';
import { receiveReferral } from '../shared/domain/journey/referral';
import { publicHttpHandler } from '../shared/http/handler';
import { tooManyRequests } from '../shared/http/problem';
import { immediateRiskNotice } from '../shared/http/referral-receipt';
import { selfReferralRateLimit } from '../shared/http/self-referrals';
import { parseOrThrow } from '../shared/core/schemas/errors';
import { selfReferralSchema } from '../shared/core/schemas/referral';

// POST /v1/self-referrals: anyone may refer their own family, so the limits are stricter than the
// partner API's: a smaller body, and a few valid referrals per caller per hour (on top of the WAF's
// rate rule), counted in the table so every Lambda instance shares the count.

const MAX_BODY_BYTES = 16 * 1024;

export const handler = publicHttpHandler(
  async (request) => {
    const at = now();
    // Validated first: a family's typing mistakes must not use up their attempts.
    const referral = parseOrThrow(selfReferralSchema, request.body);
    const sourceIp = request.principal.kind === 'public' ? request.principal.sourceIp : 'unknown';
    const decision = await takeRateToken(
      defaultDb(),
      rateBucket('self-referral', sourceIp),
      selfReferralRateLimit(),
      at,
    );
    if (!decision.allowed) throw tooManyRequests(decision.retryAfterSeconds);
    const received = await receiveReferral(defaultDb(), referral, { kind: 'public' }, at);
    // A self-referrer gets the reference to quote; following it is by phone, not by this API.
    return {
      status: 201,
      body: {
        id: received.caseId,
        reference: received.reference,
        status: received.status,
        immediateRisk: immediateRiskNotice(),
      },
    };
  },
  { maxBodyBytes: MAX_BODY_BYTES },
);
