import { configuredLocalities } from '../core/config';
import type { FieldError } from '../core/schemas/validation-error';
import {
  dateFrom,
  type FieldSpec,
  type FormValues,
  many,
  one,
  optional,
  pageErrors,
  type PageErrors,
} from './forms';
import { relationshipSelect } from './task-forms/options';
import { NEEDS } from '../core/vocabulary/needs';

// The families' own form: plain English, the same schema as POST /v1/self-referrals
// (selfReferralSchema). Field names are the schema's paths, so its errors land on the right field.

export const MAX_PEOPLE = 20;

/** Each person of the family, as both referral forms (the family's and staff's) ask for them. */
export const PERSON_FIELDS: Record<string, FieldSpec> = {
  'family.members.*.givenName': { label: 'the first name of person {n}', kind: 'text' },
  'family.members.*.familyName': { label: 'the last name of person {n}', kind: 'text' },
  'family.members.*.dateOfBirth': {
    label: 'the date of birth of person {n}',
    kind: 'date',
    href: 'family-members-{n}-dateOfBirth-day',
  },
  'family.members.*.relationship': { label: 'who person {n} is in the family', kind: 'choice' },
};

export const SELF_REFERRAL_FIELDS: Record<string, FieldSpec> = {
  'referrer.name': { label: 'your name', kind: 'text' },
  'referrer.email': { label: 'an email address or a phone number', kind: 'text' },
  'referrer.phone': { label: 'your phone number', kind: 'text' },
  relationship: { label: 'how you are related to the children', kind: 'choice' },
  'family.members': {
    label: 'at least one child (or unborn baby)',
    kind: 'text',
    href: 'family-members-0-relationship',
  },
  ...PERSON_FIELDS,
  'family.address.line1': { label: 'the first line of your address', kind: 'text' },
  'family.address.line2': { label: 'the second line of your address', kind: 'text' },
  'family.address.town': { label: 'your town', kind: 'text' },
  'family.address.postcode': { label: 'your postcode', kind: 'text' },
  locality: { label: 'the area you live in', kind: 'choice' },
  presentingNeeds: { label: 'what you would like help with', kind: 'choices', href: 'presentingNeeds' },
  reason: { label: 'what is happening for your family', kind: 'text' },
  immediateSafeguardingConcern: { label: 'whether anyone is in danger right now', kind: 'choice' },
  consent: { label: 'that you agree to us sharing your information', kind: 'choice' },
};

/**
 * What both referral forms (the family's and staff's) ask alike: the family, where they live, their
 * needs, why, and whether anyone is in danger now; as the schema's fields, blanks left undefined.
 */
export function familyPartFrom(values: FormValues) {
  const danger = one(values, 'immediateSafeguardingConcern');
  return {
    family: {
      members: peopleFrom(values).members,
      address: {
        line1: optional(values, 'family.address.line1'),
        line2: optional(values, 'family.address.line2'),
        town: optional(values, 'family.address.town'),
        postcode: optional(values, 'family.address.postcode'),
      },
    },
    locality: optional(values, 'locality'),
    presentingNeeds: many(values, 'presentingNeeds'),
    reason: optional(values, 'reason'),
    immediateSafeguardingConcern: danger === 'yes' ? true : danger === 'no' ? false : undefined,
  };
}

export function peopleCount(values: FormValues): number {
  let highest = 0;
  for (const name of Object.keys(values)) {
    const match = /^family\.members\.(\d+)\./.exec(name);
    if (match) highest = Math.max(highest, Number(match[1]) + 1);
  }
  const stated = Number(one(values, 'peopleCount'));
  return Math.min(Math.max(Number.isInteger(stated) ? stated : 0, highest, 3), MAX_PEOPLE);
}

function personIsBlank(values: FormValues, index: number): boolean {
  return [
    'givenName',
    'familyName',
    'relationship',
    'dateOfBirth-day',
    'dateOfBirth-month',
    'dateOfBirth-year',
  ].every((part) => !one(values, `family.members.${index}.${part}`));
}

/** The people typed, blank rows dropped; `rows` maps each kept person back to their row. */
export function peopleFrom(values: FormValues): { members: unknown[]; rows: number[] } {
  const members: unknown[] = [];
  const rows: number[] = [];
  for (let index = 0; index < peopleCount(values); index += 1) {
    if (personIsBlank(values, index)) continue;
    rows.push(index);
    const prefix = `family.members.${index}`;
    members.push({
      givenName: optional(values, `${prefix}.givenName`),
      familyName: optional(values, `${prefix}.familyName`),
      dateOfBirth: dateFrom(values, `${prefix}.dateOfBirth`),
      relationship: optional(values, `${prefix}.relationship`),
    });
  }
  return { members, rows };
}

/** The form as the self-referral body; `today` dates the consent given by ticking the box. */
export function toSelfReferral(values: FormValues, today: string): unknown {
  const name = optional(values, 'referrer.name');
  const agreed = one(values, 'consent') === 'yes';
  return {
    referrer: { name, email: optional(values, 'referrer.email'), phone: optional(values, 'referrer.phone') },
    consent: agreed
      ? { given: true, date: today, givenBy: name, relationship: optional(values, 'relationship') }
      : { given: false, reasonNotGiven: 'The family did not tick the box agreeing to share information' },
    ...familyPartFrom(values),
  };
}

function fieldFor(path: string, values: FormValues): string {
  if (path === 'consent.given') return 'consent';
  if (path.startsWith('consent.')) return path === 'consent.givenBy' ? 'referrer.name' : 'relationship';
  return personFieldFor(path, values);
}

/** A family member's error path as the form row it was typed in (blank rows are dropped). */
export function personFieldFor(path: string, values: FormValues): string {
  const match = /^family\.members\.(\d+)(\..*)?$/.exec(path);
  if (match) {
    const row = peopleFrom(values).rows[Number(match[1])] ?? Number(match[1]);
    return `family.members.${row}${match[2] ?? ''}`;
  }
  return path;
}

export function selfReferralErrors(values: FormValues, errors: readonly FieldError[]): PageErrors {
  return pageErrors(
    errors.map((error) => ({ ...error, path: fieldFor(error.path, values) })),
    SELF_REFERRAL_FIELDS,
    Object.keys(SELF_REFERRAL_FIELDS),
    (error) =>
      error.rule === 'contact_required'
        ? 'Enter an email address or a phone number so we can contact you'
        : error.rule === 'has_child' || (error.path === 'family.members' && error.rule === 'min_items')
          ? 'Tell us about at least one child (or unborn baby) in your family'
          : error.rule === 'consent_required'
            ? 'Tick the box to say you agree to us sharing your information, so we can help'
            : undefined,
  );
}

export function selfReferralView(values: FormValues) {
  const chosen = new Set(many(values, 'presentingNeeds'));
  return {
    people: Array.from({ length: peopleCount(values) }, (_, index) => ({
      index,
      number: index + 1,
      prefix: `family.members.${index}`,
      id: `family-members-${index}`,
      relationshipItems: relationshipSelect(one(values, `family.members.${index}.relationship`)),
    })),
    peopleCount: peopleCount(values),
    maxPeople: MAX_PEOPLE,
    relationshipItems: relationshipSelect(one(values, 'relationship'), true),
    localityItems: configuredLocalities().map((locality) => ({
      value: locality.id,
      text: locality.name,
      checked: one(values, 'locality') === locality.id,
    })),
    needItems: NEEDS.map((need) => ({ value: need.id, text: need.label, checked: chosen.has(need.id) })),
  };
}
