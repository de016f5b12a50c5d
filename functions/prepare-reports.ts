import { defaultDb } from '../shared/adapters/data/db';
import { cycleQuarter } from '../shared/domain/reporting/cycle';
import { prepareReportsPayloadSchema } from '../shared/domain/reporting/payloads';
import { prepareCycle } from '../shared/domain/reporting/reports';
import { parseOrThrow } from '../shared/core/schemas/errors';

/** Reporting cycle step: stores the quarter's draft reports (once) and lists the tasks to open. */
export async function handler(event: unknown) {
  const payload = parseOrThrow(prepareReportsPayloadSchema, event);
  const quarter = cycleQuarter(payload.input);
  const prepared = await prepareCycle(defaultDb(), quarter.id, payload.now);
  return {
    quarter: prepared.quarter,
    reports: prepared.reports,
    tasks: [...prepared.quarterly, ...prepared.annual, ...prepared.conversations],
  };
}
