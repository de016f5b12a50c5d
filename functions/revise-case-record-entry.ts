import { now } from '../shared/core/clock';
import { caseRecordRevisionBodySchema } from '../shared/core/schemas/case-record';
import { parseOrThrow } from '../shared/core/schemas/errors';
import { reviseEntry } from '../shared/domain/case-record/chronology';
import { defaultDb } from '../shared/adapters/data/db';
import { caseRecordOf, entryIdOf } from '../shared/http/case-record';
import { httpHandler } from '../shared/http/handler';

// POST /v1/cases/{id}/record/{entryId}: the entry's next version. The earlier ones stay readable; a
// revision of a version that is no longer the latest answers 409 (someone revised it first).

export const handler = httpHandler(async (request) => {
  const { record, caller } = await caseRecordOf(request);
  const entryId = entryIdOf(request.pathParameters);
  const body = parseOrThrow(caseRecordRevisionBodySchema, request.body);
  return { status: 201, body: await reviseEntry(defaultDb(), record, caller, entryId, body, now()) };
});
