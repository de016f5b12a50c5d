import { describe, expect, it } from 'vitest';
import { canEnterReferral } from '../../../shared/domain/access/rules';
import { referralSchema, staffReferralSchema } from '../../../shared/core/schemas/referral';
import { initialState } from '../../../shared/domain/journey/state';
import { validPartnerReferral } from '../../support/fixtures';

// Every route in (issue 17): a staff referral is a partner's referral plus how it came in; a step-down
// from children's social care carries the social worker's summary, is never urgent, and starts its
// journey at the hub decision.

const contact = () => ({ ...validPartnerReferral(), receivedVia: 'email' });
const stepDown = () => ({
  ...validPartnerReferral(),
  route: 'step-down',
  stepDown: { summary: 'Child protection plan ended; early help agreed at the closing review.' },
});
const rules = (result: { error?: { issues: { path: PropertyKey[]; params?: { rule?: string } }[] } }) =>
  (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')} ${issue.params?.rule ?? ''}`.trim());

describe('the staff referral body', () => {
  it('takes a contact with how it came in, and a step-down with its summary', () => {
    expect(rules(staffReferralSchema.safeParse(contact()))).toEqual([]);
    expect(rules(staffReferralSchema.safeParse({ ...contact(), route: 'contact' }))).toEqual([]);
    expect(rules(staffReferralSchema.safeParse(stepDown()))).toEqual([]);
  });

  it('refuses a contact that does not say how it came in, or carries a step-down summary', () => {
    const { receivedVia: _receivedVia, ...unsaid } = contact();
    expect(rules(staffReferralSchema.safeParse(unsaid))).toEqual(['receivedVia received_via_required']);
    expect(rules(staffReferralSchema.safeParse({ ...contact(), stepDown: stepDown().stepDown }))).toEqual([
      'stepDown step_down_only',
    ]);
    expect(staffReferralSchema.safeParse({ ...contact(), receivedVia: 'fax' }).success).toBe(false);
  });

  it('refuses a step-down without its summary, or flagged as an immediate safeguarding concern', () => {
    const { stepDown: _summary, ...bare } = stepDown();
    expect(rules(staffReferralSchema.safeParse(bare))).toEqual(['stepDown step_down_required']);
    expect(
      rules(staffReferralSchema.safeParse({ ...stepDown(), immediateSafeguardingConcern: true })),
    ).toEqual(['immediateSafeguardingConcern step_down_not_urgent']);
  });

  it('keeps route, channel and summary to staff referrals when stored', () => {
    const partner = { ...validPartnerReferral(), source: 'partner', partnerId: 'demo-police' };
    expect(rules(referralSchema.safeParse({ ...partner, receivedVia: 'phone' }))).toEqual([
      'route staff_only',
    ]);
    // A staff referral stored before the channel was asked for still reads.
    expect(
      rules(referralSchema.safeParse({ ...validPartnerReferral(), source: 'staff', enteredBy: 'duty' })),
    ).toEqual([]);
    expect(rules(referralSchema.safeParse({ ...stepDown(), source: 'staff', enteredBy: 'duty' }))).toEqual(
      [],
    );
  });
});

describe('who records which referral', () => {
  const staff = (role: string, area: string) => ({ kind: 'staff' as const, userId: role, role, area });

  it('the duty team and its manager: contacts anywhere and step-downs', () => {
    for (const role of ['duty-social-worker', 'duty-manager']) {
      expect(canEnterReferral(staff(role, 'county'), { locality: 'melton' })).toBe(true);
      expect(canEnterReferral(staff(role, 'county'), { locality: 'melton', route: 'step-down' })).toBe(true);
    }
  });

  it('a hub coordinator: contacts for their own locality, never a step-down; other roles neither', () => {
    const hub = staff('hub-coordinator', 'melton');
    expect(canEnterReferral(hub, { locality: 'melton' })).toBe(true);
    expect(canEnterReferral(hub, { locality: 'blaby' })).toBe(false);
    expect(canEnterReferral(hub, { locality: 'melton', route: 'step-down' })).toBe(false);
    for (const role of ['family-support-worker', 'senior', 'locality-manager', 'head-of-service']) {
      expect(
        canEnterReferral(staff(role, role === 'head-of-service' ? 'county' : 'melton'), {
          locality: 'melton',
        }),
      ).toBe(false);
    }
  });
});

describe('where the journey starts', () => {
  it('at the screen, or at the hub decision for a step-down', () => {
    const caseId = '01KB41A2B3C4D5E6F7G8H9J0K1';
    expect(initialState(caseId, {}).resumeAt).toBe('safeguarding-screen');
    expect(initialState(caseId, { route: 'contact' }).resumeAt).toBe('safeguarding-screen');
    expect(initialState(caseId, { route: 'step-down' })).toEqual({
      schemaVersion: 2,
      caseId,
      resumeAt: 'hub-decision',
      generation: 1,
    });
  });
});
