import type { AuditEvent } from '../../core/schemas/audit';
import type { CaseDocument, DocumentStatus } from '../../core/schemas/documents';
import { auditPut } from './audit';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  AlreadyExistsError,
  ConflictError,
  type Db,
  getItem,
  isConditionalCheckFailed,
  queryAllUnder,
  stripKeys,
  transact,
} from './db';
import {
  awaitingUploadSortKey,
  CASE_DOCUMENT_PREFIX,
  caseDocumentKey,
  caseKey,
  DOCUMENTS_AWAITING_UPLOAD,
} from './keys';

// A case's documents: one item each in the case's partition (so the retention sweep's deletion of the
// partition takes them with it). Each write goes with its audit event in one transaction, and every
// move of a document's status is conditional on the status it moves from, so a repeated or
// out-of-order event changes nothing twice. While a document is `awaiting-upload` it is also in a
// sparse gsi1 partition (`DOCUMENTS#STATUS#awaiting-upload`, by request time), which its first move
// leaves (a move to `expired` once the sweep has deleted its key), so the daily sweep reads only the uploads still awaited, never every case's documents.

export async function putDocument(db: Db, document: CaseDocument, audit: AuditEvent): Promise<void> {
  await transact(
    db,
    [
      {
        Put: {
          TableName: db.tableName,
          Item: {
            ...caseDocumentKey(document.caseId, document.id),
            itemType: 'case-document',
            ...document,
            ...(document.status === 'awaiting-upload'
              ? {
                  gsi1pk: DOCUMENTS_AWAITING_UPLOAD,
                  gsi1sk: awaitingUploadSortKey(document.requestedAt, document.caseId, document.id),
                }
              : {}),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        // The case must still exist (a case deleted by the retention sweep takes no new files).
        ConditionCheck: {
          TableName: db.tableName,
          Key: caseKey(document.caseId),
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
      auditPut(db, audit),
    ],
    (failed) =>
      failed.includes(0)
        ? new AlreadyExistsError(`document ${document.id}`, document.id)
        : failed.includes(1)
          ? new ConflictError('the case no longer exists', 'case-gone')
          : undefined,
  );
}

export function getDocument(db: Db, caseId: string, documentId: string): Promise<CaseDocument | undefined> {
  return getItem<CaseDocument>(db, caseDocumentKey(caseId, documentId));
}

export function listDocuments(db: Db, caseId: string): Promise<CaseDocument[]> {
  return queryAllUnder<CaseDocument>(db, caseKey(caseId).pk, CASE_DOCUMENT_PREFIX);
}

/**
 * Documents still `awaiting-upload`, or `expired` with their key not yet deleted, that were requested
 * before `requestedBefore`, oldest first, at most `limit` (the sparse index: documents written before
 * it existed are not in it, and are still expired as their case's documents are read). Eventually consistent, as every index read: each move is
 * conditional on the status anyway.
 */
export async function listAwaitedUploads(
  db: Db,
  requestedBefore: string,
  limit: number,
): Promise<CaseDocument[]> {
  const page = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :before',
      ExpressionAttributeValues: { ':pk': DOCUMENTS_AWAITING_UPLOAD, ':before': requestedBefore },
      Limit: limit,
    }),
  );
  return (page.Items ?? []).map((item) => stripKeys<CaseDocument>(item));
}

/**
 * Takes an expired document out of the index of awaited uploads once the sweep has deleted its key:
 * only if it is still `expired` (bytes that arrived meanwhile moved it on, and out, themselves).
 */
export async function settleExpiredUpload(
  db: Db,
  document: Pick<CaseDocument, 'caseId' | 'id'>,
): Promise<void> {
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: caseDocumentKey(document.caseId, document.id),
        UpdateExpression: 'REMOVE gsi1pk, gsi1sk',
        ConditionExpression: 'attribute_exists(pk) AND #status = :expired',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':expired': 'expired' },
      }),
    );
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
  }
}

/**
 * Moves a document to `to` (with `fields`) if its status is one of `from`, with its audit event;
 * ConflictError (`wrong-status`) when it is not (already moved, or gone).
 */
export async function moveDocument(
  db: Db,
  document: Pick<CaseDocument, 'caseId' | 'id'>,
  move: { from: readonly DocumentStatus[]; to: DocumentStatus; fields: Partial<CaseDocument> },
  audit: AuditEvent,
): Promise<void> {
  const fields = { ...move.fields, status: move.to };
  const names = Object.keys(fields);
  const fromValues = Object.fromEntries(move.from.map((status, index) => [`:from${index}`, status]));
  await transact(
    db,
    [
      {
        Update: {
          TableName: db.tableName,
          Key: caseDocumentKey(document.caseId, document.id),
          // Any move leaves `awaiting-upload`, so the item leaves the index of awaited uploads; but
          // `expired`, which stays in it until the sweep has deleted its key (`settleExpiredUpload`).
          UpdateExpression: `SET ${names.map((_name, index) => `#f${index} = :v${index}`).join(', ')}${move.to === 'expired' ? '' : ' REMOVE gsi1pk, gsi1sk'}`,
          ConditionExpression: `attribute_exists(pk) AND #status IN (${Object.keys(fromValues).join(', ')})`,
          ExpressionAttributeNames: {
            '#status': 'status',
            ...Object.fromEntries(names.map((name, index) => [`#f${index}`, name])),
          },
          ExpressionAttributeValues: {
            ...fromValues,
            ...Object.fromEntries(
              names.map((name, index) => [`:v${index}`, fields[name as keyof typeof fields]]),
            ),
          },
        },
      },
      auditPut(db, audit),
    ],
    (failed) =>
      failed.includes(0)
        ? new ConflictError(`document ${document.id} is not ${move.from.join(' or ')}`, 'wrong-status')
        : undefined,
  );
}
