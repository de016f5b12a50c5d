import { now } from '../shared/core/clock';
import { caseRecordEntryBodySchema } from '../shared/core/schemas/case-record';
import { parseOrThrow } from '../shared/core/schemas/errors';
import { addEntry } from '../shared/domain/case-record/chronology';
import { defaultDb } from '../shared/adapters/data/db';
import { caseRecordOf } from '../shared/http/case-record';
import { httpHandler } from '../shared/http/handler';

// POST /v1/cases/{id}/record: a new entry in the case's chronology (visit, call, the child's voice...),
// written by the signed-in member of staff and audited.

export const handler = httpHandler(async (request) => {
  const { record, caller } = await caseRecordOf(request);
  const body = parseOrThrow(caseRecordEntryBodySchema, request.body);
  return { status: 201, body: await addEntry(defaultDb(), record, caller, body, now()) };
});
