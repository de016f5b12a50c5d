import type { CaseStatus } from '../core/schemas/case';
import { referralLinks } from './views';

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
