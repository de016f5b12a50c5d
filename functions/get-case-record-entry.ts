import { entryVersions } from '../shared/domain/case-record/chronology';
import { defaultDb } from '../shared/adapters/data/db';
import { caseRecordOf, entryIdOf } from '../shared/http/case-record';
import { httpHandler } from '../shared/http/handler';

// GET /v1/cases/{id}/record/{entryId}: every version of one entry, oldest first, with who wrote each.

export const handler = httpHandler(async (request) => {
  const { record } = await caseRecordOf(request);
  const versions = await entryVersions(defaultDb(), record.id, entryIdOf(request.pathParameters));
  return { status: 200, body: { versions } };
});
