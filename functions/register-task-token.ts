import * as z from 'zod/mini';
import { defaultDb } from '../shared/adapters/data';
import { ulidSchema } from '../shared/core/schemas';
import { parseOrThrow } from '../shared/core/schemas/errors';
import { registerTaskToken } from '../shared/domain/tasks/register';

const payloadSchema = z.discriminatedUnion('schemaVersion', [
  z.object({
    schemaVersion: z.literal(1),
    taskId: ulidSchema,
    taskToken: z.string().check(z.minLength(1), z.maxLength(8192)),
    now: z.iso.datetime({ offset: true }),
  }),
]);

/**
 * Human-task step (lambda:invoke.waitForTaskToken): keeps the wait's token on the task, server side.
 * Not wrapped in idempotency: every call carries a fresh token and storing it twice is harmless.
 */
export const handler = (event: unknown) => registerTaskToken(defaultDb(), parseOrThrow(payloadSchema, event));
