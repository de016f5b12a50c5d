import * as z from 'zod/mini';
import {
  distinctArray,
  emailSchema,
  isoDateSchema,
  localityIdSchema,
  longText,
  phoneSchema,
  postcodeSchema,
  slugIdSchema,
  text,
} from './common';
import { londonDate } from '../calendar/london';
import { now } from '../clock';
import { needIdSchema } from './needs';
import { NEEDS } from '../vocabulary/needs';
import {
  CHILD_RELATIONSHIPS,
  CONTACT_CHANNELS,
  isStepDown,
  REFERRAL_RULES,
  REFERRAL_SOURCES,
  type ReferralSource,
  RELATIONSHIPS,
  STAFF_REFERRAL_ROUTES,
} from '../vocabulary/referrals';

// The multi-agency referral form (MARF, seeds/004) and the self-referral. One set of field rules; the
// partner body, the self-referral body and the stored referral are three views of it.

export const familyMemberSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    givenName: text(100),
    familyName: text(100),
    /** For an unborn child, the expected date of birth. */
    dateOfBirth: isoDateSchema,
    relationship: z.enum(RELATIONSHIPS),
    gender: z.optional(z.enum(['female', 'male', 'other', 'not-known'])),
  }))();

export const addressSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    line1: text(120),
    line2: z.optional(text(120)),
    town: text(80),
    postcode: postcodeSchema,
  }))();

/** Who refers: a self-referrer may leave out organisation and role. */
export const referrerSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    name: text(120),
    organisation: z.optional(text(120)),
    role: z.optional(text(120)),
    email: z.optional(emailSchema),
    phone: z.optional(phoneSchema),
  }))();

/** A professional referrer (partner or staff): organisation and role are required. */
export const professionalReferrerSchema = /* @__PURE__ */ (() =>
  z.extend(referrerSchema, {
    organisation: text(120),
    role: text(120),
  }))();

/** Consent to refer (seeds/004: referral with family consent). */
export const consentToReferSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion('given', [
    z.strictObject({
      given: z.literal(true),
      date: isoDateSchema,
      /** Who gave it: the name of the parent or carer. */
      givenBy: text(120),
      relationship: z.enum(RELATIONSHIPS),
    }),
    z.strictObject({
      given: z.literal(false),
      /** Only an immediate safeguarding concern goes ahead without consent; say why it was not sought. */
      reasonNotGiven: longText(1000),
    }),
  ]))();

const baseShape = /* @__PURE__ */ (() => ({
  referrer: referrerSchema,
  consent: consentToReferSchema,
  family: z.strictObject({
    members: z.array(familyMemberSchema).check(z.minLength(1), z.maxLength(20)),
    address: addressSchema,
  }),
  locality: localityIdSchema,
  presentingNeeds: distinctArray(needIdSchema, NEEDS.length).check(z.minLength(1)),
  reason: longText(4000),
  immediateSafeguardingConcern: z
    .boolean()
    .check(
      z.describe(
        'true: an immediate safeguarding concern. The referral is screened urgently: the duty team within a working hour, and out of hours the emergency duty team is told at once. Phone First Response (or 999) as well.',
      ),
    ),
  /** The referrer's own reference, echoed back to them. */
  partnerReference: z.optional(text(64)),
}))();

/** What only a staff referral carries: how it came in, or the step-down it is. */
const staffShape = /* @__PURE__ */ (() => ({
  route: z
    .optional(z.enum(STAFF_REFERRAL_ROUTES))
    .check(
      z.describe(
        "`contact` (the default): a contact the duty officer received, with `receivedVia`. `step-down`: children's social care closing a statutory case refers the family on, with `stepDown.summary`; it skips the safeguarding screen and goes straight to the locality hub.",
      ),
    ),
  receivedVia: z
    .optional(z.enum(CONTACT_CHANNELS))
    .check(z.describe('How the contact came in; required unless `route` is `step-down`')),
  stepDown: z.optional(
    z.strictObject({
      /** The social worker's summary of the statutory case and why early help fits now. */
      summary: longText(4000),
      /** The statutory case's own reference, for the social worker's records. */
      statutoryReference: z.optional(text(64)),
    }),
  ),
}))();

type ReferralLike = z.infer<z.ZodMiniObject<typeof baseShape>> &
  Partial<z.infer<z.ZodMiniObject<typeof staffShape>>> & { source: ReferralSource };

function ruleIssue(
  context: z.core.$RefinementCtx,
  rule: (typeof REFERRAL_RULES)[keyof typeof REFERRAL_RULES],
) {
  context.addIssue({
    code: 'custom',
    message: rule.message,
    path: rule.path.split('.'),
    params: { rule: rule.rule },
  });
}

