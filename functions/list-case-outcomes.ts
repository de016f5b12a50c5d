import { now } from '../shared/core/clock';
import { caseOutcomes } from '../shared/domain/claims/outcomes';
import { noteCaseViewed } from '../shared/domain/case-record/views';
import { defaultDb } from '../shared/adapters/data/db';
import { caseRecordOf } from '../shared/http/case-record';
import { httpHandler } from '../shared/http/handler';

// GET /v1/cases/{id}/outcomes: the evidence of an outcome per identified need, and whether the family is
// claimable under the Supporting Families terms (or what is still missing); for the people who keep the
// case record.

export const handler = httpHandler(async (request) => {
  const { record, caller } = await caseRecordOf(request);
  const at = now();
  await noteCaseViewed(defaultDb(), record.id, caller, 'outcomes', 'api', at);
  return { status: 200, body: await caseOutcomes(defaultDb(), record, at) };
});
