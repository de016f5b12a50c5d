import { now } from '../shared/core/clock';
import { caseTransferSchema } from '../shared/http/case-action-bodies';
import { authorisedCaseAction } from '../shared/http/case-actions';
import { httpHandler } from '../shared/http/handler';
import { transferCase } from '../shared/domain/journey/interruptions';
import { parseOrThrow } from '../shared/core/schemas/errors';
import { defaultDb } from '../shared/adapters/data/db';

// POST /v1/cases/{id}/transfer: to a named worker or another locality, with the caseload units, in
// one transaction; 409 when nobody there has room (a family is never left without a key worker).

export const handler = httpHandler(async (request) => {
  const { caseId, actor } = await authorisedCaseAction(request, 'transfer');
  const target = parseOrThrow(caseTransferSchema, request.body);
  return { status: 200, body: await transferCase(defaultDb(), caseId, actor, target, now()) };
});
