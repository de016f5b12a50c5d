import type { CaseViewRecord } from '../../core/schemas/case-view-record';
import { londonDate } from '../../core/calendar/london';
import { putCaseView, putPartnerCaseViewOnce } from '../../adapters/data/case-views';
import type { Db } from '../../adapters/data/db';
import { newId } from '../../adapters/data/ids';
import type { StaffCaller } from '../access/rules';
import { logger } from '../../core/logger';

/**
 * Records that a member of staff opened a case (its page, its record, an entry, an export). Awaited
 * before the answer: a read that cannot be recorded is not served.
 */
export async function noteCaseViewed(
  db: Db,
  caseId: string,
  caller: Pick<StaffCaller, 'userId' | 'role'>,
  what: CaseViewRecord['what'],
  via: CaseViewRecord['via'],
  at: Date,
): Promise<void> {
  await putCaseView(db, {
    id: newId(at.getTime()),
    caseId,
    at: at.toISOString(),
    viewer: caller.userId,
    role: caller.role,
    what,
    via,
  });
}

/**
 * Records a partner practitioner's read of the plan actions its agency owns as a view of each case it
 * returned, at most once a (London) day per case and API client. Never fails the read: a view that
 * cannot be written (a racing read's transaction, a throttle) is logged by case id and left; the next
 * read that day writes it.
 */
export async function notePartnerViewed(
  db: Db,
  caseIds: readonly string[],
  partner: { partnerId: string; clientId: string },
  at: Date,
): Promise<number> {
  const day = londonDate(at);
  const distinct = [...new Set(caseIds)];
  const results = await Promise.allSettled(
    distinct.map((caseId) =>
      putPartnerCaseViewOnce(
        db,
        {
          id: newId(at.getTime()),
          caseId,
          at: at.toISOString(),
          viewer: partner.partnerId,
          role: 'partner',
          what: 'plan-actions',
          via: 'api',
          partner: { agency: partner.partnerId, clientId: partner.clientId },
        },
        day,
      ),
    ),
  );
  let written = 0;
  results.forEach((result, index) => {
    if (result.status === 'fulfilled') written += result.value ? 1 : 0;
    else logger.warn('partner view not recorded', { caseId: distinct[index], error: String(result.reason) });
  });
  return written;
}
