import { now } from '../shared/core/clock';
import { readChronology } from '../shared/domain/case-record/chronology';
import { noteCaseViewed } from '../shared/domain/case-record/views';
import { defaultDb } from '../shared/adapters/data/db';
import { caseRecordOf } from '../shared/http/case-record';
import { chronologyQuery } from '../shared/http/list-queries';
import { httpHandler } from '../shared/http/handler';
import { readQuery } from '../shared/http/query-params';

// GET /v1/cases/{id}/record: the case's chronology, each entry at its latest version, newest first,
// filtered by type, person and days.

export const handler = httpHandler(async (request) => {
  const { record, caller } = await caseRecordOf(request);
  const filter = readQuery(chronologyQuery, request.query);
  await noteCaseViewed(defaultDb(), record.id, caller, 'case-record', 'api', now());
  return { status: 200, body: { items: await readChronology(defaultDb(), record.id, filter) } };
});
