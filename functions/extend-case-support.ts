import { now } from '../shared/core/clock';
import { supportExtensionSchema } from '../shared/http/case-action-bodies';
import { authorisedCaseAction } from '../shared/http/case-actions';
import { httpHandler } from '../shared/http/handler';
import { extendSupport } from '../shared/domain/journey/interruptions';
import { parseOrThrow } from '../shared/core/schemas/errors';
import { defaultDb } from '../shared/adapters/data/db';

// POST /v1/cases/{id}/extend-support: a senior or manager keeps enhanced support going past its
// planned end; reviews carry on every 12 weeks until the new date.

export const handler = httpHandler(async (request) => {
  const { caseId, actor } = await authorisedCaseAction(request, 'extend-support');
  const extension = parseOrThrow(supportExtensionSchema, request.body);
  return { status: 200, body: await extendSupport(defaultDb(), caseId, actor, extension, now()) };
});
