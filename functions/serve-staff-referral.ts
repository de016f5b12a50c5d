import { randomUUID } from 'node:crypto';
import { KeyReusedError } from '../shared/adapters/data/referral-keys';
import { toFieldErrors } from '../shared/core/schemas/errors';
import { staffReferralSchema } from '../shared/core/schemas/referral';
import { canEnterReferral, canSeeCase, REFERRAL_RECORDERS } from '../shared/domain/access/rules';
import { receiveReferral } from '../shared/domain/journey/referral';
import { immediateRiskNotice } from '../shared/http/referral-receipt';
import { one } from '../shared/pages/forms';
import { PageNotFound, type PageRequest, pageHandler } from '../shared/pages/handler';
import { MAX_PEOPLE, peopleCount } from '../shared/pages/self-referral-form';
import { staffReferralErrors, staffReferralView, toStaffReferral } from '../shared/pages/staff-referral-form';
import { isStepDown } from '../shared/core/vocabulary/referrals';

// GET/POST /referrals/new: a duty officer records a contact (phone, email, in person, letter) or
// children's social care a step-down; the same schema, access rule and journey entry as
// POST /v1/staff-referrals. The form carries a key made when it was first shown, used as the
// Idempotency-Key: a second click or a resent form finds the first referral, never makes another.

const NO_ERRORS = { summary: [], byField: {} } as ReturnType<typeof staffReferralErrors>;
const KEY = /^[0-9a-f-]{36}$/;

function formPage(request: PageRequest, status = 200, errors = NO_ERRORS) {
  return {
    kind: 'page' as const,
    template: 'staff-referral',
    status,
    data: {
      title: 'Record a referral',
      section: 'referrals',
      values: request.form,
      errors,
      submissionKey: one(request.form, 'submissionKey'),
      ...staffReferralView(request.form, request.staff!),
    },
  };
}

export const handler = pageHandler(
  async (request) => {
    const caller = request.staff!;
    if (!REFERRAL_RECORDERS.includes(caller.role)) throw new PageNotFound();
    if (request.method === 'GET') {
      request.form.submissionKey = randomUUID();
      return formPage(request);
    }
    if (!KEY.test(one(request.form, 'submissionKey'))) request.form.submissionKey = randomUUID();
    if (one(request.form, 'action') === 'add-person') {
      request.form.peopleCount = String(Math.min(peopleCount(request.form) + 1, MAX_PEOPLE));
      return formPage(request);
    }
    const body = toStaffReferral(request.form);
    const checked = staffReferralSchema.safeParse(body);
    if (!checked.success) {
      return formPage(request, 422, staffReferralErrors(request.form, toFieldErrors(checked.error, body)));
    }
    if (!canEnterReferral(caller, checked.data)) {
      return formPage(
        request,
        422,
        staffReferralErrors(request.form, [
          { path: 'locality', rule: 'access', message: 'Select a locality you record referrals for' },
        ]),
      );
    }
    const actor = { kind: 'staff', userId: caller.userId, role: caller.role, area: caller.area } as const;
    let received: Awaited<ReturnType<typeof receiveReferral>>;
    try {
      received = await receiveReferral(request.db, checked.data, actor, request.now, {
        idempotencyKey: one(request.form, 'submissionKey'),
      });
    } catch (error) {
      if (!(error instanceof KeyReusedError)) throw error;
      // The form was sent before and then changed: the first referral stands; start a new form.
      request.form.submissionKey = randomUUID();
      const summary = [
        {
          text: 'This form was already recorded as a referral. Check the case, or send this as a new referral.',
          href: '#main-content',
        },
      ];
      return formPage(request, 409, { summary, byField: {} });
    }
    return {
      kind: 'page',
      template: 'staff-referral-sent',
      data: {
        title: 'Referral recorded',
        section: 'referrals',
        reference: received.reference,
        caseId: received.caseId,
        mayOpenCase: canSeeCase(caller, { locality: checked.data.locality }),
        stepDown: isStepDown(checked.data),
        urgent: checked.data.immediateSafeguardingConcern,
        immediateRisk: immediateRiskNotice(),
      },
    };
  },
  { access: 'staff' },
);
