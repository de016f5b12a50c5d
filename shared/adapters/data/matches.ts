import {
  type MatchKind,
  type MatchMaterial,
  type MatchStrength,
  matchMaterialOf,
  strengthOf,
} from '../../core/matching';
import type { Actor } from '../../core/schemas/audit';
import type { Case } from '../../core/schemas/case';
import type { Referral } from '../../core/schemas/referral';
import { auditPut, buildAuditEvent } from './audit';
import {
  batchWrite,
  ConflictError,
  type Db,
  getItem,
  NotFoundError,
  transact,
  queryAllUnder,
  type TransactItem,
} from './db';
import { caseKey, matchDecisionKey, matchKey } from './keys';
import { readPartition } from './partition-reads';

// The family-match index: one item per match key of every record held (open or closed, until the
// retention sweep deletes the record), `MATCH#<keyed hash>` / `CASE#<id>`, so a new referral or a
// staff search finds earlier records by Query, never by Scan. The rules are shared/core/matching.ts.
// A duty officer's decision on a possible match sits in the deciding case's partition
// (`CASE#<id>` / `MATCH#<other id>`); a link is mirrored in the other case's partition so each case
// shows the other.

export interface MatchFound {
  caseId: string;
  kinds: MatchKind[];
  strength: MatchStrength;
}

function indexItems(caseId: string, referral: Pick<Referral, 'family'>) {
  return matchMaterialOf(referral).map((entry) => ({
    pk: matchKey(entry.material),
    sk: `CASE#${caseId}`,
    itemType: 'match-key',
    caseId,
    kind: entry.kind,
  }));
}

/**
 * Indexes a record under its match keys. Written before the case itself (a retried creation writes
 * the same items again); a key whose case was never written is skipped by every reader.
 */
export function indexForMatching(db: Db, caseId: string, referral: Pick<Referral, 'family'>): Promise<void> {
  return batchWrite(
    db,
    indexItems(caseId, referral).map((Item) => ({ PutRequest: { Item } })),
  );
}

/** The records sharing any of these keys, strong matches first, then oldest first (ids are ULIDs). */
export async function findMatches(
  db: Db,
  materials: readonly MatchMaterial[],
  excludeId?: string,
): Promise<MatchFound[]> {
  // Every key read in one request (a referral has about eight keys), with any other partition read
  // asked for meanwhile, such as its claim watches (partition-reads.ts). Results are read in the
  // keys' order, so the outcome does not depend on the order DynamoDB answers in.
  const keyOf = materials.map((entry) => matchKey(entry.material));
  const keys = [...new Set(keyOf)];
  const answers = await Promise.all(
    keys.map(async (pk) => (await readPartition(db, pk)).map((item) => String(item.caseId))),
  );
  const idsOf = new Map(keys.map((pk, index) => [pk, answers[index]!]));
  const found = new Map<string, Set<MatchKind>>();
  materials.forEach((entry, index) => {
    for (const caseId of idsOf.get(keyOf[index]!)!) {
      if (caseId === excludeId) continue;
      found.set(caseId, (found.get(caseId) ?? new Set()).add(entry.kind));
    }
  });
  return [...found]
    .map(([caseId, kinds]) => ({ caseId, kinds: [...kinds].sort(), strength: strengthOf(kinds) }))
    .sort((a, b) =>
      a.strength === b.strength ? a.caseId.localeCompare(b.caseId) : a.strength === 'strong' ? -1 : 1,
    );
}

export type MatchDecision = 'linked' | 'dismissed';

export interface MatchDecisionRecord {
  caseId: string;
  otherCaseId: string;
  decision: MatchDecision;
  decidedAt: string;
  decidedBy: string;
  /** The other side of a link the other case's screener made. */
  mirror?: boolean;
}

function decisionItem(record: MatchDecisionRecord) {
  return { ...matchDecisionKey(record.caseId, record.otherCaseId), itemType: 'match-decision', ...record };
}

/** A case's decisions on its matches and the links made from other cases to it, oldest match first. */
export async function listMatchDecisions(db: Db, caseId: string): Promise<MatchDecisionRecord[]> {
  const items = await queryAllUnder<Record<string, unknown>>(db, caseKey(caseId).pk, 'MATCH#');
  return items.map((item) => ({
    caseId: String(item.caseId),
    otherCaseId: String(item.otherCaseId),
    decision: item.decision as MatchDecision,
    decidedAt: String(item.decidedAt),
    decidedBy: String(item.decidedBy),
    ...(item.mirror ? { mirror: true } : {}),
  }));
}

