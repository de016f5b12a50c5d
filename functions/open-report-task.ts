import { defaultDb } from '../shared/adapters/data/db';
import { idempotent } from '../shared/adapters/lambda/idempotent';
import { openReportTaskPayloadSchema } from '../shared/domain/reporting/payloads';
import { openReportTask } from '../shared/domain/reporting/tasks';
import { parseOrThrow } from '../shared/core/schemas/errors';

/** Reporting cycle step: opens a report or conversation task once and emails its owner. */
export const handler = idempotent('open-report-task', async (event: unknown) => {
  const payload = parseOrThrow(openReportTaskPayloadSchema, event);
  return openReportTask(defaultDb(), payload.task, payload.now);
});
