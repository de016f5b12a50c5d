import { now } from '../shared/core/clock';
import { entryVersions } from '../shared/domain/case-record/chronology';
import { noteCaseViewed } from '../shared/domain/case-record/views';
import { defaultDb } from '../shared/adapters/data/db';
import { caseRecordOf, entryIdOf } from '../shared/http/case-record';
import { httpHandler } from '../shared/http/handler';

// GET /v1/cases/{id}/record/{entryId}: every version of one entry, oldest first, with who wrote each.

export const handler = httpHandler(async (request) => {
  const { record, caller } = await caseRecordOf(request);
  const versions = await entryVersions(defaultDb(), record.id, entryIdOf(request.pathParameters));
  await noteCaseViewed(defaultDb(), record.id, caller, 'case-record-entry', 'api', now());
  return { status: 200, body: { versions } };
});
