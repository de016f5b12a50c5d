import type { Case } from '../../core/schemas/case';
import { complexityFromNeeds, type NeedId } from '../../core/vocabulary/needs';
import { childrenOf } from '../../core/vocabulary/referrals';

// What each role sees of a case it may open (canSeeCase decides whether it may open it at all): the
// one rule the staff API and the staff pages both follow. People who work with the family (duty
// team, hub, key workers and their seniors) see who the family are; managers and the head of service
// see the case's facts (status, needs, dates, people counts) without names, dates of birth, address,
// the referral's words or the referrer's contact details, which their work does not need.

export type CaseDetail = 'family' | 'facts';

const FAMILY_DETAIL_ROLES: readonly string[] = [
  'duty-social-worker',
  'duty-manager',
  'hub-coordinator',
  'family-support-worker',
  'senior',
];

export function caseDetailFor(role: string): CaseDetail {
  return FAMILY_DETAIL_ROLES.includes(role) ? 'family' : 'facts';
}

export function mayReadFamilyDetails(role: string): boolean {
  return caseDetailFor(role) === 'family';
}

/** The referral's facts: where it came from, what for, how many children; nothing that names anyone. */
function referralFacts(referral: Case['referral']) {
  return {
    source: referral.source,
    ...(referral.partnerId ? { partnerId: referral.partnerId } : {}),
    ...(referral.enteredBy ? { enteredBy: referral.enteredBy } : {}),
    ...(referral.partnerReference ? { partnerReference: referral.partnerReference } : {}),
    ...(referral.route ? { route: referral.route } : {}),
    ...(referral.receivedVia ? { receivedVia: referral.receivedVia } : {}),
    locality: referral.locality,
    presentingNeeds: referral.presentingNeeds,
    immediateSafeguardingConcern: referral.immediateSafeguardingConcern,
    consent: referral.consent.given ? { given: true, date: referral.consent.date } : { given: false },
    family: { people: referral.family.members.length, children: childrenOf(referral).length },
  };
}

/**
 * The case as this role may see it, the workflow's internals (execution, version) and the ids of its
 * possible matches left out and its
 * `complexity` (`below-threshold`, `at-risk`, `complex`) added. For the
 * `facts` detail the referral is reduced to its facts and the closure to its day and reason.
 */
export function caseFor(record: Case, role: string): Record<string, unknown> {
  // The ids of possible matches may name other localities' records: the filtered list is
  // GET /v1/cases/{id}/matches (only what the caller may open); the case keeps their count.
  const {
    executionArn: _executionArn,
    version: _version,
    possibleDuplicates: _possibleDuplicates,
    ...stored
  } = record;
  // Against seeds/003's thresholds: a hub deciding on a family below them sees so (issue 17).
  const visible = { ...stored, complexity: complexityFromNeeds(record.needs as NeedId[]) };
  if (caseDetailFor(role) === 'family') return visible;
  const { summary: _summary, ...closure } = record.closure ?? {};
  const lead = record.leadProfessional;
  return {
    ...visible,
    ...(lead?.kind === 'practitioner'
      ? { leadProfessional: { kind: lead.kind, role: lead.role, agency: lead.agency } }
      : {}),
    referral: referralFacts(record.referral),
    ...(record.closure ? { closure } : {}),
  };
}
