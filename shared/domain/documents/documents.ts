import type { Case } from '../../core/schemas/case';
import {
  type CaseDocument,
  DOCUMENT_CONTENT_TYPES,
  type DocumentEvent,
  type DocumentRequest,
  documentKey,
  documentOfKey,
  type DocumentStatus,
} from '../../core/schemas/documents';
import { appendAuditEvent, buildAuditEvent } from '../../adapters/data/audit';
import { ConflictError, type Db, NotFoundError } from '../../adapters/data/db';
import {
  getDocument,
  listAwaitedUploads,
  listDocuments,
  moveDocument,
  putDocument,
  settleExpiredUpload,
} from '../../adapters/data/documents';
import { newId } from '../../adapters/data/ids';
import {
  deleteObjects,
  type PresignedLink,
  presignDownload,
  presignUpload,
} from '../../adapters/documents/bucket';
import type { StaffCaller } from '../access/rules';
import { auditActorOf } from '../tasks/actor';

// Files attached to a case (issue #18): signed consent, assessments, letters. The worker asks for a
// link to upload a file of a given type and size; the bytes go straight to the bucket; S3 reports their
// arrival and GuardDuty Malware Protection its scan; only a file found clean can be downloaded, through
// a link that lasts a minute. Each step is audited with ids only (a file's name is personal data).

/** How long an upload link lasts (seconds). */
export const UPLOAD_LINK_SECONDS = 5 * 60;
/** How long a download link lasts (seconds). */
export const DOWNLOAD_LINK_SECONDS = 60;

function staffActor(caller: StaffCaller) {
  return auditActorOf({ kind: 'staff', userId: caller.userId, role: caller.role, area: caller.area });
}

/**
 * The name a download is saved under. Not the worker's name for the file: that is personal data, and
 * the name travels in the signed link's query (`response-content-disposition`), which browsers,
 * proxies and logs keep. The case reference, the kind of document and the end of its id tell the
 * files apart; the page shows the real name beside the link.
 */
export function downloadFileName(
  record: Pick<Case, 'reference'>,
  document: Pick<CaseDocument, 'id' | 'type' | 'contentType'>,
): string {
  const reference = record.reference.replace(/[^A-Za-z0-9-]/g, '');
  const extension = DOCUMENT_CONTENT_TYPES[document.contentType];
  return `${reference}-${document.type}-${document.id.slice(-6).toLowerCase()}.${extension}`;
}

export async function requestUpload(
  db: Db,
  record: Case,
  caller: StaffCaller,
  request: DocumentRequest,
  at: Date,
): Promise<{ document: CaseDocument; upload: PresignedLink }> {
  const document: CaseDocument = {
    ...request,
    id: newId(at.getTime()),
    caseId: record.id,
    status: 'awaiting-upload',
    uploadedBy: caller.userId,
    requestedAt: at.toISOString(),
  };
  const audit = buildAuditEvent({
    subject: `case#${record.id}`,
    caseId: record.id,
    at: document.requestedAt,
    actor: staffActor(caller),
    action: 'document.upload-requested',
    details: {
      documentId: document.id,
      documentType: document.type,
      contentType: document.contentType,
      size: document.size,
    },
  });
  await putDocument(db, document, audit);
  const upload = await presignUpload(documentKey(record.id, document.id), document, UPLOAD_LINK_SECONDS);
  return { document, upload };
}

/** An upload not begun this long after its request will not come: the link's life and an hour. */
export const UPLOAD_EXPIRES_AFTER_SECONDS = UPLOAD_LINK_SECONDS + 60 * 60;

/** Pure: a document still `awaiting-upload` after its link's life and the margin. */
export function uploadLapsed(document: Pick<CaseDocument, 'status' | 'requestedAt'>, now: Date): boolean {
  return (
    document.status === 'awaiting-upload' &&
    now.getTime() - Date.parse(document.requestedAt) > UPLOAD_EXPIRES_AFTER_SECONDS * 1000
  );
}

/**
 * Moves a lapsed upload to `expired` (conditionally from `awaiting-upload`, audited `document.expired`
 * with ids only). Answers the document as it now is and whether this call moved it: a move lost to a
 * racing event (the bytes arrived after all) keeps what the event wrote; `undefined` when the document
 * is gone (its case was deleted).
 */
async function expireUpload(
  db: Db,
  document: CaseDocument,
  now: Date,
): Promise<{ current: CaseDocument | undefined; moved: boolean }> {
  try {
    await moveDocument(
      db,
      document,
      { from: ['awaiting-upload'], to: 'expired', fields: {} },
      buildAuditEvent({
        subject: `case#${document.caseId}`,
        caseId: document.caseId,
        at: now.toISOString(),
        actor: { type: 'system', id: 'documents' },
        action: 'document.expired',
        details: { documentId: document.id },
      }),
    );
    return { current: { ...document, status: 'expired' }, moved: true };
  } catch (error) {
    if (!(error instanceof ConflictError && error.reason === 'wrong-status')) throw error;
    return { current: await getDocument(db, document.caseId, document.id), moved: false };
  }
}

/**
 * The case's documents, newest first. An upload whose link lapsed without bytes and that the daily
 * sweep has not reached yet (or that was requested before the sweep could find it) is marked `expired`
 * as it is read, so a reader never sees a document waiting for an upload that cannot come; it stays in
 * the index of awaited uploads, so the sweep still deletes what its key may hold.
 */
export async function caseDocuments(db: Db, caseId: string, now: Date): Promise<CaseDocument[]> {
  const documents = await listDocuments(db, caseId);
  const seen: CaseDocument[] = [];
  for (const document of documents) {
    const current = uploadLapsed(document, now) ? (await expireUpload(db, document, now)).current : document;
    if (current) seen.push(current);
  }
  return seen.sort((a, b) => b.id.localeCompare(a.id));
}

