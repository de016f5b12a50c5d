import { noteCaseViewed } from '../shared/domain/case-record/views';
import { caseDocuments, downloadLink, requestUpload } from '../shared/domain/documents/documents';
import { ConflictError, NotFoundError } from '../shared/adapters/data/db';
import { bucketOrigin } from '../shared/adapters/documents/bucket';
import { documentRequestSchema, MAX_DOCUMENT_BYTES } from '../shared/core/schemas/documents';
import { parseOrThrow, ValidationError } from '../shared/core/schemas/errors';
import { caseSummary } from '../shared/pages/case-view';
import {
  ACCEPTED_FILES,
  DOCUMENT_TYPE_ITEMS,
  documentRequestFrom,
  documentView,
} from '../shared/pages/documents';
import { keptCaseOf } from '../shared/pages/kept-case';
import { PageNotFound, pageHandler } from '../shared/pages/handler';

// GET /cases/{id}/documents: the case's documents and the upload form; POST (the page's script): what
// the file is, answered as JSON with the link to PUT it to; GET /cases/{id}/documents/{documentId}: a
// redirect to a one-minute download link once the file is scanned clean (audited). For the people who
// keep the case record; anyone else: 404.

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

function json(status: number, body: unknown) {
  return { kind: 'file' as const, status, contentType: 'application/json', body: JSON.stringify(body) };
}

export const handler = pageHandler(
  async (request) => {
    const caller = request.staff!;
    const { documentId } = request.pathParameters;
    const record = await keptCaseOf(request);

    if (request.method === 'POST') {
      try {
        const body = parseOrThrow(documentRequestSchema, documentRequestFrom(request.form));
        return json(201, await requestUpload(request.db, record, caller, body, request.now));
      } catch (error) {
        if (error instanceof ValidationError) return json(422, { errors: error.errors });
        throw error;
      }
    }

    if (documentId !== undefined) {
      if (!ULID.test(documentId)) throw new PageNotFound();
      try {
        const { download } = await downloadLink(request.db, record, caller, documentId, request.now);
        return { kind: 'redirect', location: download.url };
      } catch (error) {
        if (error instanceof NotFoundError) throw new PageNotFound();
        if (error instanceof ConflictError)
          return { kind: 'redirect', location: `/cases/${record.id}/documents` };
        throw error;
      }
    }

    await noteCaseViewed(request.db, record.id, caller, 'documents', 'page', request.now);
    const documents = await caseDocuments(request.db, record.id, request.now);
    return {
      kind: 'page',
      template: 'case-documents',
      connectTo: [await bucketOrigin()],
      data: {
        title: `Documents ${record.reference}`,
        section: 'tasks',
        backLink: `/cases/${record.id}`,
        caseId: record.id,
        summary: caseSummary(record, caller.role),
        documents: documents.map(documentView),
        types: DOCUMENT_TYPE_ITEMS,
        accept: ACCEPTED_FILES,
        maxBytes: MAX_DOCUMENT_BYTES,
        uploaded: request.query.uploaded === '1',
      },
    };
  },
  { access: 'staff' },
);
