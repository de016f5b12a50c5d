import { now } from '../shared/core/clock';
import { readTafMeetings } from '../shared/domain/family-plan/taf-meetings';
import { noteCaseViewed } from '../shared/domain/case-record/views';
import { defaultDb } from '../shared/adapters/data/db';
import { caseRecordOf } from '../shared/http/case-record';
import { httpHandler } from '../shared/http/handler';

// GET /v1/cases/{id}/taf-meetings: the case's Team Around the Family meetings, the latest held first;
// for the people who work with the family.

export const handler = httpHandler(async (request) => {
  const { record, caller } = await caseRecordOf(request);
  await noteCaseViewed(defaultDb(), record.id, caller, 'taf-meetings', 'api', now());
  return { status: 200, body: { items: await readTafMeetings(defaultDb(), record.id) } };
});
