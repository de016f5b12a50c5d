import { londonDate } from '../shared/core/calendar/london';
import { rateBucket, takeRateToken } from '../shared/adapters/data/rate-limits';
import { immediateRiskNotice } from '../shared/http/referral-receipt';
import { selfReferralRateLimit } from '../shared/http/self-referrals';
import { one } from '../shared/pages/forms';
import { pageHandler } from '../shared/pages/handler';
import {
  MAX_PEOPLE,
  peopleCount,
  selfReferralErrors,
  selfReferralView,
  toSelfReferral,
} from '../shared/pages/self-referral-form';
import { receiveReferral } from '../shared/domain/journey/referral';
import { toFieldErrors } from '../shared/core/schemas/errors';
import { selfReferralSchema } from '../shared/core/schemas/referral';
import { defaultDb } from '../shared/adapters/data/db';

// GET/POST /self-referral: a family asks for help themselves. Public, plain English, the same schema,
// rate limit and journey entry as POST /v1/self-referrals. Nothing is kept until it is sent.

const EMPTY_ERRORS = { summary: [], byField: {} };

export const handler = pageHandler(
  async (request) => {
    const values = request.form;
    const page = (status: number, errors = EMPTY_ERRORS as ReturnType<typeof selfReferralErrors>) => ({
      kind: 'page' as const,
      template: 'self-referral',
      status,
      data: {
        title: 'Ask for help for your family',
        publicPage: true,
        values,
        errors,
        ...selfReferralView(values),
      },
    });
    if (request.method === 'GET') return page(200);

    if (one(values, 'action') === 'add-person') {
      values.peopleCount = String(Math.min(peopleCount(values) + 1, MAX_PEOPLE));
      return page(200);
    }
    const body = toSelfReferral(values, londonDate(request.now));
    const checked = selfReferralSchema.safeParse(body);
    // Validated first: a family's typing mistakes must not use up their attempts.
    if (!checked.success) return page(422, selfReferralErrors(values, toFieldErrors(checked.error, body)));
    const decision = await takeRateToken(
      request.db,
      rateBucket('self-referral', request.view.sourceIp),
      selfReferralRateLimit(),
      request.now,
    );
    if (!decision.allowed) {
      return {
        kind: 'page',
        template: 'error',
        status: 429,
        headers: { 'retry-after': String(Math.max(1, Math.ceil(decision.retryAfterSeconds))) },
        data: {
          title: 'Please try again later',
          message: `We have had several requests from your connection. Please try again in ${Math.ceil(decision.retryAfterSeconds / 60)} minutes, or phone us.`,
          publicPage: true,
        },
      };
    }
    const received = await receiveReferral(defaultDb(), checked.data, { kind: 'public' }, request.now);
    return {
      kind: 'page',
      template: 'self-referral-sent',
      data: {
        title: 'Request sent',
        publicPage: true,
        reference: received.reference,
        immediateRisk: immediateRiskNotice(),
      },
    };
  },
  { access: 'anyone' },
);
