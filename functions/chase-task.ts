import * as z from 'zod/mini';
import { defaultDb } from '../shared/adapters/data';
import { ulidSchema } from '../shared/core/schemas';
import { parseOrThrow } from '../shared/core/schemas/errors';
import { chaseTask } from '../shared/domain/tasks/chase';

// v1 is the only version so far; a new one is added beside it, never in its place.
const payloadSchema = z.discriminatedUnion('schemaVersion', [
  z.object({
    schemaVersion: z.literal(1),
    taskId: ulidSchema,
    now: z.iso.datetime({ offset: true }),
    startedAt: z.optional(z.iso.datetime({ offset: true })),
    /**
     * The execution's input (`$$.Execution.Input`): its `caseId`, when the starter named the case, lets
     * the task and the case be read in one request. Absent from the wake-ups of executions running an
     * older definition; a report task's has no case.
     */
    input: z.optional(z.object({ caseId: z.optional(ulidSchema) })),
  }),
]);

/**
 * Human-task step: sends the reminder, escalation or timeout now due and says how long to wait.
 * Not wrapped in idempotency records: the task's own counters make a retry send nothing twice.
 */
export const handler = (event: unknown) => {
  const { input, ...wake } = parseOrThrow(payloadSchema, event);
  return chaseTask(defaultDb(), { ...wake, caseId: input?.caseId });
};
