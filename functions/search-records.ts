import { now } from '../shared/core/clock';
import { parseOrThrow } from '../shared/core/schemas/errors';
import { defaultDb } from '../shared/adapters/data/db';
import { searchRecords } from '../shared/domain/matching/search';
import { searchBodySchema } from '../shared/http/case-action-bodies';
import { staffOf } from '../shared/http/callers';
import { httpHandler } from '../shared/http/handler';

// POST /v1/search: the records the caller may open that match a reference, a name, a date of birth or
// a postcode (the family-match index, never a Scan); every search audited, its terms never logged.

export const handler = httpHandler(async (request) => {
  const caller = staffOf(request);
  const body = parseOrThrow(searchBodySchema, request.body);
  return { status: 200, body: await searchRecords(defaultDb(), caller, body, now()) };
});
