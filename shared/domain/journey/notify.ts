import type { Db } from '../../adapters/data';
import {
  pagesBaseUrl,
  type ReferralOutcome,
  referralOutcomeEmail,
  sendEmail,
  steppedUpNoticeEmail,
} from '../../adapters/email';
import type { Case } from '../../core/schemas';
import { emailsOfRole } from '../tasks/recipients';
import { COUNTY } from '../../core/vocabulary/areas';

// Who outside the task's owner hears about a case: the referrer (outcome only, by reference) and the
// duty team when a case is stepped up to children's social care.

export async function tellReferrer(record: Case, outcome: ReferralOutcome): Promise<void> {
  const email = record.referral.referrer.email;
  if (!email) return;
  await sendEmail([email], referralOutcomeEmail({ caseReference: record.reference, outcome }));
}

export async function tellDutyTeamOfStepUp(db: Db, record: Case): Promise<void> {
  const to = await emailsOfRole(db, 'duty-social-worker', COUNTY);
  if (to.length === 0) return;
  await sendEmail(
    to,
    steppedUpNoticeEmail({ caseReference: record.reference, caseId: record.id }, pagesBaseUrl()),
  );
}
