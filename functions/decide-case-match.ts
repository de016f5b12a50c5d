import { now } from '../shared/core/clock';
import { parseOrThrow } from '../shared/core/schemas/errors';
import { defaultDb } from '../shared/adapters/data/db';
import { getCase } from '../shared/adapters/data/cases';
import { canDecideMatches } from '../shared/domain/access/rules';
import { decideMatch } from '../shared/domain/matching/matches';
import { matchDecisionBodySchema } from '../shared/http/case-action-bodies';
import { staffOf } from '../shared/http/callers';
import { httpHandler } from '../shared/http/handler';
import { notFound } from '../shared/http/problem';
import { pathId } from '../shared/http/path-params';

// POST /v1/cases/{id}/matches/{matchId}: the duty officer links a possible match (the same family)
// or dismisses it; audited; the same decision again answers the first, the other one 409.

export const handler = httpHandler(async (request) => {
  const caller = staffOf(request);
  const db = defaultDb();
  const record = await getCase(db, pathId(request.pathParameters));
  if (!record || !canDecideMatches(caller, record)) throw notFound('No such case');
  const { decision } = parseOrThrow(matchDecisionBodySchema, request.body);
  const otherCaseId = pathId(request.pathParameters, 'matchId');
  const actor = { kind: 'staff', userId: caller.userId, role: caller.role, area: caller.area } as const;
  const result = await decideMatch(db, {
    caseId: record.id,
    otherCaseId,
    action: decision,
    actor,
    now: now(),
  });
  return { status: 200, body: result };
});
