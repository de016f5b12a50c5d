import * as z from 'zod';
import type { RouteDoc } from './route';

// Staff sign in for an access token (POST /v1/session). With this scope named, API Gateway's Cognito
// authorizer accepts access tokens (without a scope it would expect ID tokens); the handlers then
// check role, area and active state against the staff record.
export const STAFF_TOKEN = ['aws.cognito.signin.user.admin'];

// Public routes that anyone can hit carry tighter API Gateway throttles than the stage default.
export const PUBLIC_FORM_THROTTLE = { rateLimit: 2, burstLimit: 10 };

// The routes that create a referral take a key that makes a retry safe (functions/create-referral.ts).
export const idempotencyKeyHeader = z.object({
  'Idempotency-Key': z
    .string()
    .min(8)
    .max(128)
    .regex(/^[\x21-\x7e]+$/)
    .describe('8 to 128 visible ASCII characters, unique per referral; every retry of it sends the same key'),
});

// The casework writes (a case record entry, a meeting, the plan, a partner's update) take one optionally:
// a retry with the same key answers the first answer and writes nothing (shared/http/idempotent-write.ts).
export const optionalIdempotencyKeyHeader = z.object({
  'Idempotency-Key': z
    .string()
    .min(8)
    .max(128)
    .regex(/^[\x21-\x7e]+$/)
    .optional()
    .describe(
      '8 to 128 visible ASCII characters, unique per write; a retry with the same key (within 24 hours) gets the first answer and writes nothing again; the same key with another body is a 422',
    ),
});

export const idParam = z.object({ id: z.string().max(64) });

export const listQuery = z.object({
  cursor: z.string().max(2048).optional().describe('nextCursor from the previous page, unchanged'),
  limit: z.string().regex(/^\d+$/).optional().describe('page size, 1-100 (default 25)'),
});

// The staff pages share the route table; they answer HTML (or a 303 after a form post), not JSON.
export const page = (summary: string, answer: 'html' | 'redirect' | 'file' = 'html'): RouteDoc => ({
  summary,
  tag: 'Staff pages (HTML)',
  ok:
    answer === 'redirect'
      ? { status: 303, description: 'See Other: the page to go to next' }
      : answer === 'file'
        ? { status: 200, description: 'A file', schema: z.string(), contentType: 'application/octet-stream' }
        : { status: 200, description: 'An HTML page', schema: z.string(), contentType: 'text/html' },
});
