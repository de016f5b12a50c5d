import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setClockSource, useFixedClock } from '../../../shared/core/clock';
import { totpCode } from '../../../shared/adapters/identity/authenticator';
import { cookieOf, csrfOf, pageRequester, signInThroughForm } from '../../support/page-client';
import { startTestApi, type TestApi } from '../api/harness';

// The sign-in page's first-sign-in steps over plain HTTP against the real local server: each step is
// a form posted back with the challenge reference, which only the browser that signed in can use.

let api: TestApi;
const TEMPORARY = 'temporary-password-1';
const request = pageRequester(() => api.url);

beforeAll(async () => {
  api = await startTestApi('pages-first-sign-in');
});
afterAll(async () => {
  await api?.close();
});
afterEach(() => setClockSource(undefined));

const referenceOf = (html: string) => /name="challenge" value="([^"]+)"/.exec(html)?.[1];
const secretOf = (html: string) => /id="authenticator-secret">([^<]+)</.exec(html)![1]!.replaceAll(' ', '');

async function firstSignIn(username: string, options: { temporary?: boolean; mfa?: boolean }) {
  await api.server.userPool.setPassword(username, TEMPORARY, !options.temporary);
  api.server.userPool.requireMfa(username, Boolean(options.mfa));
  const { anonymous, answer } = await signInThroughForm(request, username, TEMPORARY);
  return { cookie: anonymous, answer };
}

describe('first sign-in on the pages', () => {
  it('asks for a new password, checks the two match and shows the pool rules it broke', async () => {
    // Prepare
    const { cookie, answer } = await firstSignIn('hub-melton', { temporary: true });
    const challenge = referenceOf(answer.text)!;
    const post = (form: Record<string, string>) =>
      request('POST', '/sign-in', { cookie, form: { _csrf: csrfOf(answer.text), challenge, ...form } });

    // Act
    const mismatch = await post({ newPassword: 'a long new password', confirmPassword: 'another one' });
    const tooShort = await post({ newPassword: 'short', confirmPassword: 'short' });
    const done = await post({ newPassword: 'a long new password', confirmPassword: 'a long new password' });

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('<h1 class="govuk-heading-l">Choose a new password</h1>');
    expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(mismatch.status).toBe(422);
    expect(mismatch.text).toContain('href="#confirmPassword"');
    expect(mismatch.text).toContain('The passwords do not match');
    expect(tooShort.status).toBe(422);
    expect(tooShort.text).toContain('href="#newPassword"');
    expect(tooShort.text).toContain('meets the rules: Password not long enough');
    expect(done.status).toBe(303);
    expect(done.location).toBe('/tasks');
    expect(cookieOf(done.setCookie)).not.toBe(cookie);
  });

  it('will not continue a sign-in from another browser, even with a valid form of its own', async () => {
    // Prepare
    const { answer } = await firstSignIn('senior-melton', { mfa: true });
    const secret = secretOf(answer.text);
    const otherForm = await request('GET', '/sign-in');

    // Act
    const stolen = await request('POST', '/sign-in', {
      cookie: cookieOf(otherForm.setCookie),
      form: { _csrf: csrfOf(otherForm.text), challenge: referenceOf(answer.text)!, code: totpCode(secret) },
    });

    // Assess
    expect(stolen.status).toBe(422);
    expect(stolen.text).toContain('Your sign-in could not be continued. Sign in again');
    expect(stolen.setCookie).toBeNull();
  });

  it('sends a sign-in that took too long back to the password, saying why', async () => {
    // Prepare
    const clock = useFixedClock(new Date());
    const { cookie, answer } = await firstSignIn('manager-melton', { mfa: true });
    clock.advance(11 * 60_000);

    // Act
    const late = await request('POST', '/sign-in', {
      cookie,
      form: {
        _csrf: csrfOf(answer.text),
        challenge: referenceOf(answer.text)!,
        code: totpCode(secretOf(answer.text)),
      },
    });

    // Assess
    expect(late.status).toBe(422);
    expect(late.text).toContain('<h1 class="govuk-heading-l">Sign in</h1>');
    expect(late.text).toContain('Your sign-in took too long to finish');
    expect(late.text).toContain('href="#username"');
  });
});
