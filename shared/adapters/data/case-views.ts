import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseViewRecord } from '../../core/schemas/case-view-record';
import { ConflictError, type Db, queryAllUnder, transact } from './db';
import { CASE_VIEW_PREFIX, caseKey, caseViewKey, partnerViewGuardKey } from './keys';
import { TIME_TO_LIVE_ATTRIBUTE } from './table-definition';

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

const ALREADY_VIEWED = 'already-viewed';

/**
 * A partner's read, at most one a (London) day per case and API client: the view goes in one
 * transaction with a guard item keyed by the day and the client, put only if absent, so a second read
 * that day, a retry or a racing read writes nothing (ConditionalCheckFailed, answered `false`). The guard
 * expires two days after its day (TTL) and is deleted with the case before that by the retention sweep.
 */
export async function putPartnerCaseViewOnce(db: Db, view: CaseViewRecord, day: string): Promise<boolean> {
  if (!view.partner) throw new RangeError('a partner view names its agency and client');
  const guard = partnerViewGuardKey(view.caseId, day, view.partner.clientId);
  const expires = Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000) + 3 * 24 * 60 * 60;
  try {
    await transact(
      db,
      [
        {
          Put: {
            TableName: db.tableName,
            Item: {
              ...guard,
              itemType: 'case-view-guard',
              viewId: view.id,
              [TIME_TO_LIVE_ATTRIBUTE]: expires,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: db.tableName,
            Item: { ...caseViewKey(view.caseId, view.at, view.id), itemType: 'case-view', ...view },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
      () => new ConflictError('viewed already today', ALREADY_VIEWED),
    );
    return true;
  } catch (error) {
    if (error instanceof ConflictError && error.reason === ALREADY_VIEWED) return false;
    throw error;
  }
}

/** Every view of a case, oldest first. */
export function listCaseViews(db: Db, caseId: string): Promise<CaseViewRecord[]> {
  return queryAllUnder<CaseViewRecord>(db, caseKey(caseId).pk, CASE_VIEW_PREFIX);
}
