import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filledSelfReferralForm, validPartnerReferral } from '../../support/fixtures';
import { startTestApi, type TestApi } from '../api/harness';

// Limits per caller, not per route (issue 15): one client guessing passwords or flooding the public
// forms is refused with 429 and Retry-After, while everyone else signs in and refers as usual; a
// username guessed at too often is locked for a while, whoever asks; a self-referral that fails
// validation does not use up the family's attempts.

const IP_LIMIT = 6;
const FAILURE_LIMIT = 3;
const SELF_REFERRAL_LIMIT = 2;
const ONE_BILLION_SECONDS = 1_000_000_000;

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi('sign-in-limits', {
    env: {
      SIGN_IN_RATE_LIMIT: String(IP_LIMIT),
      SIGN_IN_FAILURE_LIMIT: String(FAILURE_LIMIT),
      SELF_REFERRAL_RATE_LIMIT: String(SELF_REFERRAL_LIMIT),
      // Windows are fixed and aligned to the wall clock: with the defaults (5 and 15 minutes) a test's
      // requests straddled a window's edge now and then, and the count began again. Windows of about
      // 31 years (edges in 2001 and 2033) keep each test's requests in one.
      SIGN_IN_RATE_WINDOW_SECONDS: String(ONE_BILLION_SECONDS),
      SIGN_IN_LOCKOUT_SECONDS: String(ONE_BILLION_SECONDS),
      SELF_REFERRAL_RATE_WINDOW_SECONDS: String(ONE_BILLION_SECONDS),
    },
    engine: true,
  });
});
afterAll(async () => {
  await api?.close();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A request from a given loopback address: each address is another caller. */
function from(
  ip: string,
  method: string,
  path: string,
  options: { json?: unknown; form?: Record<string, string>; cookie?: string } = {},
): Promise<Answer> {
  const url = new URL(path, api.url);
  const body =
    options.json !== undefined
      ? JSON.stringify(options.json)
      : options.form
        ? new URLSearchParams(options.form).toString()
        : undefined;
  return new Promise((resolve, reject) => {
    const sent = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method,
        localAddress: ip,
        headers: {
          ...(options.json !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(options.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          ...(options.cookie ? { cookie: options.cookie } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}

/** The sign-in or self-referral page's cookie and CSRF token, fetched from that caller's address. */
async function formFrom(ip: string, path: string) {
  const page = await from(ip, 'GET', path);
  const setCookie = page.headers['set-cookie'];
  const cookie = String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
  return { cookie, csrf };
}

function password(username: string): string {
  return api.demo.staff.find((member) => member.username === username)!.password;
}

function expectTooMany(answer: Answer) {
  expect(answer.status).toBe(429);
  expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
}

describe('POST /v1/session', () => {
  it('limits one caller without locking anyone else out', async () => {
    // Act: one address tries many usernames
    const answers: Answer[] = [];
    for (let attempt = 0; attempt <= IP_LIMIT; attempt += 1) {
      answers.push(
        await from('127.0.0.2', 'POST', '/v1/session', {
          json: { username: `nobody-${attempt}`, password: 'wrong-password' },
        }),
      );
    }
    const colleague = await from('127.0.0.3', 'POST', '/v1/session', {
      json: { username: 'duty', password: password('duty') },
    });
    // Assess
    expect(answers.slice(0, IP_LIMIT).map((answer) => answer.status)).toEqual(Array(IP_LIMIT).fill(401));
    expectTooMany(answers.at(-1)!);
    expect(answers.at(-1)!.headers['content-type']).toBe('application/problem+json');
    expect(colleague.status).toBe(201);
  });

  it('locks a username after repeated failures from anywhere, even for the right password', async () => {
    // Act
    const failures: Answer[] = [];
    for (let attempt = 0; attempt < FAILURE_LIMIT; attempt += 1) {
      failures.push(
        await from(`127.0.1.${attempt + 1}`, 'POST', '/v1/session', {
          json: { username: 'hub-blaby', password: 'wrong-password' },
        }),
      );
    }
    const locked = await from('127.0.2.1', 'POST', '/v1/session', {
      json: { username: 'hub-blaby', password: password('hub-blaby') },
    });
    const other = await from('127.0.2.1', 'POST', '/v1/session', {
      json: { username: 'hub-melton', password: password('hub-melton') },
    });
    // An unknown username locks the same way, so a lockout says nothing about who exists.
    for (let attempt = 0; attempt < FAILURE_LIMIT; attempt += 1) {
      await from(`127.0.3.${attempt + 1}`, 'POST', '/v1/session', {
        json: { username: 'no-such-person', password: 'wrong-password' },
      });
    }
    const unknownLocked = await from('127.0.3.9', 'POST', '/v1/session', {
      json: { username: 'no-such-person', password: 'wrong-password' },
    });
    // Assess
    expect(failures.map((answer) => answer.status)).toEqual(Array(FAILURE_LIMIT).fill(401));
    expectTooMany(locked);
    expect(other.status).toBe(201);
    expectTooMany(unknownLocked);
    expect(JSON.parse(unknownLocked.text).detail).toBe(JSON.parse(locked.text).detail);
  });
});

describe('POST /sign-in (the staff pages)', () => {
  it('limits one caller per address, answering 429 with Retry-After', async () => {
    const { cookie, csrf } = await formFrom('127.0.4.1', '/sign-in');
    const answers: Answer[] = [];
    for (let attempt = 0; attempt <= IP_LIMIT; attempt += 1) {
      answers.push(
        await from('127.0.4.1', 'POST', '/sign-in', {
          cookie,
          form: { _csrf: csrf, username: `nobody-${attempt}`, password: 'wrong-password' },
        }),
      );
    }
    expect(answers.slice(0, IP_LIMIT).map((answer) => answer.status)).toEqual(Array(IP_LIMIT).fill(422));
    expectTooMany(answers.at(-1)!);
    expect(answers.at(-1)!.text).toContain('try again');
    // Another address signs in
    const other = await formFrom('127.0.4.2', '/sign-in');
    const signedIn = await from('127.0.4.2', 'POST', '/sign-in', {
      cookie: other.cookie,
      form: { _csrf: other.csrf, username: 'senior-blaby', password: password('senior-blaby') },
    });
    expect(signedIn.status).toBe(303);
  });

  it('locks the username the pages are guessing at too', async () => {
    const { cookie, csrf } = await formFrom('127.0.5.1', '/sign-in');
    for (let attempt = 0; attempt < FAILURE_LIMIT; attempt += 1) {
      await from('127.0.5.1', 'POST', '/sign-in', {
        cookie,
        form: { _csrf: csrf, username: 'fsw-blaby', password: 'wrong-password' },
      });
    }
    const locked = await from('127.0.5.1', 'POST', '/sign-in', {
      cookie,
      form: { _csrf: csrf, username: 'fsw-blaby', password: password('fsw-blaby') },
    });
    expectTooMany(locked);
  });
});

describe('self-referrals', () => {
  it('counts only referrals that pass validation, API and form alike', async () => {
    // Act: the API
    const invalid: Answer[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      invalid.push(await from('127.0.6.1', 'POST', '/v1/self-referrals', { json: { reason: '' } }));
    }
    const body = validPartnerReferral();
    body.referrer = { name: 'Alex Example', phone: '07700 900123' };
    const accepted: Answer[] = [];
    for (let attempt = 0; attempt < SELF_REFERRAL_LIMIT; attempt += 1) {
      accepted.push(await from('127.0.6.1', 'POST', '/v1/self-referrals', { json: body }));
    }
    const limited = await from('127.0.6.1', 'POST', '/v1/self-referrals', { json: body });
    // Assess
    expect(invalid.map((answer) => answer.status)).toEqual([422, 422, 422]);
    expect(accepted.map((answer) => answer.status)).toEqual([201, 201]);
    expectTooMany(limited);
    // Act: the public form, from another address
    const { cookie, csrf } = await formFrom('127.0.6.2', '/self-referral');
    const emptyForms: Answer[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      emptyForms.push(
        await from('127.0.6.2', 'POST', '/self-referral', {
          cookie,
          form: { _csrf: csrf, action: 'submit' },
        }),
      );
    }
    expect(emptyForms.map((answer) => answer.status)).toEqual([422, 422, 422]);
    for (let attempt = 0; attempt < SELF_REFERRAL_LIMIT; attempt += 1) {
      expect((await from('127.0.6.2', 'POST', '/v1/self-referrals', { json: body })).status).toBe(201);
    }
    const pageLimited = await from('127.0.6.2', 'POST', '/self-referral', {
      cookie,
      form: {
        _csrf: csrf,
        action: 'submit',
        ...filledSelfReferralForm({
          childName: 'Robin',
          address: { line1: '2 Sample Lane', town: 'Melton Mowbray', postcode: 'LE13 1AA' },
          locality: 'melton',
          reason: 'Behind with the rent.',
        }),
      },
    });
    expectTooMany(pageLimited);
  });
});
