import { now } from '../shared/core/clock';
import { outcomeEvidenceBodySchema } from '../shared/core/schemas/claims';
import { parseOrThrow } from '../shared/core/schemas/errors';
import { recordOutcomeEvidence } from '../shared/domain/claims/outcomes';
import { defaultDb } from '../shared/adapters/data/db';
import { caseRecordOf } from '../shared/http/case-record';
import { httpHandler } from '../shared/http/handler';

// POST /v1/cases/{id}/outcomes: the evidence of an outcome against one identified need (201), or the
// same evidence again (200, nothing written); a revision names the version it read (409 if stale).

export const handler = httpHandler(async (request) => {
  const { record, caller } = await caseRecordOf(request);
  const body = parseOrThrow(outcomeEvidenceBodySchema, request.body);
  const { created, evidence } = await recordOutcomeEvidence(defaultDb(), record, { ...caller }, body, now());
  return { status: created ? 201 : 200, body: evidence };
});
