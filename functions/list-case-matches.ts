import { defaultDb } from '../shared/adapters/data/db';
import { getCase } from '../shared/adapters/data/cases';
import { canSeeCase } from '../shared/domain/access/rules';
import { linkedRecordsOf, possibleMatchesOf } from '../shared/domain/matching/matches';
import { staffOf } from '../shared/http/callers';
import { httpHandler } from '../shared/http/handler';
import { notFound } from '../shared/http/problem';
import { pathId } from '../shared/http/path-params';

// GET /v1/cases/{id}/matches: the records held that may be the same family (open or closed, exact and
// fuzzy), with their outcomes and any decision on each, and the records linked to this one: those the
// caller may open (the case page's rule). Facts only (references, statuses, dates): no names.

export const handler = httpHandler(async (request) => {
  const caller = staffOf(request);
  const db = defaultDb();
  const record = await getCase(db, pathId(request.pathParameters));
  if (!record || !canSeeCase(caller, record)) throw notFound('No such case');
  const [matches, linked] = await Promise.all([
    possibleMatchesOf(db, record, caller),
    linkedRecordsOf(db, record.id, caller),
  ]);
  return { status: 200, body: { ...matches, linked } };
});
