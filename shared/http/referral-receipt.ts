import { configuredTimescales } from '../core/config';
import { referralLinks } from './views';
import type { CaseStatus } from '../core/vocabulary/cases';

export interface ReferralReceipt {
  id: string;
  reference: string;
  status: CaseStatus;
  links: Record<string, string>;
}

export function toReceipt(received: {
  caseId: string;
  reference: string;
  status: CaseStatus;
}): ReferralReceipt {
  return {
    id: received.caseId,
    reference: received.reference,
    status: received.status,
    links: referralLinks(received.caseId),
  };
}

/**
 * The words every referral's answer carries (the partner's 201, the self-referral's 201 and its
 * confirmation page): an immediate risk to a child must also be phoned to First Response or 999, never
 * left waiting on this service (seeds/000 §5.16). Text and numbers are `timescales.immediateRisk`.
 */
export function immediateRiskNotice(): string {
  const { notice, firstResponsePhone, emergencyPhone } = configuredTimescales().immediateRisk;
  return notice.replaceAll('{firstResponse}', firstResponsePhone).replaceAll('{emergency}', emergencyPhone);
}
