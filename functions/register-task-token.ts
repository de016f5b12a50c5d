import * as z from 'zod';
import { defaultDb } from '../shared/adapters/data';
import { taskSchema, ulidSchema } from '../shared/core/schemas';
import { parseOrThrow } from '../shared/core/schemas/errors';
import { registerTaskToken } from '../shared/domain/tasks/register';

/** shared/domain/tasks/chase-record.ts's ChaseRecord, as the wake-up answered it. */
const chaseRecordSchema = z.object({
  task: taskSchema.pick({
    id: true,
    type: true,
    owner: true,
    dueDate: true,
    version: true,
    caseId: true,
    caseReference: true,
    period: true,
    priority: true,
    dueAt: true,
  }),
  now: z.iso.datetime({ offset: true }),
  remindersSent: z.number().int().min(0),
  escalationLevel: z.number().int().min(0),
  remind: z.boolean(),
  escalatedTo: z.string().min(1).optional(),
});

const payloadSchema = z.discriminatedUnion('schemaVersion', [
  z.object({
    schemaVersion: z.literal(1),
    taskId: ulidSchema,
    taskToken: z.string().min(1).max(8192),
    now: z.iso.datetime({ offset: true }),
    /**
     * The state's `chase` (the wake-up's answer, or the first wait's): its `record`, when the wake-up
     * found a reminder or escalation due, is sent and written with the token. Absent from the waits of
     * executions running an older definition, whose wake-ups recorded it themselves.
     */
    chase: z.object({ record: chaseRecordSchema.nullish() }).optional(),
    /** `$$.State.RetryCount`: a retry reads the task before sending what the first attempt may have sent. */
    retryCount: z.number().int().min(0).optional(),
  }),
]);

/**
 * Human-task step (lambda:invoke.waitForTaskToken): keeps the wait's token on the task, server side.
 * Not wrapped in idempotency: every call carries a fresh token and storing it twice is harmless; a
 * record's emails and counters are kept to once by the task's counters (shared/domain/tasks/register.ts).
 */
export const handler = (event: unknown) => {
  const { chase, ...wait } = parseOrThrow(payloadSchema, event);
  return registerTaskToken(defaultDb(), { ...wait, ...(chase?.record ? { record: chase.record } : {}) });
};
