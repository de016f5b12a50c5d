import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateSigningKey, signJwt } from '../../../local/api/identity/signing-key';
import { cookieOf, pageRequester, signInThroughForm } from '../../support/page-client';
import { startTestApi, type TestApi } from '../api/harness';

// What an attacker tries against the public port (issue 15, Exposure): redirects off-site, header
// injection, framing, forged tokens, broken credentials, the local user pool's admin calls.

let api: TestApi;
const request = pageRequester(() => api.url);

beforeAll(async () => {
  api = await startTestApi('hostile-requests');
});
afterAll(async () => {
  await api?.close();
});

function password(username: string): string {
  return api.demo.staff.find((member) => member.username === username)!.password;
}

/** A Location the browser would follow to this service only. */
function staysOnSite(location: string | null): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a control character is what breaks a header
  if (!location || /[\u0000-\u001f\u007f]/.test(location)) return false;
  const origin = 'https://service.example';
  return location.startsWith('/') && new URL(location, origin).origin === origin;
}

const HOSTILE_NEXT = [
  '/\t/evil.example/path',
  '/%09/evil.example/path',
  '//evil.example/',
  '/\\evil.example',
  '/.//evil.example',
  '/\r\nset-cookie: stolen=1',
  '/tasks\nx-injected: 1',
  'https://evil.example/',
  'javascript:alert(1)',
];

describe('sign-in redirects', () => {
  it.each(HOSTILE_NEXT)('never leaves the service after signing in (next = %j)', async (next) => {
    // Act
    const { answer } = await signInThroughForm(request, 'hub-charnwood', password('hub-charnwood'), next);
    // Assess
    expect(answer.status).toBe(303);
    expect(staysOnSite(answer.location)).toBe(true);
    // Act: already signed in, GET /sign-in?next=... redirects straight away
    const again = await request('GET', `/sign-in?next=${encodeURIComponent(next)}`, {
      cookie: cookieOf(answer.setCookie),
    });
    expect(again.status).toBe(303);
    expect(staysOnSite(again.location)).toBe(true);
  });

  it('keeps a path of this service, with its query', async () => {
    const { answer } = await signInThroughForm(
      request,
      'hub-charnwood',
      password('hub-charnwood'),
      '/tasks?type=consent',
    );
    expect(answer.location).toBe('/tasks?type=consent');
  });

  it('answers a raw tab or newline in next without breaking the response', async () => {
    for (const raw of ['/%09/evil.example/path', '/%0d%0aset-cookie:%20x=1']) {
      const answer = await request('GET', `/sign-in?next=${raw}`);
      expect(answer.status).toBe(200);
      expect(answer.text).not.toContain('evil.example');
    }
  });
});

describe('headers on every answer', () => {
  it('sends HSTS on API, page, asset, problem, token and unmatched answers', async () => {
    const answers = await Promise.all([
      fetch(`${api.url}/openapi.json`),
      fetch(`${api.url}/docs`),
      fetch(`${api.url}/sign-in`),
      fetch(`${api.url}/v1/tasks`),
      fetch(`${api.url}/no-such-page`),
      fetch(`${api.url}/oauth2/token`, { method: 'POST' }),
      fetch(`${api.url}/v1/self-referrals`, { method: 'POST', body: '{' }),
    ]);
    for (const answer of answers) {
      expect(answer.headers.get('strict-transport-security'), answer.url).toMatch(/max-age=\d{8,}/);
      await answer.arrayBuffer();
    }
  });

  it('does not let another site frame /docs', async () => {
    const answer = await fetch(`${api.url}/docs`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-frame-options')).toBe('DENY');
    expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});

describe('tokens and credentials', () => {
  it('refuses a correctly signed staff token that has no expiry', async () => {
    // Prepare: the local issuer's own key signs a token that never expires
    const key = loadOrCreateSigningKey(join(api.dataDir, 'identity', 'signing-key.json'));
    const genuine = await api.staffToken('hub-charnwood');
    const claims = JSON.parse(Buffer.from(genuine.split('.')[1]!, 'base64url').toString('utf8'));
    delete claims.exp;
    const forever = signJwt(key, claims);
    // Act
    const withGenuine = await api.call('GET', '/v1/tasks', { token: genuine });
    const withForever = await api.call('GET', '/v1/tasks', { token: forever });
    // Assess
    expect(withGenuine.status).toBe(200);
    expect(withForever.status).toBe(401);
  });

  it('answers malformed Basic credentials at /oauth2/token with 401, not 502', async () => {
    const broken = ['%E0%A4%A:secret', 'client:%zz', '%', 'no-colon'];
    for (const pair of broken) {
      const answer = await fetch(`${api.url}/oauth2/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(pair).toString('base64')}`,
        },
        body: 'grant_type=client_credentials',
      });
      expect(answer.status, pair).toBe(401);
      expect(((await answer.json()) as { error: string }).error).toBe('invalid_client');
    }
  });

  it('does not answer the local user pool admin calls on the public port', async () => {
    const poolId = process.env.USER_POOL_ID;
    for (const target of ['AdminCreateUser', 'AdminSetUserPassword', 'CreateUserPoolClient', 'ListUsers']) {
      const answer = await fetch(`${api.url}/`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `AWSCognitoIdentityProviderService.${target}`,
        },
        body: JSON.stringify({
          UserPoolId: poolId,
          Username: 'intruder',
          Password: 'Intruder-1!',
          Permanent: true,
        }),
      });
      expect(answer.status, target).toBeGreaterThanOrEqual(400);
      expect(answer.status, target).toBeLessThan(500);
      await answer.arrayBuffer();
    }
    expect(api.server.userPool.hasUser('intruder')).toBe(false);
  });
});
