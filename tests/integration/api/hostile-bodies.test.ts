import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCasesByPartner } from '../../../shared/adapters/data/cases';
import { validPartnerReferral } from '../../support/fixtures';
import { startTestApi, type TestApi } from './harness';

// Property tests: random and hostile bodies never get a 5xx, and never leave a stored record.

let api: TestApi;
let police: string;
let keys = 0;

const ACCEPTABLE = [400, 403, 409, 413, 415, 422, 429];

async function storedCount(): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await listCasesByPartner(api.tables.db, 'demo-police', {
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    count += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}

// Values that have broken JSON handlers elsewhere: prototype keys, deep nesting, odd numbers, huge
// strings, control characters, lone surrogates.
const hostileValue = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    '\u0000',
    '\ud800',
    '<script>alert(1)</script>',
    "'; DROP TABLE cases; --",
    '${jndi:ldap://x}',
    '{{7*7}}',
    '$.referrer',
  ),
  fc.string({ maxLength: 40 }),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -0, 1e308, Number.MIN_VALUE),
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.constant({}), { maxLength: 3 }),
);

/** A valid referral with one field somewhere replaced by something hostile, or removed. */
const mutatedReferral = fc
  .tuple(
    fc.constantFrom(
      ['referrer', 'name'],
      ['referrer', 'email'],
      ['consent', 'given'],
      ['consent', 'date'],
      ['family', 'members'],
      ['family', 'address', 'postcode'],
      ['locality'],
      ['presentingNeeds'],
      ['reason'],
      ['immediateSafeguardingConcern'],
      ['__proto__'],
      ['partnerId'],
      ['source'],
    ),
    hostileValue,
    fc.boolean(),
  )
  .map(([path, value, remove]) => {
    const body = validPartnerReferral();
    let target: Record<string, any> = body;
    for (const key of path.slice(0, -1)) target = target[key];
    const last = path[path.length - 1];
    if (remove) delete target[last];
    else Object.defineProperty(target, last, { value, enumerable: true, writable: true, configurable: true });
    return JSON.stringify(body);
  });

const deepNesting = fc
  .integer({ min: 50, max: 5000 })
  .map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`);

const bodies = fc.oneof(
  fc.anything().map((value) => JSON.stringify(value) ?? 'null'),
  fc.json(),
  fc.string(),
  mutatedReferral,
  deepNesting,
  fc.constantFrom(
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"x":1}}}',
    '',
    ' ',
    '\u0000',
  ),
);

beforeAll(async () => {
  api = await startTestApi('hostile', { engine: true, env: { SELF_REFERRAL_RATE_LIMIT: '1000' } });
  police = await api.partnerToken('demo-police');
});

afterAll(async () => {
  await api?.close();
});

describe('hostile bodies', () => {
  it('POST /v1/referrals: no 5xx, and nothing stored unless the body was a valid referral', async () => {
    const before = await storedCount();
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(bodies, async (raw) => {
        keys += 1;
        const answer = await api.call('POST', '/v1/referrals', {
          token: police,
          raw,
          headers: { 'idempotency-key': `hostile-${keys}-key` },
        });
        if (answer.status === 201) accepted += 1;
        expect([201, ...ACCEPTABLE]).toContain(answer.status);
        if (answer.status !== 201)
          expect(answer.headers.get('content-type')).toBe('application/problem+json');
      }),
      { numRuns: 150 },
    );
    expect(await storedCount()).toBe(before + accepted);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('POST /v1/self-referrals and the staff routes: no 5xx', async () => {
    const hub = await api.staffToken('hub-blaby');
    await fc.assert(
      fc.asyncProperty(
        bodies,
        fc.constantFrom('/v1/self-referrals', '/v1/session', '/v1/tasks/01ARZ3NDEKTSV4RRFFQ69G5FAV/complete'),
        async (raw, path) => {
          const answer = await api.call('POST', path, {
            token: path.includes('tasks') ? hub : undefined,
            raw,
          });
          expect(answer.status, `${path} ${raw.slice(0, 80)}`).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
  });
});