function referralRules(referral: ReferralLike, context: z.core.$RefinementCtx): void {
  if (!referral.family.members.some((member) => CHILD_RELATIONSHIPS.includes(member.relationship))) {
    ruleIssue(context, REFERRAL_RULES.hasChild);
  }
  if (!referral.consent.given && !referral.immediateSafeguardingConcern) {
    ruleIssue(context, REFERRAL_RULES.consentRequired);
  }
  // The bodies state this in their referrer schema; a stored referral of any source is checked here.
  if (referral.source !== 'self') {
    for (const field of ['organisation', 'role'] as const) {
      if (!referral.referrer[field]) {
        context.addIssue({
          code: 'custom',
          message: `the referrer's ${field} is required`,
          path: ['referrer', field],
          params: { rule: 'required' },
        });
      }
    }
  }
  if (!referral.referrer.email && !referral.referrer.phone) {
    ruleIssue(context, REFERRAL_RULES.contactRequired);
  }
  if (referral.source !== 'staff') {
    if (referral.route || referral.receivedVia || referral.stepDown)
      ruleIssue(context, REFERRAL_RULES.staffOnly);
    return;
  }
  if (isStepDown(referral)) {
    if (!referral.stepDown) ruleIssue(context, REFERRAL_RULES.stepDownRequired);
    // The screen is skipped because social care already assessed the family; a risk now is theirs.
    if (referral.immediateSafeguardingConcern) ruleIssue(context, REFERRAL_RULES.stepDownNotUrgent);
  } else if (referral.stepDown) {
    ruleIssue(context, REFERRAL_RULES.stepDownOnly);
  }
}

/**
 * At intake, against today in London (the HTTP handler's clock): nobody is born after today except
 * an unborn child (whose date is the expected one), and consent cannot have been given after today.
 * Not part of the stored referral's rules, which must read the same whenever they are checked.
 */
function datesUpToToday(referral: ReferralLike, context: z.core.$RefinementCtx): void {
  const today = londonDate(now());
  referral.family.members.forEach((member, index) => {
    if (member.relationship !== 'unborn-child' && member.dateOfBirth > today) {
      context.addIssue({
        code: 'custom',
        message: 'a date of birth cannot be after today (give an unborn child the expected date)',
        path: ['family', 'members', index, 'dateOfBirth'],
        params: { rule: 'not_in_future' },
      });
    }
  });
  if (referral.consent.given && referral.consent.date > today) {
    context.addIssue({
      code: 'custom',
      message: 'consent cannot have been given after today',
      path: ['consent', 'date'],
      params: { rule: 'not_in_future' },
    });
  }
}

/** The body a partner posts to `POST /v1/referrals` (the source is the authenticated partner). */
export const partnerReferralSchema = /* @__PURE__ */ (() =>
  z.strictObject({ ...baseShape, referrer: professionalReferrerSchema }).check(
    z.superRefine((referral, context) => {
      referralRules({ ...referral, source: 'partner' }, context);
      datesUpToToday({ ...referral, source: 'partner' }, context);
    }),
  ))();

/** A referral a staff member enters for a family (the source is the signed-in staff member). */
export const staffReferralSchema = /* @__PURE__ */ (() =>
  z.strictObject({ ...baseShape, ...staffShape, referrer: professionalReferrerSchema }).check(
    z.superRefine((referral, context) => {
      referralRules({ ...referral, source: 'staff' }, context);
      datesUpToToday({ ...referral, source: 'staff' }, context);
      // At intake only: a staff referral stored before the channel was asked for still reads.
      if (!isStepDown(referral) && !referral.receivedVia)
        ruleIssue(context, REFERRAL_RULES.receivedViaRequired);
    }),
  ))();

/** The body of `POST /v1/self-referrals`: a parent or carer refers their own family. */
export const selfReferralSchema = /* @__PURE__ */ (() =>
  z.strictObject({ ...baseShape, reason: longText(2000) }).check(
    z.superRefine((referral, context) => {
      referralRules({ ...referral, source: 'self' }, context);
      datesUpToToday({ ...referral, source: 'self' }, context);
    }),
  ))();

/** A referral as stored on the case, whoever made it. */
export const referralSchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      ...baseShape,
      ...staffShape,
      source: z.enum(REFERRAL_SOURCES),
      /** The partner that referred (source `partner`). */
      partnerId: z.optional(slugIdSchema),
      /** The staff member who entered it (source `staff`). */
      enteredBy: z.optional(slugIdSchema),
    })
    .check(
      z.superRefine((referral, context) => {
        referralRules(referral, context);
        if (referral.source === 'partner' && !referral.partnerId) {
          context.addIssue({
            code: 'custom',
            message: 'a partner referral names its partner',
            path: ['partnerId'],
            params: { rule: 'required' },
          });
        }
        if (referral.source === 'staff' && !referral.enteredBy) {
          context.addIssue({
            code: 'custom',
            message: 'a staff referral names who entered it',
            path: ['enteredBy'],
            params: { rule: 'required' },
          });
        }
      }),
    ))();

export type FamilyMember = z.infer<typeof familyMemberSchema>;
/** The three routes' bodies, by name. @public */
export type PartnerReferral = z.infer<typeof partnerReferralSchema>;
/** @public */
export type SelfReferral = z.infer<typeof selfReferralSchema>;
/** @public */
export type StaffReferral = z.infer<typeof staffReferralSchema>;
export type Referral = z.infer<typeof referralSchema>;
