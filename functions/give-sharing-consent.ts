import { now } from '../shared/core/clock';
import { parseOrThrow } from '../shared/core/schemas/errors';
import { sharingConsentBodySchema } from '../shared/core/schemas/sharing-consent';
import { giveConsent } from '../shared/domain/sharing/consents';
import { defaultDb } from '../shared/adapters/data/db';
import { httpHandler } from '../shared/http/handler';
import { consentCaseOf } from '../shared/http/sharing-consents';

// POST /v1/cases/{id}/sharing-consents: the family agreed to share with a partner agency for a
// purpose; from now the agency may do that (and only that) through its API. Audited.

export const handler = httpHandler(async (request) => {
  const { record, caller } = await consentCaseOf(request);
  const body = parseOrThrow(sharingConsentBodySchema, request.body);
  return { status: 201, body: await giveConsent(defaultDb(), record, caller, body, now()) };
});
