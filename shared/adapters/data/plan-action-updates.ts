import type { PlanActionUpdate } from '../../core/schemas/plan-action-update';
import { type Db, queryAllUnder, type TransactItem } from './db';
import { caseKey, PLAN_ACTION_UPDATE_PREFIX, planActionUpdateKey } from './keys';

// Partner practitioners' updates on the plan actions they own: written once each (a new id), in the
// case's partition so the retention sweep deletes them with the case.

export function planActionUpdatePut(db: Db, update: PlanActionUpdate): TransactItem {
  return {
    Put: {
      TableName: db.tableName,
      Item: {
        ...planActionUpdateKey(update.caseId, update.actionId, update.at, update.id),
        itemType: 'plan-action-update',
        ...update,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** A case's updates (or one action's), oldest first. */
export function listPlanActionUpdates(
  db: Db,
  caseId: string,
  actionId?: string,
): Promise<PlanActionUpdate[]> {
  const prefix = actionId ? `${PLAN_ACTION_UPDATE_PREFIX}${actionId}#` : PLAN_ACTION_UPDATE_PREFIX;
  return queryAllUnder<PlanActionUpdate>(db, caseKey(caseId).pk, prefix);
}
