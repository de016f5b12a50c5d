import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { newId } from './ids';
import { type AuditEvent, auditEventSchema } from '../../core/schemas';
import { parseOrThrow } from '../../core/schemas/errors';
import { decodeCursor, encodeCursor, type Page, pageLimit } from './cursor';
import { AlreadyExistsError, type Db, isConditionalCheckFailed, stripKeys, type TransactItem } from './db';
import { auditPartition, auditSortKey } from './keys';

// Audit events are appended, never updated or replaced: every put is conditional on the key not
// existing. They sit in their subject's partition so a case's history is one Query.

export type NewAuditEvent = Omit<AuditEvent, 'id'> & { id?: string };

export function buildAuditEvent(event: NewAuditEvent): AuditEvent {
  return parseOrThrow(auditEventSchema, { ...event, id: event.id ?? newId(new Date(event.at).getTime()) });
}

function itemOf(event: AuditEvent) {
  return {
    pk: auditPartition(event.subject),
    sk: auditSortKey(event.at, event.id),
    itemType: 'audit',
    ...event,
  };
}

/** The audit put as a transaction item, for writes that must record their event atomically. */
export function auditPut(db: Db, event: AuditEvent): TransactItem {
  return {
    Put: { TableName: db.tableName, Item: itemOf(event), ConditionExpression: 'attribute_not_exists(pk)' },
  };
}

export async function appendAuditEvent(db: Db, event: NewAuditEvent): Promise<AuditEvent> {
  const built = buildAuditEvent(event);
  try {
    await db.client.send(
      new PutCommand({
        TableName: db.tableName,
        Item: itemOf(built),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (isConditionalCheckFailed(error)) throw new AlreadyExistsError(`audit event ${built.id}`, built.id);
    throw error;
  }
  return built;
}

/** A subject's events, oldest first (or newest first with `newestFirst`). */
export async function listAuditEvents(
  db: Db,
  subject: string,
  options: { limit?: number; cursor?: string; newestFirst?: boolean } = {},
): Promise<Page<AuditEvent>> {
  const partition = auditPartition(subject);
  const query = `audit:${partition}:${options.newestFirst ? 'desc' : 'asc'}`;
  const result = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': partition, ':prefix': 'AUDIT#' },
      Limit: pageLimit(options.limit, 50, 500),
      ScanIndexForward: !options.newestFirst,
      ExclusiveStartKey: decodeCursor(query, options.cursor, ['pk', partition]),
    }),
  );
  return {
    items: (result.Items ?? []).map((item) => stripKeys<AuditEvent>(item)),
    nextCursor: encodeCursor(query, result.LastEvaluatedKey),
  };
}
