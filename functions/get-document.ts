import { now } from '../shared/core/clock';
import { downloadLink } from '../shared/domain/documents/documents';
import { defaultDb } from '../shared/adapters/data/db';
import { caseRecordOf } from '../shared/http/case-record';
import { documentIdOf } from '../shared/http/documents';
import { httpHandler } from '../shared/http/handler';

// GET /v1/cases/{id}/documents/{documentId}: a one-minute download link, once the file is scanned clean
// (409 before); each link given is audited as `document.downloaded`.

export const handler = httpHandler(async (request) => {
  const { record, caller } = await caseRecordOf(request);
  const documentId = documentIdOf(request.pathParameters);
  return { status: 200, body: await downloadLink(defaultDb(), record, caller, documentId, now()) };
});
