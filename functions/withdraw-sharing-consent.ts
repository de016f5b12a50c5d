import { now } from '../shared/core/clock';
import { parseOrThrow } from '../shared/core/schemas/errors';
import { sharingWithdrawalBodySchema } from '../shared/core/schemas/sharing-consent';
import { withdrawConsent } from '../shared/domain/sharing/consents';
import { defaultDb } from '../shared/adapters/data/db';
import { httpHandler } from '../shared/http/handler';
import { consentCaseOf, consentPathOf } from '../shared/http/sharing-consents';

// POST /v1/cases/{id}/sharing-consents/{partnerId}/{purpose}/withdraw: the family withdrew consent; the
// agency's access ends with this write (its next request is refused). Audited.

export const handler = httpHandler(async (request) => {
  const { record, caller } = await consentCaseOf(request);
  const { partnerId, purpose } = consentPathOf(request.pathParameters);
  const body = parseOrThrow(sharingWithdrawalBodySchema, request.body);
  const withdrawn = await withdrawConsent(defaultDb(), record, caller, partnerId, purpose, body, now());
  return { status: 200, body: withdrawn };
});
