import * as z from 'zod/mini';
import { DOCUMENT_LIMITS, SUPPORTED_DOCUMENT_CONTENT_TYPES } from '../config';
import { instantSchema, slugIdSchema, text, ulidSchema } from './common';

// A case's documents (issue #18): signed consent, assessments, letters. The bytes are in the documents
// bucket under an opaque key (`cases/<caseId>/<documentId>`); this item holds what the file is, and
// whether it may be read: a file is unavailable until the malware scan has found it clean.

/** @public */
export const DOCUMENT_TYPES = ['signed-consent', 'assessment', 'letter', 'plan', 'other'] as const;

/** The file types the code supports, each with the extension a download is named with. */
export const DOCUMENT_CONTENT_TYPES = SUPPORTED_DOCUMENT_CONTENT_TYPES;
export type DocumentContentType = keyof typeof DOCUMENT_CONTENT_TYPES;
/** The file types accepted (shared/core/config/documents.json). */
export const ACCEPTED_CONTENT_TYPES = DOCUMENT_LIMITS.contentTypes as [
  DocumentContentType,
  ...DocumentContentType[],
];

/** The largest file accepted, in bytes (shared/core/config/documents.json: 10 MB). */
export const MAX_DOCUMENT_BYTES = DOCUMENT_LIMITS.maxBytes;
const MAX_MB = /* @__PURE__ */ (() => Math.round((MAX_DOCUMENT_BYTES / 1024 / 1024) * 10) / 10)();

/**
 * `awaiting-upload` (a link to upload was given) -> `scanning` (the bytes arrived) -> `available`
 * (no threat found) or `quarantined` (a threat, or a scan that could not finish): never read.
 * `expired`: the upload link lapsed and no bytes came (marked when the case's documents are next read,
 * an hour after the link's end); bytes that still arrive move it on to `scanning` as usual.
 * @public
 */
export const DOCUMENT_STATUSES = [
  'awaiting-upload',
  'scanning',
  'available',
  'quarantined',
  'expired',
] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** The body of `POST /v1/cases/{id}/documents`: the file about to be uploaded. */
export const documentRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** The file's name as the worker knows it (personal data: kept in the table only, never in a key or URL). */
    name: text(200).check(z.refine((name) => !/[/\\]/.test(name), { message: 'a file name, not a path' })),
    type: z.enum(DOCUMENT_TYPES),
    contentType: z.enum(ACCEPTED_CONTENT_TYPES, { message: `one of ${ACCEPTED_CONTENT_TYPES.join(', ')}` }),
    size: z
      .number()
      .check(
        z.int(),
        z.gte(1, { message: 'an empty file' }),
        z.lte(MAX_DOCUMENT_BYTES, { message: `at most ${MAX_DOCUMENT_BYTES} bytes (${MAX_MB} MB)` }),
      ),
  }))();
export type DocumentRequest = z.infer<typeof documentRequestSchema>;

export const caseDocumentSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    id: ulidSchema,
    caseId: ulidSchema,
    ...documentRequestSchema.shape,
    status: z.enum(DOCUMENT_STATUSES),
    uploadedBy: slugIdSchema,
    requestedAt: instantSchema,
    /** When the bytes arrived. */
    receivedAt: z.optional(instantSchema),
    /** When the scan's result was recorded. */
    scannedAt: z.optional(instantSchema),
    /** The scan's result as GuardDuty names it (NO_THREATS_FOUND, THREATS_FOUND, UNSUPPORTED...). */
    scanResult: z.optional(z.string().check(z.maxLength(40))),
  }))();
export type CaseDocument = z.infer<typeof caseDocumentSchema>;

/** A presigned link: where, and until when. */
export const documentLinkSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    url: z.url(),
    method: z.enum(['PUT', 'GET']),
    expiresAt: instantSchema,
    /** Headers the request must send as they are (the PUT is signed for them). */
    headers: z.record(z.string(), z.string()),
  }))();

export const documentUploadSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    document: caseDocumentSchema,
    upload: documentLinkSchema,
  }))();
export const documentDownloadSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    document: caseDocumentSchema,
    download: documentLinkSchema,
  }))();
export const documentListSchema = /* @__PURE__ */ (() =>
  z.strictObject({ items: z.array(caseDocumentSchema) }))();

/** What `cases/<caseId>/<documentId>` names, or undefined for any other key. */
export function documentOfKey(key: string): { caseId: string; documentId: string } | undefined {
  const match = /^cases\/([0-9A-HJKMNP-TV-Z]{26})\/([0-9A-HJKMNP-TV-Z]{26})$/.exec(key);
  return match ? { caseId: match[1]!, documentId: match[2]! } : undefined;
}

export function documentKey(caseId: string, documentId: string): string {
  return `cases/${caseId}/${documentId}`;
}

// The two events that move a document, as EventBridge delivers them: S3's "Object Created" (the bytes
// arrived) and GuardDuty Malware Protection for S3's scan result. Locally, the local scanner
// (local/s3/scanner.ts) sends the same shapes.

export const objectCreatedEventSchema = /* @__PURE__ */ (() =>
  z.object({
    source: z.literal('aws.s3'),
    'detail-type': z.literal('Object Created'),
    time: instantSchema,
    detail: z.object({
      bucket: z.object({ name: z.string() }),
      object: z.object({ key: z.string(), size: z.number().check(z.int(), z.gte(0)) }),
    }),
  }))();
export type ObjectCreatedEvent = z.infer<typeof objectCreatedEventSchema>;

export const SCAN_RESULT_DETAIL_TYPE = 'GuardDuty Malware Protection Object Scan Result';
export const scanResultEventSchema = /* @__PURE__ */ (() =>
  z.object({
    source: z.literal('aws.guardduty'),
    'detail-type': z.literal(SCAN_RESULT_DETAIL_TYPE),
    time: instantSchema,
    detail: z.object({
      scanStatus: z.string(),
      resourceType: z.literal('S3_OBJECT'),
      s3ObjectDetails: z.object({ bucketName: z.string(), objectKey: z.string() }),
      scanResultDetails: z.object({
        scanResultStatus: z.string().check(z.maxLength(40)),
        threats: z.nullish(z.array(z.object({ name: z.string() }))),
      }),
    }),
  }))();
export type ScanResultEvent = z.infer<typeof scanResultEventSchema>;

export const documentEventSchema = /* @__PURE__ */ (() =>
  z.union([objectCreatedEventSchema, scanResultEventSchema]))();
export type DocumentEvent = z.infer<typeof documentEventSchema>;
