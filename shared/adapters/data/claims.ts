import type { ClaimCycle, OutcomeEvidence } from '../../core/schemas/claims';
import { type Db, getItem, queryAllUnder, type TransactItem } from './db';
import { metricsEventKey } from './keys';

// How outcome evidence and claims are stored. Outcome evidence: one item per identified need in the
// case's partition (deleted with the case), replaced only by a write that names the version it read.
// A claim: one item per case in its own partition, put once (`attribute_not_exists`), so a family is
// never claimed twice whatever races; it holds ids, the locality, the window and headline areas only
// (no personal data), so it outlives the case record's retention as the programme's audit trail.

const OUTCOME_PREFIX = 'OUTCOME#';

export const outcomeEvidenceKey = (caseId: string, need: string) => ({
  pk: `CASE#${caseId}`,
  sk: `${OUTCOME_PREFIX}${need}`,
});

/** The put of a need's evidence: new (no item yet) or replacing exactly version `replaces`. */
export function outcomeEvidencePut(db: Db, evidence: OutcomeEvidence, replaces?: number): TransactItem {
  return {
    Put: {
      TableName: db.tableName,
      Item: {
        ...outcomeEvidenceKey(evidence.caseId, evidence.need),
        itemType: 'outcome-evidence',
        ...evidence,
      },
      ...(replaces === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: '#version = :replaces',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':replaces': replaces },
          }),
    },
  };
}

/** A case's evidence, one item per need (the latest version of each). */
export async function listOutcomeEvidence(db: Db, caseId: string): Promise<OutcomeEvidence[]> {
  const items = await queryAllUnder<OutcomeEvidence & { itemType?: string }>(
    db,
    `CASE#${caseId}`,
    OUTCOME_PREFIX,
  );
  return items.map(({ itemType: _itemType, ...evidence }) => evidence);
}

/** Whether the family was re-referred within its sustain period (the lapse the claim watch records once). */
export async function claimLapsed(db: Db, caseId: string): Promise<boolean> {
  return (await getItem(db, metricsEventKey(`claim-lapse#${caseId}`))) !== undefined;
}

export interface ClaimItem {
  caseId: string;
  locality: string;
  /** The claim window, e.g. 2026-27-Q3. */
  window: string;
  claimedAt: string;
  headlines: readonly string[];
  frameworkVersion: string;
}

const claimKey = (caseId: string) => ({ pk: `CLAIMED#${caseId}`, sk: 'CLAIM' });

/** The put of a case's claim: fails (a conflict) if the family was ever claimed. */
export function claimPut(db: Db, claim: ClaimItem): TransactItem {
  return {
    Put: {
      TableName: db.tableName,
      Item: { ...claimKey(claim.caseId), itemType: 'claim', ...claim },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** A check, in another write's transaction, that the case was never claimed (fails once it was). */
export function unclaimedCheck(db: Db, caseId: string): TransactItem {
  return {
    ConditionCheck: {
      TableName: db.tableName,
      Key: claimKey(caseId),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** The case's claim, if it was claimed. */
export async function getClaim(db: Db, caseId: string): Promise<ClaimItem | undefined> {
  const item = await getItem<ClaimItem & { itemType?: string }>(db, claimKey(caseId));
  if (!item) return undefined;
  const { itemType: _itemType, ...claim } = item;
  return claim;
}

const claimCycleKey = (window: string) => ({ pk: `CLAIMCYCLE#${window}`, sk: 'CYCLE' });

/** A claim window's list, written once: a second run of the cycle finds the first run's list. */
export function claimCyclePut(db: Db, cycle: ClaimCycle, replaces?: number): TransactItem {
  return {
    Put: {
      TableName: db.tableName,
      Item: { ...claimCycleKey(cycle.window), itemType: 'claim-cycle', ...cycle },
      ...(replaces === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: '#version = :replaces',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':replaces': replaces },
          }),
    },
  };
}

export async function getClaimCycle(db: Db, window: string): Promise<ClaimCycle | undefined> {
  const item = await getItem<ClaimCycle & { itemType?: string }>(db, claimCycleKey(window));
  if (!item) return undefined;
  const { itemType: _itemType, ...cycle } = item;
  return cycle;
}
