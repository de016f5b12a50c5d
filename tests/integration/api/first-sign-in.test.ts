import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setClockSource, useFixedClock } from '../../../shared/core/clock';
import { totpCode } from '../../../shared/adapters/identity/authenticator';
import { signInChallengeKey } from '../../../shared/adapters/data/keys';
import { verifyStaffToken } from '../../../shared/adapters/identity/tokens';
import { startTestApi, type TestApi } from './harness';

// A first sign-in through POST /v1/session against the local user pool, which sets the same
// challenges as Cognito: a temporary password to change, an authenticator app to set up, a code.

let api: TestApi;
const TEMPORARY = 'temporary-password-1';

beforeAll(async () => {
  api = await startTestApi('first-sign-in');
});

afterAll(async () => {
  await api?.close();
});

afterEach(() => setClockSource(undefined));

/** A demo member of staff no other test here uses, put back to a first sign-in. */
let nextMember = 0;
async function newcomer(options: { temporary?: boolean; mfa?: boolean }): Promise<string> {
  const candidates = api.demo.staff.filter((member) => !['duty', 'head', 'admin'].includes(member.username));
  const member = candidates[nextMember++];
  if (!member) throw new Error('not enough demo staff');
  await api.server.userPool.setPassword(member.username, TEMPORARY, !options.temporary);
  api.server.userPool.requireMfa(member.username, Boolean(options.mfa));
  return member.username;
}

const signIn = (username: string, password = TEMPORARY) =>
  api.call('POST', '/v1/session', { body: { username, password } });
const answer = (session: string, fields: { newPassword?: string; code?: string }) =>
  api.call('POST', '/v1/session', { body: { session, ...fields } });

