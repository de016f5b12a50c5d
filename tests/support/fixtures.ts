import type { FamilyStar } from '../../shared/core/schemas';

// Valid example bodies for tests. Every name and address is invented.

export function validPartnerReferral(): Record<string, any> {
  return {
    referrer: {
      name: 'Sam Officer',
      organisation: 'Leicestershire Police',
      role: 'Designated Safeguarding Officer',
      email: 'sam.officer@police.example',
      phone: '0116 222 2222',
    },
    consent: { given: true, date: '2026-11-20', givenBy: 'Alex Example', relationship: 'parent' },
    family: {
      members: [
        { givenName: 'Alex', familyName: 'Example', dateOfBirth: '1990-05-01', relationship: 'parent' },
        { givenName: 'Jo', familyName: 'Example', dateOfBirth: '2015-02-28', relationship: 'child' },
      ],
      address: { line1: '1 Example Street', town: 'Loughborough', postcode: 'le11 3ab' },
    },
    locality: 'charnwood',
    presentingNeeds: ['looking-after-children', 'financial-difficulty', 'missing-education'],
    reason: 'Family struggling with school attendance and debts.',
    immediateSafeguardingConcern: false,
  };
}

export function familyStar(score = 5): FamilyStar {
  return {
    'physical-health': score,
    'well-being': score,
    'emotional-needs': score,
    'keeping-safe': score,
    'social-networks': score,
    'education-learning': score,
    'boundaries-behaviour': score,
    'family-routine': score,
    'home-money': score,
    'progress-to-work': score,
  };
}

/** The public self-referral form's fields, filled in as a parent would (one parent, one child). */
export function filledSelfReferralForm(family: {
  childName: string;
  address: { line1: string; town: string; postcode: string };
  locality: string;
  reason: string;
}): Record<string, string> {
  return {
    'referrer.name': 'Sam Parent',
    'referrer.phone': '0116 000 0000',
    relationship: 'parent',
    'family.members.0.givenName': 'Sam',
    'family.members.0.familyName': 'Parent',
    'family.members.0.dateOfBirth-day': '1',
    'family.members.0.dateOfBirth-month': '2',
    'family.members.0.dateOfBirth-year': '1988',
    'family.members.0.relationship': 'parent',
    'family.members.1.givenName': family.childName,
    'family.members.1.familyName': 'Parent',
    'family.members.1.dateOfBirth-day': '3',
    'family.members.1.dateOfBirth-month': '4',
    'family.members.1.dateOfBirth-year': '2016',
    'family.members.1.relationship': 'child',
    'family.address.line1': family.address.line1,
    'family.address.town': family.address.town,
    'family.address.postcode': family.address.postcode,
    locality: family.locality,
    presentingNeeds: 'housing',
    reason: family.reason,
    immediateSafeguardingConcern: 'no',
    consent: 'yes',
  };
}

/** A school's practitioner on the team around the family, as a plan action's owner. */
export const SCHOOL_PRACTITIONER = {
  kind: 'practitioner',
  name: 'Sam Testpractitioner',
  role: 'Family liaison',
  agency: 'Demo School',
  partnerId: 'demo-school',
} as const;

/**
 * A first family plan (revises 0) of one school-attendance goal: a key worker's action, the school
 * practitioner's, then `moreActions`.
 */
export function schoolAttendancePlan(...moreActions: Record<string, unknown>[]) {
  return {
    goals: [
      {
        goal: 'Jay is at school every day, on time',
        needs: ['missing-education'],
        outcomes: ['good-education'],
        actions: [
          { what: 'Agree a morning routine', owner: { kind: 'key-worker' }, dueOn: '2099-01-10' },
          { what: 'Weekly check-in at school', owner: SCHOOL_PRACTITIONER, dueOn: '2099-01-15' },
          ...moreActions,
        ],
      },
    ],
    revises: 0,
  };
}
