import { mayReadFamilyDetails } from '../domain/access/case-view';
import { configuredStaffing } from '../core/config';
import type { Case } from '../core/schemas/case';
import type { Referral } from '../core/schemas/referral';
import { formatDay } from './labels';
import { relationshipLabel } from './task-forms/options';
import { complexityFromNeeds, getNeed, type NeedId, type NeedsComplexity } from '../core/vocabulary/needs';
import { childrenOf, isStepDown } from '../core/vocabulary/referrals';

// What a page shows of a case, by role, under the one rule the API follows too
// (shared/domain/access/case-view.ts): the family's details only for people who work with the family.

export { mayReadFamilyDetails };

export function needLabels(needs: readonly string[]): string[] {
  return needs.map((id) => getNeed(id as NeedId)?.label ?? id);
}

export interface CaseSummary {
  id: string;
  reference: string;
  status: Case['status'];
  locality: string;
  receivedAt: string;
  source: string;
  needs: string[];
  complex: boolean;
  /** Against seeds/003's thresholds (configured): below, at risk (2+ needs), complex (5+). */
  complexity: NeedsComplexity;
  complexityLabel: string;
  /** A step-down from children's social care: no screen, straight to the hub. */
  stepDown: boolean;
  supportLevel?: string;
  keyWorkerId?: string;
  immediateConcern: boolean;
  children: number;
  /** Only for roles that work with the family. */
  family?: {
    members: { name: string; dateOfBirth: string; relationship: string }[];
    address: string;
    reason: string;
    referrer: string;
    consent: string;
    /** The social worker's summary of the statutory case, for a step-down. */
    stepDownSummary?: string;
  };
}

const CHANNELS: Record<string, string> = {
  phone: 'by phone',
  email: 'by email',
  'in-person': 'in person',
  letter: 'by letter',
};

/** Who referred and how it came in, as a page says it. */
export function routeInLabel(referral: Pick<Referral, 'source' | 'route' | 'receivedVia'>): string {
  if (referral.source === 'partner') return 'Partner agency';
  if (referral.source === 'self') return 'The family';
  if (isStepDown(referral)) return "Step-down from children's social care";
  return referral.receivedVia ? `Staff, contact ${CHANNELS[referral.receivedVia]}` : 'Staff';
}

export function complexityLabel(complexity: NeedsComplexity): string {
  const { atRisk, complex } = configuredStaffing().needsThresholds;
  switch (complexity) {
    case 'complex':
      return `Complex (${complex} or more needs)`;
    case 'at-risk':
      return `At risk (${atRisk} or more needs)`;
    case 'below-threshold':
      return `Below the threshold (fewer than ${atRisk} needs)`;
  }
}

export function caseSummary(record: Case, role: string): CaseSummary {
  const referral = record.referral;
  const complexity = complexityFromNeeds(record.needs as NeedId[]);
  const summary: CaseSummary = {
    id: record.id,
    reference: record.reference,
    status: record.status,
    locality: record.locality,
    receivedAt: record.receivedAt,
    source: routeInLabel(referral),
    needs: needLabels(record.needs),
    complex: record.complex,
    complexity,
    complexityLabel: complexityLabel(complexity),
    stepDown: isStepDown(referral),
    ...(record.supportLevel ? { supportLevel: record.supportLevel } : {}),
    ...(record.keyWorkerId ? { keyWorkerId: record.keyWorkerId } : {}),
    immediateConcern: referral.immediateSafeguardingConcern,
    children: childrenOf(referral).length,
  };
  if (mayReadFamilyDetails(role)) {
    const { address } = referral.family;
    summary.family = {
      members: referral.family.members.map((member) => ({
        name: `${member.givenName} ${member.familyName}`,
        dateOfBirth: member.dateOfBirth,
        relationship: relationshipLabel(member.relationship),
      })),
      address: [address.line1, address.line2, address.town, address.postcode].filter(Boolean).join(', '),
      reason: referral.reason,
      referrer: [
        referral.referrer.name,
        referral.referrer.role,
        referral.referrer.organisation,
        referral.referrer.email,
        referral.referrer.phone,
      ]
        .filter(Boolean)
        .join(', '),
      consent: referral.consent.given
        ? `Given by ${referral.consent.givenBy} on ${formatDay(referral.consent.date)}`
        : `Not sought: ${referral.consent.reasonNotGiven}`,
      ...(referral.stepDown ? { stepDownSummary: referral.stepDown.summary } : {}),
    };
  }
  return summary;
}
