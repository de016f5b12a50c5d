import type { AuditEvent } from '../../core/schemas/audit';
import type { FamilyPlan } from '../../core/schemas/family-plan';
import { auditPut } from './audit';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, type Db, queryAllUnder, stripKeys, type TransactItem, transact } from './db';
import { caseKey, FAMILY_PLAN_PREFIX, familyPlanKey } from './keys';

// A family's plan, one whole document per version. A version is written once, on the condition that it
// does not exist yet, in one transaction with its audit event (and whatever else the change writes, a
// Team Around the Family meeting): two people changing the same version at once both aim at the next
// version number, and the second is refused (409) instead of overwriting the first.

/** The put of one plan version, for a transaction that writes more than the plan. */
export function planVersionPut(db: Db, plan: FamilyPlan): TransactItem {
  return {
    Put: {
      TableName: db.tableName,
      Item: { ...familyPlanKey(plan.caseId, plan.version), itemType: 'family-plan', ...plan },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export const STALE_PLAN_MESSAGE =
  'the plan has changed since this version was read: reload it and make the change to the latest version';

/** Writes one plan version, its audit event and `also`; ConflictError when that version exists. */
export async function putPlanVersion(
  db: Db,
  plan: FamilyPlan,
  audit: AuditEvent,
  also: readonly TransactItem[] = [],
): Promise<void> {
  await transact(db, [planVersionPut(db, plan), auditPut(db, audit), ...also], (failed) =>
    failed.includes(0) ? new ConflictError(STALE_PLAN_MESSAGE, 'stale-version') : undefined,
  );
}

/** Every version of a case's plan, oldest first (a plan has tens of versions, not thousands). */
export async function listPlanVersions(db: Db, caseId: string): Promise<FamilyPlan[]> {
  const versions = await queryAllUnder<FamilyPlan>(db, caseKey(caseId).pk, FAMILY_PLAN_PREFIX);
  return versions.sort((a, b) => a.version - b.version);
}

/**
 * The latest version of a case's plan (undefined before one is written): one consistent Query of the
 * newest item under the prefix (versions sort by their padded number), where a step that only needs
 * the latest would otherwise read every version.
 */
export async function latestPlanVersion(db: Db, caseId: string): Promise<FamilyPlan | undefined> {
  const page = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': caseKey(caseId).pk, ':prefix': FAMILY_PLAN_PREFIX },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  const item = page.Items?.[0];
  return item ? stripKeys<FamilyPlan>(item) : undefined;
}
