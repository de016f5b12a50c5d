import { now } from '../shared/core/clock';
import { documentRequestSchema } from '../shared/core/schemas/documents';
import { parseOrThrow } from '../shared/core/schemas/errors';
import { requestUpload } from '../shared/domain/documents/documents';
import { defaultDb } from '../shared/adapters/data/db';
import { caseRecordOf } from '../shared/http/case-record';
import { httpHandler } from '../shared/http/handler';

// POST /v1/cases/{id}/documents: a document awaiting its upload, and a 5-minute link to PUT exactly the
// declared type and size to (the bytes never pass through the API).

export const handler = httpHandler(async (request) => {
  const { record, caller } = await caseRecordOf(request);
  const body = parseOrThrow(documentRequestSchema, request.body);
  return { status: 201, body: await requestUpload(defaultDb(), record, caller, body, now()) };
});
