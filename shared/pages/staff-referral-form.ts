import { configuredLocalities } from '../core/config';
import type { FieldError } from '../core/schemas/validation-error';
import { type StaffCaller, canEnterReferral } from '../domain/access/rules';
import {
  dateFrom,
  type FieldSpec,
  type FormValues,
  one,
  optional,
  pageErrors,
  type PageErrors,
} from './forms';
import { familyPartFrom, PERSON_FIELDS, personFieldFor, selfReferralView } from './self-referral-form';
import { radios, relationshipSelect } from './task-forms/options';

// The duty officer's form for a referral taken by phone, email, in person or by letter, or a step-down
// from children's social care: the same schema as POST /v1/staff-referrals (staffReferralSchema).
// Field names are the schema's paths, so its errors land on the right field.

export const STAFF_REFERRAL_FIELDS: Record<string, FieldSpec> = {
  route: { label: 'how the family comes to the service', kind: 'choice', href: 'route' },
  receivedVia: { label: 'how the contact came in', kind: 'choice', href: 'receivedVia' },
  'stepDown.summary': { label: "the social worker's summary of the statutory case", kind: 'text' },
  'stepDown.statutoryReference': { label: "the statutory case's reference", kind: 'text' },
  'referrer.name': { label: "the referrer's name", kind: 'text' },
  'referrer.organisation': { label: "the referrer's organisation", kind: 'text' },
  'referrer.role': { label: "the referrer's role", kind: 'text' },
  'referrer.email': { label: "the referrer's email address or phone number", kind: 'text' },
  'referrer.phone': { label: "the referrer's phone number", kind: 'text' },
  'family.members': {
    label: 'at least one child (or unborn child)',
    kind: 'text',
    href: 'family-members-0-relationship',
  },
  ...PERSON_FIELDS,
  'family.address.line1': { label: 'the first line of the address', kind: 'text' },
  'family.address.line2': { label: 'the second line of the address', kind: 'text' },
  'family.address.town': { label: 'the town', kind: 'text' },
  'family.address.postcode': { label: 'the postcode', kind: 'text' },
  locality: { label: 'the locality', kind: 'choice' },
  presentingNeeds: { label: 'the needs the referral names', kind: 'choices', href: 'presentingNeeds' },
  reason: { label: 'the reason for the referral', kind: 'text' },
  immediateSafeguardingConcern: {
    label: 'whether there is an immediate safeguarding concern',
    kind: 'choice',
  },
  'consent.given': { label: 'whether the family consented to the referral', kind: 'choice' },
  'consent.date': { label: 'the date consent was given', kind: 'date', href: 'consent-date-day' },
  'consent.givenBy': { label: 'who gave consent', kind: 'text' },
  'consent.relationship': { label: 'how the person who gave consent is related', kind: 'choice' },
  'consent.reasonNotGiven': { label: 'why consent was not sought', kind: 'text' },
};

const CHANNEL_ITEMS = [
  ['phone', 'Phone'],
  ['email', 'Email'],
  ['in-person', 'In person'],
  ['letter', 'Letter'],
] as const;

/** The form as the staff referral body; blanks left out so the schema says "required". */
export function toStaffReferral(values: FormValues): unknown {
  const stepDown = one(values, 'route') === 'step-down';
  const consent = one(values, 'consent.given');
  return {
    ...(one(values, 'route') ? { route: one(values, 'route') } : {}),
    ...(stepDown
      ? {
          stepDown: {
            summary: optional(values, 'stepDown.summary'),
            statutoryReference: optional(values, 'stepDown.statutoryReference'),
          },
        }
      : { receivedVia: optional(values, 'receivedVia') }),
    referrer: {
      name: optional(values, 'referrer.name'),
      organisation: optional(values, 'referrer.organisation'),
      role: optional(values, 'referrer.role'),
      email: optional(values, 'referrer.email'),
      phone: optional(values, 'referrer.phone'),
    },
    consent:
      consent === 'no'
        ? { given: false, reasonNotGiven: optional(values, 'consent.reasonNotGiven') }
        : {
            given: consent === 'yes' ? true : undefined,
            date: dateFrom(values, 'consent.date'),
            givenBy: optional(values, 'consent.givenBy'),
            relationship: optional(values, 'consent.relationship'),
          },
    ...familyPartFrom(values),
  };
}

export function staffReferralErrors(values: FormValues, errors: readonly FieldError[]): PageErrors {
  return pageErrors(
    errors.map((error) => ({
      ...error,
      // A consent left unanswered is a discriminator error at `consent`: the radios answer it.
      path: error.path === 'consent' ? 'consent.given' : personFieldFor(error.path, values),
    })),
    STAFF_REFERRAL_FIELDS,
    Object.keys(STAFF_REFERRAL_FIELDS),
    (error) =>
      error.rule === 'contact_required'
        ? "Enter the referrer's email address or phone number"
        : error.rule === 'has_child' || (error.path === 'family.members' && error.rule === 'min_items')
          ? 'Add at least one child (or unborn child)'
          : error.rule === 'consent_required'
            ? 'Record the family’s consent: only an immediate safeguarding concern goes ahead without it'
            : undefined,
  );
}

/** The localities this caller may record a referral for (a hub coordinator: their own). */
function localitiesFor(caller: StaffCaller) {
  return configuredLocalities().filter((locality) => canEnterReferral(caller, { locality: locality.id }));
}

export function staffReferralView(values: FormValues, caller: StaffCaller) {
  const base = selfReferralView(values);
  return {
    ...base,
    // Only children's social care records a step-down; for anyone else the choice is not offered.
    mayStepDown: canEnterReferral(caller, { locality: '', route: 'step-down' }),
    routeItems: radios(one(values, 'route') || 'contact', [
      ['contact', 'A contact to the front door', 'Taken by phone, email, in person or by letter'],
      [
        'step-down',
        "A step-down from children's social care",
        'A statutory case is closing; the family was assessed there, so it goes straight to the locality hub',
      ],
    ]),
    channelItems: radios(one(values, 'receivedVia'), CHANNEL_ITEMS),
    consentItems: radios(one(values, 'consent.given'), [
      ['yes', 'Yes, the family agreed to the referral'],
      ['no', 'No: an immediate safeguarding concern, consent not sought'],
    ]),
    consentRelationshipItems: relationshipSelect(one(values, 'consent.relationship'), true),
    localityItems: localitiesFor(caller).map((locality) => ({
      value: locality.id,
      text: locality.name,
      checked: one(values, 'locality') === locality.id,
    })),
  };
}
