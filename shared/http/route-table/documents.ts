import * as z from 'zod';
import {
  documentDownloadSchema,
  documentListSchema,
  documentRequestSchema,
  documentUploadSchema,
} from '../../core/schemas/documents';
import { CASE_ID } from '../openapi-examples';
import { STAFF_TOKEN } from './common';
import type { RouteEntry } from './route';

// A case's documents (issue #18): the people who keep the case record attach files to it and read
// them. The bytes never pass through the API: it answers short-lived links to the bucket.

const DOCUMENT_ID = '01KB45A1B2C3D4E5F6G7H8J9K0';
const DOCUMENT_PARAMS = z.object({ id: z.string(), documentId: z.string() });
const requestExample = {
  name: 'Signed consent form.pdf',
  type: 'signed-consent',
  contentType: 'application/pdf',
  size: 182_044,
};
const documentExample = {
  ...requestExample,
  id: DOCUMENT_ID,
  caseId: CASE_ID,
  status: 'available',
  uploadedBy: 'fsw-charnwood',
  requestedAt: '2026-11-24T17:02:00.000Z',
  receivedAt: '2026-11-24T17:02:09.000Z',
  scannedAt: '2026-11-24T17:02:21.000Z',
  scanResult: 'NO_THREATS_FOUND',
};
const LINK = `https://documents.example.s3.eu-west-2.amazonaws.com/cases/${CASE_ID}/${DOCUMENT_ID}?X-Amz-Algorithm=AWS4-HMAC-SHA256`;

export const DOCUMENT_ROUTES: readonly RouteEntry[] = [
  {
    method: 'POST',
    path: '/v1/cases/{id}/documents',
    handler: 'request-document-upload',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    grants: { table: 'readWrite', documents: ['put'] },
    doc: {
      summary:
        'Attach a file to a case: answers a link (5 minutes) to PUT exactly this type and size to; the file can be read once scanned clean',
      tag: 'Staff',
      body: documentRequestSchema,
      ok: {
        status: 201,
        description: 'The document, awaiting its upload, and the upload link',
        schema: documentUploadSchema,
      },
      errors: [400, 401, 403, 404, 409, 413, 415, 422],
    },
    examples: {
      request: requestExample,
      response: {
        document: {
          ...documentExample,
          status: 'awaiting-upload',
          receivedAt: undefined,
          scannedAt: undefined,
          scanResult: undefined,
        },
        upload: {
          url: LINK,
          method: 'PUT',
          expiresAt: '2026-11-24T17:07:00.000Z',
          headers: { 'content-type': 'application/pdf' },
        },
      },
    },
  },
  {
    method: 'GET',
    path: '/v1/cases/{id}/documents',
    handler: 'list-documents',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    // Every read of a case is recorded (who viewed it: shared/domain/case-record/views.ts).
    grants: { table: 'readWrite' },
    doc: {
      summary: "A case's documents (what each is and whether it can be read; never the bytes), newest first",
      tag: 'Staff',
      ok: { status: 200, description: 'The documents', schema: documentListSchema },
      errors: [401, 403, 404],
    },
    examples: { response: { items: [documentExample] } },
  },
  {
    method: 'GET',
    path: '/v1/cases/{id}/documents/{documentId}',
    handler: 'get-document',
    auth: 'staff',
    scopes: STAFF_TOKEN,
    grants: { table: 'readWrite', documents: ['get'] },
    doc: {
      summary:
        'A link (1 minute) to download a document, saved as an attachment; audited. 409 until the file has been scanned clean',
      tag: 'Staff',
      params: DOCUMENT_PARAMS,
      ok: { status: 200, description: 'The document and its download link', schema: documentDownloadSchema },
      errors: [401, 403, 404, 409],
    },
    examples: {
      response: {
        document: documentExample,
        download: { url: LINK, method: 'GET', expiresAt: '2026-11-24T17:03:00.000Z', headers: {} },
      },
    },
  },
];
