import { defaultDb } from '../shared/adapters/data/db';
import { recordReportTaskPayloadSchema } from '../shared/domain/reporting/payloads';
import { recordReportTask } from '../shared/domain/reporting/tasks';
import { parseOrThrow } from '../shared/core/schemas/errors';

/** Reporting cycle step: freezes a submitted report, or follows a renewed task wait. */
export async function handler(event: unknown) {
  const payload = parseOrThrow(recordReportTaskPayloadSchema, event);
  return recordReportTask(defaultDb(), {
    spec: payload.task,
    taskId: payload.taskId,
    generation: payload.generation,
    childStatus: payload.childStatus,
    now: payload.now,
  });
}