describe('POST /v1/session: first sign-in challenges', () => {
  it('sets up the authenticator app: password, then mfa-setup, then a code signs in', async () => {
    // Prepare
    const username = await newcomer({ mfa: true });

    // Act
    const first = await signIn(username);
    const done = await answer(first.body.session, { code: totpCode(first.body.secretCode) });

    // Assess
    expect(first.status).toBe(401);
    expect(first.body).toMatchObject({
      type: 'urn:sfw:problem:sign-in-challenge',
      challenge: 'mfa-setup',
      secretCode: expect.stringMatching(/^[A-Z2-7]{32}$/),
    });
    expect(first.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/Supporting%20Families:/);
    expect(first.body.otpauthUri).toContain(`secret=${first.body.secretCode}`);
    // The reference is ours, not the pool's Session, and the table holds it only under a hash.
    expect(first.body.session).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(first.body)).not.toMatch(/poolSession/);
    expect(done.status).toBe(201);
    expect(await verifyStaffToken(done.body.token)).toEqual({ username });

    // The next sign-in asks for the code with the password, as for anyone with an app set up.
    const again = await signIn(username);
    expect(again.status).toBe(401);
    expect(again.body.errors[0]).toMatchObject({ path: 'code', rule: 'required' });
    const withCode = await api.call('POST', '/v1/session', {
      body: { username, password: TEMPORARY, code: totpCode(first.body.secretCode) },
    });
    expect(withCode.status).toBe(201);
  });

  it('changes a temporary password, then signs in with the new one', async () => {
    // Prepare
    const username = await newcomer({ temporary: true });

    // Act
    const first = await signIn(username);
    const tooShort = await answer(first.body.session, { newPassword: 'short' });
    const done = await answer(first.body.session, { newPassword: 'a brand new password' });
    const oldPassword = await signIn(username);
    const newPassword = await signIn(username, 'a brand new password');

    // Assess
    expect(first.status).toBe(401);
    expect(first.body).toMatchObject({ challenge: 'new-password' });
    expect(first.body.secretCode).toBeUndefined();
    expect(tooShort.status).toBe(422);
    expect(tooShort.body.errors[0]).toMatchObject({ path: 'newPassword', rule: 'password_policy' });
    expect(tooShort.body.errors[0].message).toMatch(/not long enough/);
    expect(done.status).toBe(201);
    expect(oldPassword.status).toBe(401);
    expect(newPassword.status).toBe(201);
  });

  it('chains a new password into the authenticator set-up under the same reference', async () => {
    // Prepare
    const username = await newcomer({ temporary: true, mfa: true });

    // Act
    const first = await signIn(username);
    const second = await answer(first.body.session, { newPassword: 'another new password' });
    const done = await answer(second.body.session, { code: totpCode(second.body.secretCode) });

    // Assess
    expect(first.body.challenge).toBe('new-password');
    expect(second.status).toBe(401);
    expect(second.body).toMatchObject({ challenge: 'mfa-setup', session: first.body.session });
    expect(done.status).toBe(201);
  });

  it('takes a wrong code as a field error, keeps the set-up and accepts the right code after', async () => {
    // Prepare
    const username = await newcomer({ mfa: true });
    const first = await signIn(username);
    const right = totpCode(first.body.secretCode);
    const wrong = right === '000000' ? '111111' : '000000';

    // Act
    const mistaken = await answer(first.body.session, { code: wrong });
    const notDigits = await api.call('POST', '/v1/session', {
      body: { session: first.body.session, code: '12ab' },
    });
    const done = await answer(first.body.session, { code: totpCode(first.body.secretCode) });

    // Assess
    expect(mistaken.status).toBe(422);
    expect(mistaken.body).toMatchObject({ challenge: 'mfa-setup', session: first.body.session });
    expect(mistaken.body.errors[0]).toMatchObject({ path: 'code', rule: 'mismatch' });
    expect(notDigits.status).toBe(422);
    expect(notDigits.body.errors[0]).toMatchObject({ path: 'code' });
    expect(done.status).toBe(201);
  });

  it('drops the set-up after too many wrong codes', async () => {
    const username = await newcomer({ mfa: true });
    const first = await signIn(username);
    const wrong = totpCode(first.body.secretCode) === '000000' ? '111111' : '000000';

    const answers = [];
    for (let attempt = 0; attempt < 5; attempt++)
      answers.push(await answer(first.body.session, { code: wrong }));

    expect(answers.slice(0, 4).map((entry) => entry.status)).toEqual([422, 422, 422, 422]);
    expect(answers[4]!.status).toBe(401);
    expect(answers[4]!.body.errors[0]).toMatchObject({ path: 'session', rule: 'attempts' });
  });

  it('answers an unknown or expired reference with a clear error, and removes the expired one', async () => {
    // Prepare
    const username = await newcomer({ mfa: true });
    const clock = useFixedClock(new Date());
    const first = await signIn(username);
    clock.advance(11 * 60_000);

    // Act
    const expired = await answer(first.body.session, { code: '123456' });
    const unknown = await answer('A'.repeat(43), { code: '123456' });
    const malformed = await answer('not-a-reference', { code: '123456' });

    // Assess
    expect(expired.status).toBe(401);
    expect(expired.body.errors[0]).toMatchObject({ path: 'session', rule: 'expired' });
    expect(expired.body.detail).toMatch(/sign in with your password again/);
    expect(unknown.status).toBe(401);
    expect(unknown.body.errors[0]).toMatchObject({ path: 'session', rule: 'unknown' });
    expect(malformed.status).toBe(422);
    expect(malformed.body.errors[0]).toMatchObject({ path: 'session' });
    const left = await api.tables.db.client.send(
      new ScanCommand({
        TableName: api.tables.db.tableName,
        FilterExpression: 'begins_with(pk, :signin)',
        ExpressionAttributeValues: { ':signin': signInChallengeKey('').pk },
      }),
    );
    expect(left.Items ?? []).toEqual([]);
  });

  it('keeps the demo users signing in with their password alone', async () => {
    const member = api.demo.staff.find((entry) => entry.username === 'duty')!;
    const answerToDemo = await signIn('duty', member.password);
    expect(answerToDemo.status).toBe(201);
  });
});
