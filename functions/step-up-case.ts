import { now } from '../shared/core/clock';
import { caseActionReasonSchema } from '../shared/http/case-action-bodies';
import { authorisedCaseAction } from '../shared/http/case-actions';
import { httpHandler } from '../shared/http/handler';
import { stepUpCase } from '../shared/domain/journey/interruptions';
import { parseOrThrow } from '../shared/core/schemas/errors';
import { defaultDb } from '../shared/adapters/data/db';

// POST /v1/cases/{id}/step-up: safeguarding concerns at any stage; the case goes to children's social
// care (STEPPED_UP), its open task is cancelled and the duty team is told. An ended case answers 409.

export const handler = httpHandler(async (request) => {
  const { caseId, actor } = await authorisedCaseAction(request, 'step-up');
  const { reason } = parseOrThrow(caseActionReasonSchema, request.body);
  return { status: 200, body: await stepUpCase(defaultDb(), caseId, actor, reason, now()) };
});
