import type { AuditEvent } from '../../core/schemas/audit';
import type { CaseRecordEntry } from '../../core/schemas/case-record';
import { auditPut } from './audit';
import { ConflictError, type Db, queryAllUnder, transact } from './db';
import { CASE_RECORD_ENTRY_PREFIX, caseKey, caseRecordEntryKey } from './keys';

// Entries of a case's record. A version is written once, on the condition that it does not exist yet,
// in one transaction with its audit event: two people revising the same version at once both aim at
// the next version number, and the second is refused (409) instead of overwriting the first.

/** Writes one version of an entry and its audit event; ConflictError when that version exists. */
export async function putEntryVersion(db: Db, entry: CaseRecordEntry, audit: AuditEvent): Promise<void> {
  await transact(
    db,
    [
      {
        Put: {
          TableName: db.tableName,
          Item: {
            ...caseRecordEntryKey(entry.caseId, entry.id, entry.version),
            itemType: 'case-record-entry',
            ...entry,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      auditPut(db, audit),
    ],
    (failed) =>
      failed.includes(0)
        ? new ConflictError(
            `version ${entry.version - 1} of this entry has already been revised: reload it and revise the latest version`,
            'stale-version',
          )
        : undefined,
  );
}

/** Every version of every entry of a case, by entry and version (a case's record is hundreds, not millions). */
export function listEntryVersions(db: Db, caseId: string, entryId?: string): Promise<CaseRecordEntry[]> {
  const prefix = entryId ? `${CASE_RECORD_ENTRY_PREFIX}${entryId}#` : CASE_RECORD_ENTRY_PREFIX;
  return queryAllUnder<CaseRecordEntry>(db, caseKey(caseId).pk, prefix);
}
