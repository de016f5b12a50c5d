import { describe, expect, it } from 'vitest';
import { toFieldErrors } from '../../../shared/core/schemas/errors';
import { staffReferralSchema } from '../../../shared/core/schemas/referral';
import {
  staffReferralErrors,
  staffReferralView,
  toStaffReferral,
} from '../../../shared/pages/staff-referral-form';

// The staff referral page's form is the StaffReferral body under the schema's own field names.

const filled = {
  receivedVia: 'letter',
  'referrer.name': 'Sam Officer',
  'referrer.organisation': 'Melton Borough Council',
  'referrer.role': 'Housing officer',
  'referrer.email': 'sam.officer@melton.example',
  'family.members.0.givenName': 'Jo',
  'family.members.0.familyName': 'Example',
  'family.members.0.dateOfBirth-day': '28',
  'family.members.0.dateOfBirth-month': '2',
  'family.members.0.dateOfBirth-year': '2015',
  'family.members.0.relationship': 'child',
  'family.address.line1': '1 Example Street',
  'family.address.town': 'Melton Mowbray',
  'family.address.postcode': 'le13 0aa',
  locality: 'melton',
  presentingNeeds: ['housing', 'financial-difficulty'],
  reason: 'Rent arrears and eviction notice.',
  immediateSafeguardingConcern: 'no',
  'consent.given': 'yes',
  'consent.date-day': '20',
  'consent.date-month': '11',
  'consent.date-year': '2026',
  'consent.givenBy': 'Alex Example',
  'consent.relationship': 'parent',
};

describe('the staff referral form', () => {
  it('gives a StaffReferral the schema takes', () => {
    const parsed = staffReferralSchema.safeParse(toStaffReferral(filled));
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data).toMatchObject({
      receivedVia: 'letter',
      consent: { given: true, date: '2026-11-20' },
    });
  });

  it('puts each error on its field, an unanswered consent on its radios', () => {
    const errorsOf = (values: Record<string, string | string[]>) => {
      const body = toStaffReferral(values);
      const parsed = staffReferralSchema.safeParse(body);
      return Object.keys(staffReferralErrors(values, toFieldErrors(parsed.error!, body)).byField);
    };
    const { 'consent.given': _given, ...unanswered } = filled;
    const { receivedVia: _via, ...unsaid } = filled;
    expect(errorsOf(unanswered)).toEqual(['consent-given']);
    // The rules across fields run once the shape is right, as on the API.
    expect(errorsOf(unsaid)).toEqual(['receivedVia']);
  });

  it('offers a step-down and every locality to First Response, a hub coordinator neither', () => {
    const duty = staffReferralView(
      {},
      { kind: 'staff', userId: 'duty', role: 'duty-social-worker', area: 'county' },
    );
    const hub = staffReferralView(
      {},
      { kind: 'staff', userId: 'hub', role: 'hub-coordinator', area: 'blaby' },
    );
    expect(duty.mayStepDown).toBe(true);
    expect(duty.localityItems).toHaveLength(7);
    expect(hub.mayStepDown).toBe(false);
    expect(hub.localityItems.map((item) => item.value)).toEqual(['blaby']);
  });
});
