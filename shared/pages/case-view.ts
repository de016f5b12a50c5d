import { mayReadFamilyDetails } from '../domain/access/case-view';
import type { Case } from '../core/schemas/case';
import { getNeed, type NeedId } from '../core/schemas/needs';
import { childrenOf } from '../core/schemas/referral';
import { formatDay } from './labels';
import { relationshipLabel } from './task-forms/options';

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
  };
}

export function caseSummary(record: Case, role: string): CaseSummary {
  const referral = record.referral;
  const summary: CaseSummary = {
    id: record.id,
    reference: record.reference,
    status: record.status,
    locality: record.locality,
    receivedAt: record.receivedAt,
    source:
      referral.source === 'partner' ? 'Partner agency' : referral.source === 'self' ? 'The family' : 'Staff',
    needs: needLabels(record.needs),
    complex: record.complex,
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
    };
  }
  return summary;
}
