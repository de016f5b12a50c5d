import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { idempotentOnFirstUse } from '../adapters/lambda/idempotent';
import type { ApiRequest } from './handler';
import { idempotencyKeyOf } from './idempotency-key';

// The Idempotency-Key of the routes that add to a case's work (a case record entry, a Team Around the
// Family meeting, the family plan, a partner's update on a plan action): the same Powertools store as
// the referral routes (shared/http/idempotent-referral.ts). A request with a key is done once per
// (caller, resource, key): a repeat within 24 hours answers the first answer without writing again,
// the key with another body is a 422 (`idempotency_key_reused`), and a repeat racing the first while it
// is in flight a 409 with Retry-After. A failed request keeps nothing, so its retry runs again. The key
// is optional here (docs/decisions.md, "Idempotency-Key on the casework writes"): without one the
// route writes as before.

interface Write<R> {
  /** The caller, the resource and the key: what the first answer is kept under. */
  key: string;
  /** Compared with the first request's body: the same key with another body is refused. */
  body: unknown;
  run(): Promise<R>;
}

/**
 * `(request, scope, body, run)`: runs `run` once per (`scope`, Idempotency-Key) when the request has
 * the header, else at once. `scope` names the caller and the resource, e.g. `<userId>#<caseId>`.
 */
export function idempotentWrites<R>(keyPrefix: string) {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'key',
    payloadValidationJmesPath: 'body',
    expiresAfterSeconds: 24 * 60 * 60,
  });
  // Made on first use, so the table name and endpoint can be set after import (local stack, tests).
  const once = idempotentOnFirstUse((write: Write<R>) => write.run(), { config, keyPrefix });
  return async (request: ApiRequest, scope: string, body: unknown, run: () => Promise<R>): Promise<R> => {
    if (request.header('idempotency-key') === undefined) return run();
    const key = idempotencyKeyOf(request, 'request');
    config.registerLambdaContext(request.context);
    return once({ key: `${scope}#${key}`, body, run });
  };
}
