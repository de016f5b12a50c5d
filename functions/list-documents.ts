import { now } from '../shared/core/clock';
import { noteCaseViewed } from '../shared/domain/case-record/views';
import { caseDocuments } from '../shared/domain/documents/documents';
import { defaultDb } from '../shared/adapters/data/db';
import { caseRecordOf } from '../shared/http/case-record';
import { httpHandler } from '../shared/http/handler';

// GET /v1/cases/{id}/documents: what is attached to the case and whether each can be read.

export const handler = httpHandler(async (request) => {
  const { record, caller } = await caseRecordOf(request);
  await noteCaseViewed(defaultDb(), record.id, caller, 'documents', 'api', now());
  return { status: 200, body: { items: await caseDocuments(defaultDb(), record.id, now()) } };
});
