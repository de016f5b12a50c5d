import { now } from '../shared/core/clock';
import { leadProfessionalSchema } from '../shared/core/schemas/case';
import { parseOrThrow } from '../shared/core/schemas/errors';
import { setLeadProfessional } from '../shared/domain/journey/interruptions';
import { defaultDb } from '../shared/adapters/data/db';
import { authorisedCaseAction } from '../shared/http/case-actions';
import { httpHandler } from '../shared/http/handler';

// POST /v1/cases/{id}/lead-professional: who leads the team around the family (the key worker, or a
// partner agency's practitioner); the key worker or a senior of the case's area.

export const handler = httpHandler(async (request) => {
  const { caseId, actor } = await authorisedCaseAction(request, 'lead-professional');
  const lead = parseOrThrow(leadProfessionalSchema, request.body);
  return { status: 200, body: await setLeadProfessional(defaultDb(), caseId, actor, lead, now()) };
});
