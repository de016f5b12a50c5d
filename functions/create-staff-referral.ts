import { parseOrThrow } from '../shared/core/schemas/errors';
import { staffReferralSchema } from '../shared/core/schemas/referral';
import { canEnterReferral } from '../shared/domain/access/rules';
import { staffOf } from '../shared/http/callers';
import { httpHandler } from '../shared/http/handler';
import { idempotencyKeyOf } from '../shared/http/idempotency-key';
import { idempotentReferrals } from '../shared/http/idempotent-referral';
import { forbidden } from '../shared/http/problem';
import { immediateRiskNotice } from '../shared/http/referral-receipt';

// POST /v1/staff-referrals: a duty officer records a contact (phone, email, in person, letter), or
// children's social care steps a family down; the same schema rules and journey as a partner's
// referral, with source `staff` and who entered it. The Idempotency-Key works as on POST /v1/referrals,
// per staff member.

const submit = idempotentReferrals();

export const handler = httpHandler(async (request) => {
  const staff = staffOf(request);
  const key = idempotencyKeyOf(request);
  const referral = parseOrThrow(staffReferralSchema, request.body);
  if (!canEnterReferral(staff, referral)) {
    throw forbidden(
      referral.route === 'step-down'
        ? "Only children's social care (First Response) records a step-down"
        : 'Only the duty team, its duty manager and the locality hub coordinator record referrals',
    );
  }
  const receipt = await submit(
    {
      actor: { kind: 'staff', userId: staff.userId, role: staff.role, area: staff.area },
      idempotencyKey: key,
      body: request.body,
    },
    request.context,
  );
  // Staff follow the case on its page, not on the partner's referral links.
  return {
    status: 201,
    body: {
      id: receipt.id,
      reference: receipt.reference,
      status: receipt.status,
      links: { case: `/v1/cases/${receipt.id}` },
      immediateRisk: immediateRiskNotice(),
    },
  };
});
