import type { HttpRequestView } from '../../../shared/http/event';
import { describe, expect, it } from 'vitest';
import { toProblem } from '../../../shared/http/errors';
import { type HttpProblem, tooManyRequests } from '../../../shared/http/problem';
import { parseJsonBody } from '../../../shared/http/request-checks';
import { ValidationError } from '../../../shared/core/schemas/errors';

const event = (body: string | undefined, contentType?: string, base64 = false): HttpRequestView =>
  ({
    headers: contentType ? { 'content-type': contentType } : {},
    body,
    isBase64Encoded: base64,
  }) as unknown as HttpRequestView;

const statusOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as HttpProblem).status;
  }
  return 'no error';
};

describe('parseJsonBody', () => {
  it('parses JSON with or without a charset and +json media types', () => {
    expect(parseJsonBody(event('{"a":1}', 'application/json'), 100)).toEqual({ a: 1 });
    expect(parseJsonBody(event('{"a":1}', 'application/json; charset=utf-8'), 100)).toEqual({ a: 1 });
    expect(parseJsonBody(event('[1]', 'application/merge-patch+json'), 100)).toEqual([1]);
  });

  it('treats an empty body as absent, whatever its media type', () => {
    expect(parseJsonBody(event(undefined), 100)).toBeUndefined();
    expect(parseJsonBody(event('', 'text/plain'), 100)).toBeUndefined();
  });

  it('answers 413 over the limit, counting decoded bytes', () => {
    const body = 'é'.repeat(60); // 120 bytes in UTF-8
    expect(statusOf(() => parseJsonBody(event(`"${body}"`, 'application/json'), 100))).toBe(413);
    const base64 = Buffer.from(`"${'x'.repeat(150)}"`).toString('base64');
    expect(statusOf(() => parseJsonBody(event(base64, 'application/json', true), 100))).toBe(413);
  });

  it('answers 415 for a body that is not JSON by media type', () => {
    expect(statusOf(() => parseJsonBody(event('a=1', 'application/x-www-form-urlencoded'), 100))).toBe(415);
    expect(statusOf(() => parseJsonBody(event('{"a":1}'), 100))).toBe(415);
    expect(statusOf(() => parseJsonBody(event('{"a":1}', 'application/jsonp'), 100))).toBe(415);
  });

  it('answers 400 for malformed JSON', () => {
    expect(statusOf(() => parseJsonBody(event('{"a":', 'application/json'), 100))).toBe(400);
  });
});

describe('problem mapping', () => {
  it('maps domain validation errors to 422 with their field errors', () => {
    const problem = toProblem(
      new ValidationError([{ path: 'family.members', rule: 'has_child', message: 'm' }]),
    );
    expect(problem?.status).toBe(422);
    expect(problem?.toBody().errors).toEqual([{ path: 'family.members', rule: 'has_child', message: 'm' }]);
    expect(problem?.toBody().type).toBe('urn:sfw:problem:validation-failed');
  });

  it('maps idempotency key reuse to 422 and an in-flight duplicate to 409', () => {
    const reused = Object.assign(new Error('x'), { name: 'IdempotencyValidationError' });
    const inFlight = Object.assign(new Error('x'), { name: 'IdempotencyAlreadyInProgressError' });
    expect(toProblem(reused)?.status).toBe(422);
    expect(toProblem(inFlight)?.status).toBe(409);
  });

  it('leaves unknown errors unmapped (they become a 500 without detail)', () => {
    expect(toProblem(new TypeError('boom'))).toBeUndefined();
  });

  it('gives 429 a whole-second Retry-After of at least one', () => {
    expect(tooManyRequests(0.2).headers['retry-after']).toBe('1');
    expect(tooManyRequests(41.5).headers['retry-after']).toBe('42');
  });
});
