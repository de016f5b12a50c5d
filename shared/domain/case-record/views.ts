import type { CaseViewRecord } from '../../core/schemas/case-view-record';
import { putCaseView } from '../../adapters/data/case-views';
import type { Db } from '../../adapters/data/db';
import { newId } from '../../adapters/data/ids';
import type { StaffCaller } from '../access/rules';

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