export interface NewMatchDecision {
  caseId: string;
  otherCaseId: string;
  decision: MatchDecision;
  now: string;
  actor: Actor;
  /** Why the two were matched (the kinds), for the audit trail. */
  kinds: readonly MatchKind[];
}

/**
 * Records a decision once: the decision, its mirror when linked, and the audit events, in one
 * transaction conditional on no decision yet and both cases still held. The same decision again
 * answers the first (`changed: false`); the other decision is a ConflictError('already-decided').
 */
export async function recordMatchDecision(
  db: Db,
  input: NewMatchDecision,
): Promise<{ decision: MatchDecisionRecord; changed: boolean }> {
  const record: MatchDecisionRecord = {
    caseId: input.caseId,
    otherCaseId: input.otherCaseId,
    decision: input.decision,
    decidedAt: input.now,
    decidedBy: input.actor.id,
  };
  const action = input.decision === 'linked' ? 'case.match-linked' : 'case.match-dismissed';
  const items: TransactItem[] = [
    {
      Put: {
        TableName: db.tableName,
        Item: decisionItem(record),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      ConditionCheck: {
        TableName: db.tableName,
        Key: caseKey(input.otherCaseId),
        ConditionExpression: 'attribute_exists(pk)',
      },
    },
    auditPut(
      db,
      buildAuditEvent({
        subject: `case#${input.caseId}`,
        caseId: input.caseId,
        at: input.now,
        actor: input.actor,
        action,
        details: { otherCaseId: input.otherCaseId, kinds: input.kinds.join(',') },
      }),
    ),
  ];
  if (input.decision === 'linked') {
    items.push(
      {
        Put: {
          TableName: db.tableName,
          Item: decisionItem({
            ...record,
            caseId: input.otherCaseId,
            otherCaseId: input.caseId,
            mirror: true,
          }),
          // A link the other side already made is the same link; a dismissal there is not overruled.
          ConditionExpression: 'attribute_not_exists(pk) OR #decision = :linked',
          ExpressionAttributeNames: { '#decision': 'decision' },
          ExpressionAttributeValues: { ':linked': 'linked' },
        },
      },
      auditPut(
        db,
        buildAuditEvent({
          subject: `case#${input.otherCaseId}`,
          caseId: input.otherCaseId,
          at: input.now,
          actor: input.actor,
          action,
          details: { otherCaseId: input.caseId, kinds: input.kinds.join(',') },
        }),
      ),
    );
  }
  try {
    await transact(db, items, (failed) => {
      if (failed.includes(1)) return new NotFoundError(`case ${input.otherCaseId}`);
      if (failed.includes(0)) return new ConflictError('decided already', 'already-decided');
      if (failed.includes(3))
        return new ConflictError('the other case dismissed this match', 'already-decided');
      return undefined;
    });
  } catch (error) {
    if (!(error instanceof ConflictError) || error.message !== 'decided already') throw error;
    const existing = await getItem<MatchDecisionRecord>(
      db,
      matchDecisionKey(input.caseId, input.otherCaseId),
    );
    if (existing?.decision === input.decision) return { decision: existing, changed: false };
    throw new ConflictError(`the match was ${existing?.decision ?? 'decided'} already`, 'already-decided');
  }
  return { decision: record, changed: true };
}

/**
 * Removes a record from the match index and the other side of its decisions (the retention sweep,
 * before the record itself goes). Safe to repeat: a record already gone has nothing left to find.
 */
export async function forgetMatches(db: Db, caseId: string): Promise<void> {
  const record = await getItem<Case>(db, caseKey(caseId));
  if (!record) return;
  const decisions = await listMatchDecisions(db, caseId);
  await batchWrite(db, [
    ...indexItems(caseId, record.referral).map((item) => ({
      DeleteRequest: { Key: { pk: item.pk, sk: item.sk } },
    })),
    ...decisions.map((decision) => ({
      DeleteRequest: { Key: matchDecisionKey(decision.otherCaseId, caseId) },
    })),
  ]);
}
