import type { ApiRequest } from './handler';
import { badRequest } from './problem';

// The Idempotency-Key header: required on the routes that create a referral (partner and staff),
// optional on the casework writes (shared/http/idempotent-write.ts); 8 to 128 visible ASCII
// characters, so it is safe to store and to compare.

const KEY_PATTERN = /^[\x21-\x7e]{8,128}$/;

export function idempotencyKeyOf(request: Pick<ApiRequest, 'header'>, what = 'referral'): string {
  const key = request.header('idempotency-key');
  if (!key) {
    throw badRequest(`Send an Idempotency-Key header, the same on every retry of this ${what}`, [
      { path: 'headers.Idempotency-Key', rule: 'required', message: 'Idempotency-Key is required' },
    ]);
  }
  if (!KEY_PATTERN.test(key)) {
    throw badRequest('The Idempotency-Key is 8 to 128 visible ASCII characters', [
      { path: 'headers.Idempotency-Key', rule: 'format', message: '8 to 128 visible ASCII characters' },
    ]);
  }
  return key;
}
