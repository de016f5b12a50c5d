import { now } from '../shared/core/clock';
import { readPlan } from '../shared/domain/family-plan/plan';
import { noteCaseViewed } from '../shared/domain/case-record/views';
import { partnerUpdatesOf } from '../shared/domain/sharing/plan-actions';
import { defaultDb } from '../shared/adapters/data/db';
import { caseRecordOf } from '../shared/http/case-record';
import { httpHandler } from '../shared/http/handler';

// GET /v1/cases/{id}/plan: the family's plan at its latest version, what is late, and every version's
// when, who and why; for the people who work with the family.

export const handler = httpHandler(async (request) => {
  const { record, caller } = await caseRecordOf(request);
  const at = now();
  await noteCaseViewed(defaultDb(), record.id, caller, 'family-plan', 'api', at);
  const [plan, partnerUpdates] = await Promise.all([
    readPlan(defaultDb(), record.id, at),
    partnerUpdatesOf(defaultDb(), record.id),
  ]);
  return { status: 200, body: { ...plan, partnerUpdates } };
});
