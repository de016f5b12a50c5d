import { afterEach, describe, expect, it } from 'vitest';
import { setClockSource, useFixedClock } from '../../../shared/core/clock';
import {
  partnerReferralSchema,
  referralSchema,
  selfReferralSchema,
  toFieldErrors,
} from '../../../shared/core/schemas';
import { validPartnerReferral } from '../../support/fixtures';
import { childrenOf } from '../../../shared/core/vocabulary/referrals';

function errorsOf(schema: { safeParse(input: unknown): any }, input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return toFieldErrors(result.error, input);
}

describe('partner referral (MARF)', () => {
  it('accepts a complete referral, trimming strings and normalising the postcode', () => {
    // Prepare
    const body = validPartnerReferral();
    body.referrer.name = '  Sam Officer  ';
    // Act
    const parsed = partnerReferralSchema.parse(body);
    // Assess
    expect(parsed.referrer.name).toBe('Sam Officer');
    expect(parsed.family.address.postcode).toBe('LE11 3AB');
    expect(childrenOf(parsed).map((child) => child.givenName)).toEqual(['Jo']);
  });

  // Each case breaks one field; the error must name that field and the rule.
  it.each<[string, (body: Record<string, any>) => void, string, string]>([
    ['unknown top-level field', (b) => (b.extra = 1), 'extra', 'unknown_field'],
    [
      'unknown nested field',
      (b) => (b.family.members[0].nickname = 'A'),
      'family.members.0.nickname',
      'unknown_field',
    ],
    ['missing reason', (b) => delete b.reason, 'reason', 'required'],
    ['blank reason', (b) => (b.reason = '   '), 'reason', 'required'],
    ['reason too long', (b) => (b.reason = 'x'.repeat(4001)), 'reason', 'max_length'],
    [
      'impossible date of birth',
      (b) => (b.family.members[1].dateOfBirth = '2015-02-30'),
      'family.members.1.dateOfBirth',
      'custom',
    ],
    [
      'bad relationship',
      (b) => (b.family.members[1].relationship = 'cousin'),
      'family.members.1.relationship',
      'enum',
    ],
    ['no members', (b) => (b.family.members = []), 'family.members', 'min_items'],
    [
      'too many members',
      (b) => (b.family.members = Array(21).fill(b.family.members[1])),
      'family.members',
      'max_items',
    ],
    ['no child', (b) => (b.family.members = [b.family.members[0]]), 'family.members', 'has_child'],
    ['bad postcode', (b) => (b.family.address.postcode = 'LE1'), 'family.address.postcode', 'format:regex'],
    ['unknown locality', (b) => (b.locality = 'rutland'), 'locality', 'enum'],
    ['need not on the list', (b) => (b.presentingNeeds = ['boredom']), 'presentingNeeds.0', 'enum'],
    ['no needs', (b) => (b.presentingNeeds = []), 'presentingNeeds', 'min_items'],
    ['repeated need', (b) => (b.presentingNeeds = ['crime', 'crime']), 'presentingNeeds', 'custom'],
    ['bad referrer email', (b) => (b.referrer.email = 'not-an-email'), 'referrer.email', 'format:email'],
    ['no organisation', (b) => delete b.referrer.organisation, 'referrer.organisation', 'required'],
    ['no role', (b) => delete b.referrer.role, 'referrer.role', 'required'],
    [
      'no contact',
      (b) => {
        delete b.referrer.email;
        delete b.referrer.phone;
      },
      'referrer.email',
      'contact_required',
    ],
    ['bad phone', (b) => (b.referrer.phone = 'call me'), 'referrer.phone', 'format:regex'],
    [
      'flag not boolean',
      (b) => (b.immediateSafeguardingConcern = 'yes'),
      'immediateSafeguardingConcern',
      'type',
    ],
    ['consent date missing', (b) => delete b.consent.date, 'consent.date', 'required'],
    ['consent giver missing', (b) => delete b.consent.givenBy, 'consent.givenBy', 'required'],
    [
      'no consent without a safeguarding concern',
      (b) => (b.consent = { given: false, reasonNotGiven: 'Not asked' }),
      'consent.given',
      'consent_required',
    ],
    ['source is not the partner’s to set', (b) => (b.source = 'staff'), 'source', 'unknown_field'],
  ])('rejects %s', (_, breakIt, path, rule) => {
    // Prepare
    const body = validPartnerReferral();
    breakIt(body);
    // Act
    const errors = errorsOf(partnerReferralSchema, body);
    // Assess
    expect(errors).toContainEqual(expect.objectContaining({ path, rule }));
  });

  it('accepts a referral without consent when there is an immediate safeguarding concern', () => {
    const body: Record<string, any> = { ...validPartnerReferral(), immediateSafeguardingConcern: true };
    body.consent = { given: false, reasonNotGiven: 'Seeking consent would put the child at risk' };
    expect(partnerReferralSchema.safeParse(body).success).toBe(true);
  });

  it('refuses a body that is not an object, naming the whole body', () => {
    expect(errorsOf(partnerReferralSchema, 'hello')).toEqual([
      expect.objectContaining({ path: '', rule: 'type' }),
    ]);
  });
});

