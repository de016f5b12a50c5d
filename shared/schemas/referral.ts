import * as z from 'zod';
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
import { NEEDS, needIdSchema } from './needs';

// The multi-agency referral form (MARF, seeds/004) and the self-referral. One set of field rules; the
// partner body, the self-referral body and the stored referral are three views of it.

export const REFERRAL_SOURCES = ['partner', 'self', 'staff'] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

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

const CHILD_RELATIONSHIPS: readonly string[] = ['child', 'unborn-child'];

export const familyMemberSchema = z.strictObject({
  givenName: text(100),
  familyName: text(100),
  /** For an unborn child, the expected date of birth. */
  dateOfBirth: isoDateSchema,
  relationship: z.enum(RELATIONSHIPS),
  gender: z.enum(['female', 'male', 'other', 'not-known']).optional(),
});

export const addressSchema = z.strictObject({
  line1: text(120),
  line2: text(120).optional(),
  town: text(80),
  postcode: postcodeSchema,
});

export const referrerSchema = z.strictObject({
  name: text(120),
  /** Required for partner and staff referrals; a self-referrer may leave it out. */
  organisation: text(120).optional(),
  role: text(120).optional(),
  email: emailSchema.optional(),
  phone: phoneSchema.optional(),
});

/** Consent to refer (seeds/004: referral with family consent). */
export const consentToReferSchema = z.discriminatedUnion('given', [
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
]);

const baseShape = {
  referrer: referrerSchema,
  consent: consentToReferSchema,
  family: z.strictObject({
    members: z.array(familyMemberSchema).min(1).max(20),
    address: addressSchema,
  }),
  locality: localityIdSchema,
  presentingNeeds: distinctArray(needIdSchema, NEEDS.length).min(1),
  reason: longText(4000),
  immediateSafeguardingConcern: z.boolean(),
  /** The referrer's own reference, echoed back to them. */
  partnerReference: text(64).optional(),
};

type ReferralLike = z.infer<z.ZodObject<typeof baseShape>> & { source: ReferralSource };

function referralRules(referral: ReferralLike, context: z.RefinementCtx): void {
  if (!referral.family.members.some((member) => CHILD_RELATIONSHIPS.includes(member.relationship))) {
    context.addIssue({
      code: 'custom',
      message: 'at least one member must be a child (or unborn child)',
      path: ['family', 'members'],
      params: { rule: 'has_child' },
    });
  }
  if (!referral.consent.given && !referral.immediateSafeguardingConcern) {
    context.addIssue({
      code: 'custom',
      message: 'consent to refer is required unless there is an immediate safeguarding concern',
      path: ['consent', 'given'],
      params: { rule: 'consent_required' },
    });
  }
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
    context.addIssue({
      code: 'custom',
      message: 'give an email address or a phone number to contact the referrer',
      path: ['referrer', 'email'],
      params: { rule: 'contact_required' },
    });
  }
}

/** The body a partner posts to `POST /v1/referrals` (the source is the authenticated partner). */
export const partnerReferralSchema = z
  .strictObject(baseShape)
  .superRefine((referral, context) => referralRules({ ...referral, source: 'partner' }, context));

/** The body of `POST /v1/self-referrals`: a parent or carer refers their own family. */
export const selfReferralSchema = z
  .strictObject({ ...baseShape, family: baseShape.family, reason: longText(2000) })
  .superRefine((referral, context) => referralRules({ ...referral, source: 'self' }, context));

/** A referral as stored on the case, whoever made it. */
export const referralSchema = z
  .strictObject({
    ...baseShape,
    source: z.enum(REFERRAL_SOURCES),
    /** The partner that referred (source `partner`). */
    partnerId: slugIdSchema.optional(),
    /** The staff member who entered it (source `staff`). */
    enteredBy: slugIdSchema.optional(),
  })
  .superRefine((referral, context) => {
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
  });

export type FamilyMember = z.infer<typeof familyMemberSchema>;
export type PartnerReferral = z.infer<typeof partnerReferralSchema>;
export type SelfReferral = z.infer<typeof selfReferralSchema>;
export type Referral = z.infer<typeof referralSchema>;

/** The children named on a referral (members whose relationship is child or unborn child). */
export function childrenOf(referral: Pick<Referral, 'family'>): FamilyMember[] {
  return referral.family.members.filter((member) => CHILD_RELATIONSHIPS.includes(member.relationship));
}
