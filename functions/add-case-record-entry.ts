import { now } from '../shared/core/clock';
import { caseRecordEntryBodySchema } from '../shared/core/schemas/case-record';
import { parseOrThrow } from '../shared/core/schemas/errors';
import { addEntry } from '../shared/domain/case-record/chronology';
import { defaultDb } from '../shared/adapters/data/db';
import { caseRecordOf } from '../shared/http/case-record';
import { httpHandler } from '../shared/http/handler';
import { idempotentWrites } from '../shared/http/idempotent-write';

// POST /v1/cases/{id}/record: a new entry in the case's chronology (visit, call, the child's voice...),
// written by the signed-in member of staff and audited. With an Idempotency-Key a retry answers the
// first answer and writes nothing twice.

const once = idempotentWrites<Awaited<ReturnType<typeof addEntry>>>('add-case-record-entry');

export const handler = httpHandler(async (request) => {
  const { record, caller } = await caseRecordOf(request);
  const body = parseOrThrow(caseRecordEntryBodySchema, request.body);
  const entry = await once(request, `${caller.userId}#${record.id}`, request.body, () =>
    addEntry(defaultDb(), record, caller, body, now()),
  );
  return { status: 201, body: entry };
});
