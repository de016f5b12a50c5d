import { now } from '../shared/core/clock';
import { parseOrThrow } from '../shared/core/schemas/errors';
import { exportPerson } from '../shared/domain/case-record/person-export';
import { defaultDb } from '../shared/adapters/data/db';
import { personExportBodySchema } from '../shared/http/admin-bodies';
import { staffOf } from '../shared/http/callers';
import { httpHandler } from '../shared/http/handler';

// POST /v1/admin/subject-access: a subject access export of everything held about one person: every
// case naming them (name and date of birth), each whole, with everyone else marked as a third party.

export const handler = httpHandler(async (request) => {
  const person = parseOrThrow(personExportBodySchema, request.body);
  const data = await exportPerson(defaultDb(), staffOf(request), person, { format: 'json', at: now() });
  return { status: 200, body: data };
});
