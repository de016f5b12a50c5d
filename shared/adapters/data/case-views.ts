import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseViewRecord } from '../../core/schemas/case-view-record';
import { type Db, queryAllUnder } from './db';
import { CASE_VIEW_PREFIX, caseKey, caseViewKey } from './keys';

// Records of who opened a case. Each is a new item (a fresh id: never a conditional race), in the case's
// partition so the retention sweep deletes them with the case, and under their own sort-key prefix so
// the case's audit trail and timeline are not flooded by reads.

export async function putCaseView(db: Db, view: CaseViewRecord): Promise<void> {
  await db.client.send(
    new PutCommand({
      TableName: db.tableName,
      Item: { ...caseViewKey(view.caseId, view.at, view.id), itemType: 'case-view', ...view },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/** Every view of a case, oldest first. */
export function listCaseViews(db: Db, caseId: string): Promise<CaseViewRecord[]> {
  return queryAllUnder<CaseViewRecord>(db, caseKey(caseId).pk, CASE_VIEW_PREFIX);
}
