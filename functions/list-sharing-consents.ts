import { now } from '../shared/core/clock';
import { noteCaseViewed } from '../shared/domain/case-record/views';
import { caseConsents } from '../shared/domain/sharing/consents';
import { defaultDb } from '../shared/adapters/data/db';
import { caseRecordOf } from '../shared/http/case-record';
import { httpHandler } from '../shared/http/handler';

// GET /v1/cases/{id}/sharing-consents: what the family agreed to share, with which agency and for
// what, in force or withdrawn; for those who keep the case record (the read is recorded).

export const handler = httpHandler(async (request) => {
  const { record, caller } = await caseRecordOf(request);
  await noteCaseViewed(defaultDb(), record.id, caller, 'sharing-consents', 'api', now());
  return { status: 200, body: { items: await caseConsents(defaultDb(), record.id) } };
});