export interface ExpiredUploads {
  expired: number;
  /** More lapsed uploads than `limit` may be waiting: run again. */
  more: boolean;
}

/**
 * The daily sweep's part for documents (docs/decisions.md, "Documents whose upload never came"):
 * every upload still awaited after its link's life and the margin is marked `expired` without anyone
 * reading the case, and its key is deleted from the bucket, so no bytes an upload left without their
 * event (lost, or still being retried an hour on) stay in the bucket untracked. The move comes first
 * and is conditional: a document the bytes' event moved meanwhile keeps its file. A document a read
 * already expired has its key deleted too. A repeat finds nothing (a settled document has left the
 * index).
 */
export async function expireLapsedUploads(db: Db, now: Date, limit: number): Promise<ExpiredUploads> {
  const before = new Date(now.getTime() - UPLOAD_EXPIRES_AFTER_SECONDS * 1000).toISOString();
  const awaited = await listAwaitedUploads(db, before, limit + 1);
  let expired = 0;
  for (const document of awaited.slice(0, limit)) {
    // Awaited still: expire it here. Expired already (by a read, or by a sweep that stopped before
    // the deletion): its key is deleted all the same.
    const moved = document.status === 'awaiting-upload' && (await expireUpload(db, document, now)).moved;
    if (!moved && document.status !== 'expired') continue;
    await deleteObjects([documentKey(document.caseId, document.id)]);
    await settleExpiredUpload(db, document);
    if (moved) expired += 1;
  }
  return { expired, more: awaited.length > limit };
}

export class DocumentUnavailableError extends ConflictError {
  constructor(status: DocumentStatus) {
    super(
      status === 'quarantined'
        ? 'the file was found to hold a threat (or could not be scanned) and is quarantined: it cannot be downloaded'
        : 'the file is not available yet: it can be downloaded once it has been uploaded and scanned',
      status === 'quarantined' ? 'quarantined' : 'not-scanned',
    );
  }
}

/** A one-minute link to download an available document, audited as `document.downloaded`. */
export async function downloadLink(
  db: Db,
  record: Case,
  caller: StaffCaller,
  documentId: string,
  at: Date,
): Promise<{ document: CaseDocument; download: PresignedLink }> {
  const document = await getDocument(db, record.id, documentId);
  if (!document) throw new NotFoundError(`document ${documentId}`);
  if (document.status !== 'available') throw new DocumentUnavailableError(document.status);
  const download = await presignDownload(
    documentKey(record.id, document.id),
    { fileName: downloadFileName(record, document), contentType: document.contentType },
    DOWNLOAD_LINK_SECONDS,
  );
  await appendAuditEvent(db, {
    subject: `case#${record.id}`,
    caseId: record.id,
    at: at.toISOString(),
    actor: staffActor(caller),
    action: 'document.downloaded',
    details: { documentId: document.id, documentType: document.type },
  });
  return { document, download };
}

/** The scan results that let a file be read; any other (threats, unsupported, failed) quarantines it. */
const CLEAN = 'NO_THREATS_FOUND';

/**
 * Records S3's "Object Created" (the bytes arrived: `scanning`) or GuardDuty's scan result
 * (`available` or `quarantined`). Repeated or late events change nothing: each move is conditional on
 * the status it moves from. Answers what happened, for the handler's log.
 */
export async function recordDocumentEvent(
  db: Db,
  event: DocumentEvent,
  bucket: string,
): Promise<'moved' | 'ignored'> {
  const [eventBucket, key] =
    event.source === 'aws.s3'
      ? [event.detail.bucket.name, event.detail.object.key]
      : [event.detail.s3ObjectDetails.bucketName, event.detail.s3ObjectDetails.objectKey];
  const named = documentOfKey(key);
  if (eventBucket !== bucket || !named) return 'ignored';
  const document = await getDocument(db, named.caseId, named.documentId);
  if (!document) return 'ignored';
  const audit = (
    action: 'document.received' | 'document.scanned',
    details: Record<string, string | number>,
  ) =>
    buildAuditEvent({
      subject: `case#${document.caseId}`,
      caseId: document.caseId,
      at: event.time,
      actor: { type: 'system', id: event.source === 'aws.s3' ? 's3' : 'malware-scan' },
      action,
      details: { documentId: document.id, ...details },
    });
  try {
    if (event.source === 'aws.s3') {
      await moveDocument(
        db,
        document,
        // From `expired` too: bytes that arrive late are still the worker's file.
        { from: ['awaiting-upload', 'expired'], to: 'scanning', fields: { receivedAt: event.time } },
        audit('document.received', { size: event.detail.object.size }),
      );
    } else {
      const result = event.detail.scanResultDetails.scanResultStatus;
      const to: DocumentStatus = result === CLEAN ? 'available' : 'quarantined';
      await moveDocument(
        db,
        document,
        {
          from: ['awaiting-upload', 'scanning', 'expired'],
          to,
          fields: { scannedAt: event.time, scanResult: result },
        },
        audit('document.scanned', { scanResult: result, status: to }),
      );
    }
    return 'moved';
  } catch (error) {
    if (error instanceof ConflictError && error.reason === 'wrong-status') return 'ignored';
    throw error;
  }
}

/**
 * Deletes a case's files from the bucket (the retention sweep, before the case's partition with their
 * items): the keys come from the items, so a sweep that failed half-way and runs again finds them
 * still listed and deletes what is left. A case with no documents touches no bucket.
 */
export async function deleteCaseFiles(db: Db, caseId: string): Promise<number> {
  const documents = await listDocuments(db, caseId);
  await deleteObjects(documents.map((document) => documentKey(caseId, document.id)));
  return documents.length;
}
