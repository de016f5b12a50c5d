import { type SharingPurpose, sharingPurposeSchema } from '../core/schemas/sharing-consent';
import { slugIdSchema } from '../core/schemas/common';
import type { Case } from '../core/schemas/case';
import { canRecordSharingConsent } from '../domain/access/rules';
import type { StaffCaller } from '../domain/access/rules';
import { caseRecordOf } from './case-record';
import type { ApiRequest } from './handler';
import { forbidden, notFound } from './problem';

/**
 * The case whose sharing consents the caller records: those who keep the case record read them; only
 * the key worker or their senior records or withdraws one (others who see the case get 403).
 */
export async function consentCaseOf(
  request: Pick<ApiRequest, 'principal' | 'pathParameters'>,
): Promise<{ record: Case; caller: StaffCaller }> {
  const { record, caller } = await caseRecordOf(request);
  if (!canRecordSharingConsent(caller, record)) {
    throw forbidden('Only the key worker or their senior records what the family agreed to share');
  }
  return { record, caller };
}

/** The agency and purpose in a withdrawal's path. */
export function consentPathOf(pathParameters: Record<string, string>): {
  partnerId: string;
  purpose: SharingPurpose;
} {
  const partnerId = slugIdSchema.safeParse(pathParameters.partnerId);
  const purpose = sharingPurposeSchema.safeParse(pathParameters.purpose);
  if (!partnerId.success || !purpose.success) throw notFound('No such consent');
  return { partnerId: partnerId.data, purpose: purpose.data };
}
