// The referral's fixed lists, the rules its schema states in words, and the reads of a referral that
// need no validation, as plain values: the case views and the journey use them without loading zod.

export const REFERRAL_SOURCES = ['partner', 'self', 'staff'] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

/** How a contact a duty officer records came in (a staff referral's `receivedVia`). */
export const CONTACT_CHANNELS = ['phone', 'email', 'in-person', 'letter'] as const;

/**
 * The routes in for a staff referral: a contact the front door received, or a step-down from
 * children's social care (a statutory case closing; the family was assessed there, so no screen).
 */
export const STAFF_REFERRAL_ROUTES = ['contact', 'step-down'] as const;
export type StaffReferralRoute = (typeof STAFF_REFERRAL_ROUTES)[number];

export const RELATIONSHIPS = [
  'child',
  'unborn-child',
  'parent',
  'step-parent',
  'carer',
  'grandparent',
  'sibling-adult',
  'other-adult',
] as const;

/** Relationships that make a member one of the referral's children. */
export const CHILD_RELATIONSHIPS: readonly string[] = ['child', 'unborn-child'];

/**
 * The rules a schema's shape cannot state, with the field error each one gives (`errors[]` of the
 * 422): the refinements below raise exactly these, and the OpenAPI document describes them in words.
 */
export const REFERRAL_RULES = {
  hasChild: {
    rule: 'has_child',
    path: 'family.members',
    message: 'at least one member must be a child (or unborn child)',
  },
  consentRequired: {
    rule: 'consent_required',
    path: 'consent.given',
    message: 'consent to refer is required unless there is an immediate safeguarding concern',
  },
  contactRequired: {
    rule: 'contact_required',
    path: 'referrer.email',
    message: 'give an email address or a phone number to contact the referrer',
  },
  receivedViaRequired: {
    rule: 'received_via_required',
    path: 'receivedVia',
    message: 'say how the contact came in (phone, email, in person or letter)',
  },
  stepDownRequired: {
    rule: 'step_down_required',
    path: 'stepDown',
    message: "a step-down gives the social worker's summary of the statutory case",
  },
  stepDownOnly: {
    rule: 'step_down_only',
    path: 'stepDown',
    message: 'a summary of a statutory case goes only with route step-down',
  },
  stepDownNotUrgent: {
    rule: 'step_down_not_urgent',
    path: 'immediateSafeguardingConcern',
    message:
      "a step-down cannot carry an immediate safeguarding concern: that stays with children's social care",
  },
  staffOnly: {
    rule: 'staff_only',
    path: 'route',
    message: 'only a staff referral has a route, a channel or a step-down summary',
  },
} as const;

/** A step-down from children's social care: it goes straight to the locality hub. */
export function isStepDown(referral: { route?: StaffReferralRoute | undefined }): boolean {
  return referral.route === 'step-down';
}

/** The children named on a referral (members whose relationship is child or unborn child). */
export function childrenOf<Member extends { relationship: string }>(referral: {
  family: { members: readonly Member[] };
}): Member[] {
  return referral.family.members.filter((member) => CHILD_RELATIONSHIPS.includes(member.relationship));
}