describe('self-referral and stored referral', () => {
  it('lets a parent refer without an organisation', () => {
    const body = validPartnerReferral();
    body.referrer = { name: 'Alex Example', email: 'alex@example.com' };
    expect(selfReferralSchema.safeParse(body).success).toBe(true);
    expect(errorsOf(partnerReferralSchema, body)).toContainEqual(
      expect.objectContaining({ path: 'referrer.organisation' }),
    );
  });

  it('caps the self-referral reason more tightly', () => {
    const body = { ...validPartnerReferral(), reason: 'x'.repeat(2001) };
    expect(errorsOf(selfReferralSchema, body)).toContainEqual(
      expect.objectContaining({ path: 'reason', rule: 'max_length' }),
    );
  });

  it('requires the partner id on a stored partner referral and the author on a staff one', () => {
    const partner = { ...validPartnerReferral(), source: 'partner' };
    expect(errorsOf(referralSchema, partner)).toContainEqual(
      expect.objectContaining({ path: 'partnerId', rule: 'required' }),
    );
    expect(referralSchema.safeParse({ ...partner, partnerId: 'demo-police' }).success).toBe(true);
    const staff = { ...validPartnerReferral(), source: 'staff' };
    expect(errorsOf(referralSchema, staff)).toContainEqual(
      expect.objectContaining({ path: 'enteredBy', rule: 'required' }),
    );
    expect(errorsOf(referralSchema, { ...partner, partnerId: 'x', source: 'fax' })).toContainEqual(
      expect.objectContaining({ path: 'source', rule: 'enum' }),
    );
  });
});

describe('hostile and impossible values at intake', () => {
  afterEach(() => setClockSource(undefined));

  it.each([
    ['NUL', '\u0000'],
    ['CR', '\r'],
    ['LF', '\n'],
    ['tab', '\t'],
  ])('refuses a %s inside a name or an address line, naming the field', (_name, character) => {
    for (const schema of [partnerReferralSchema, selfReferralSchema]) {
      const body = validPartnerReferral();
      if (schema === selfReferralSchema) body.referrer = { name: 'Alex Example', phone: '07700 900123' };
      body.family.members[1].givenName = `Jo${character}Injected`;
      body.family.address.line1 = `1 Example${character}Street`;
      body.referrer.name = `Sam${character}Officer`;
      expect(errorsOf(schema, body)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: 'family.members.1.givenName', rule: 'format:regex' }),
          expect.objectContaining({ path: 'family.address.line1', rule: 'format:regex' }),
          expect.objectContaining({ path: 'referrer.name', rule: 'format:regex' }),
        ]),
      );
    }
  });

  it('refuses NUL in free text but keeps its line breaks', () => {
    const body = validPartnerReferral();
    body.reason = 'First line.\nSecond line.';
    expect(partnerReferralSchema.safeParse(body).success).toBe(true);
    body.reason = 'Hidden\u0000text';
    expect(errorsOf(partnerReferralSchema, body)).toContainEqual(expect.objectContaining({ path: 'reason' }));
  });

  it('refuses a date of birth after today, except an unborn child’s expected date', () => {
    useFixedClock('2026-11-23T12:00:00Z');
    const body = validPartnerReferral();
    body.family.members[1].dateOfBirth = '2026-11-24';
    expect(errorsOf(partnerReferralSchema, body)).toContainEqual(
      expect.objectContaining({ path: 'family.members.1.dateOfBirth', rule: 'not_in_future' }),
    );
    body.family.members[1].relationship = 'unborn-child';
    expect(partnerReferralSchema.safeParse(body).success).toBe(true);
    body.family.members[1] = { ...body.family.members[1], relationship: 'child', dateOfBirth: '2026-11-23' };
    expect(partnerReferralSchema.safeParse(body).success).toBe(true);
  });

  it('refuses consent dated after today (London), in both intake schemas', () => {
    // 23:30 UTC on 23 November is still the 23rd in London (GMT)
    useFixedClock('2026-11-23T23:30:00Z');
    for (const schema of [partnerReferralSchema, selfReferralSchema]) {
      const body = validPartnerReferral();
      if (schema === selfReferralSchema) body.referrer = { name: 'Alex Example', phone: '07700 900123' };
      body.consent.date = '2026-11-24';
      expect(errorsOf(schema, body)).toContainEqual(
        expect.objectContaining({ path: 'consent.date', rule: 'not_in_future' }),
      );
      body.consent.date = '2026-11-23';
      expect(schema.safeParse(body).success).toBe(true);
    }
  });
});
