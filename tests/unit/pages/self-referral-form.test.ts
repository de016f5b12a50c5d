import { describe, expect, it } from 'vitest';
import { peopleCount, selfReferralErrors, toSelfReferral } from '../../../shared/pages/self-referral-form';
import { toFieldErrors } from '../../../shared/core/schemas/errors';
import { selfReferralSchema } from '../../../shared/core/schemas/referral';

const FILLED = {
  'referrer.name': 'Sam Parent',
  'referrer.phone': '0116 000 0000',
  relationship: 'parent',
  'family.members.0.givenName': 'Sam',
  'family.members.0.familyName': 'Parent',
  'family.members.0.dateOfBirth-day': '1',
  'family.members.0.dateOfBirth-month': '2',
  'family.members.0.dateOfBirth-year': '1988',
  'family.members.0.relationship': 'parent',
  // a blank row between two people is dropped
  'family.members.2.givenName': 'Robin',
  'family.members.2.familyName': 'Parent',
  'family.members.2.dateOfBirth-day': '3',
  'family.members.2.dateOfBirth-month': '4',
  'family.members.2.dateOfBirth-year': '2016',
  'family.members.2.relationship': 'child',
  'family.address.line1': '2 Sample Lane',
  'family.address.town': 'Melton Mowbray',
  'family.address.postcode': 'LE13 1AA',
  locality: 'melton',
  presentingNeeds: ['housing', 'healthy-lifestyle'],
  reason: 'We are behind with the rent.',
  immediateSafeguardingConcern: 'no',
  consent: 'yes',
};

function check(values: Record<string, string | string[]>) {
  const body = toSelfReferral(values, '2026-11-23');
  const parsed = selfReferralSchema.safeParse(body);
  return {
    body,
    parsed,
    errors: parsed.success ? undefined : selfReferralErrors(values, toFieldErrors(parsed.error, body)),
  };
}

describe('the self-referral form', () => {
  it('turns a filled form into a body POST /v1/self-referrals accepts, consent dated today', () => {
    // Act
    const { parsed } = check(FILLED);
    // Assess
    expect(parsed.success).toBe(true);
    expect(parsed.data?.consent).toEqual({
      given: true,
      date: '2026-11-23',
      givenBy: 'Sam Parent',
      relationship: 'parent',
    });
    expect(parsed.data?.family.members.map((member) => member.givenName)).toEqual(['Sam', 'Robin']);
    expect(parsed.data?.immediateSafeguardingConcern).toBe(false);
  });

  it('names every missing answer in plain English, each linking to its field', () => {
    // Act
    const { errors } = check({});
    // Assess
    expect(errors?.summary).toContainEqual({ text: 'Enter your name', href: '#referrer-name' });
    expect(errors?.summary).toContainEqual({
      text: 'Tell us about at least one child (or unborn baby) in your family',
      href: '#family-members-0-relationship',
    });
    expect(errors?.summary).toContainEqual({ text: 'Select the area you live in', href: '#locality' });
  });

  it('puts the schema’s rules on the row the person typed them in, and asks for consent or contact', () => {
    // Act: the person on row 3 has an unreadable year; no contact given; consent not ticked
    const { errors } = check({
      ...FILLED,
      'referrer.phone': '',
      consent: '',
      'family.members.2.dateOfBirth-year': 'abc',
    });
    const rules = check({ ...FILLED, 'referrer.phone': '', consent: '' }).errors;
    // Assess
    expect(errors?.summary.map((error) => error.href)).toContain('#family-members-2-dateOfBirth-day');
    expect(rules?.summary).toContainEqual({
      text: 'Enter an email address or a phone number so we can contact you',
      href: '#referrer-email',
    });
    expect(rules?.summary.map((error) => error.text)).toContain(
      'Tick the box to say you agree to us sharing your information, so we can help',
    );
  });

  it('shows at least three rows and never more than twenty', () => {
    expect(peopleCount({})).toBe(3);
    expect(peopleCount({ peopleCount: '5' })).toBe(5);
    expect(peopleCount({ 'family.members.6.givenName': 'A' })).toBe(7);
    expect(peopleCount({ peopleCount: '99' })).toBe(20);
  });
});
