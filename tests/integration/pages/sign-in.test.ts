import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieOf, csrfOf, pageRequester, signInThroughForm } from '../../support/page-client';
import { startTestApi, type TestApi } from '../api/harness';

// The pages' sign-in, session and CSRF rules over HTTP against the real local server and tables.

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi('pages-sign-in');
});
afterAll(async () => {
  await api?.close();
});

const request = pageRequester(() => api.url);
const signIn = (username: string, password: string, next = '') =>
  signInThroughForm(request, username, password, next);

function password(username: string): string {
  return api.demo.staff.find((member) => member.username === username)!.password;
}

describe('sign in and sign out', () => {
  it('sends a signed-out visitor of a staff page to sign in, changing nothing', async () => {
    // Act
    const answer = await request('GET', '/tasks?type=consent');
    // Assess
    expect(answer.status).toBe(303);
    expect(answer.location).toBe('/sign-in?next=%2Ftasks%3Ftype%3Dconsent');
  });

  it('signs in with the demo credentials under a fresh session id, then back to the page asked for', async () => {
    // Act
    const { anonymous, answer } = await signIn('hub-charnwood', password('hub-charnwood'), '/tasks');
    // Assess
    expect(answer.status).toBe(303);
    expect(answer.location).toBe('/tasks');
    expect(answer.setCookie).toMatch(/^sfw-session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(cookieOf(answer.setCookie)).not.toBe(anonymous);
    const tasks = await request('GET', '/tasks', { cookie: cookieOf(answer.setCookie) });
    expect(tasks.status).toBe(200);
    expect(tasks.text).toContain('Signed in as hub-charnwood');
    expect(tasks.text).toContain('<h1 class="govuk-heading-l">My tasks</h1>');
  });

  it('answers a wrong password with the GOV.UK error summary, never saying which part was wrong', async () => {
    // Act
    const { answer } = await signIn('hub-charnwood', 'not-the-password');
    // Assess
    expect(answer.status).toBe(422);
    expect(answer.text).toContain('govuk-error-summary');
    expect(answer.text).toContain('Enter a correct username, password');
    expect(answer.text).toContain('<title>Error: Sign in');
  });

  it('refuses a POST whose CSRF token is missing, wrong or from another session', async () => {
    // Prepare
    const form = await request('GET', '/sign-in');
    const other = await request('GET', '/sign-in');
    const cookie = cookieOf(form.setCookie);
    const fields = { username: 'hub-charnwood', password: password('hub-charnwood') };
    // Act
    const missing = await request('POST', '/sign-in', { cookie, form: fields });
    const foreign = await request('POST', '/sign-in', {
      cookie,
      form: { ...fields, _csrf: csrfOf(other.text) },
    });
    const noCookie = await request('POST', '/sign-in', { form: { ...fields, _csrf: csrfOf(form.text) } });
    const crossSite = await request('POST', '/sign-in', {
      cookie,
      form: { ...fields, _csrf: csrfOf(form.text) },
      headers: { origin: 'https://evil.example' },
    });
    // Assess
    for (const answer of [missing, foreign, noCookie, crossSite]) {
      expect(answer.status).toBe(403);
      expect(answer.text).toContain('This form could not be sent');
      // Nothing was signed in: whatever cookie the refusal carries opens no staff page.
      const after = await request('GET', '/tasks', {
        cookie: answer.setCookie ? cookieOf(answer.setCookie) : cookie,
      });
      expect(after.status).toBe(303);
    }
  });

  it('ends the session on sign out: the old cookie no longer opens a page', async () => {
    // Prepare
    const { answer } = await signIn('duty', password('duty'));
    const cookie = cookieOf(answer.setCookie);
    const page = await request('GET', '/tasks', { cookie });
    // Act
    const out = await request('POST', '/sign-out', { cookie, form: { _csrf: csrfOf(page.text) } });
    // Assess
    expect(out.status).toBe(303);
    expect(out.location).toBe('/sign-in?note=signed-out');
    expect(out.setCookie).toContain('Max-Age=0');
    const after = await request('GET', '/tasks', { cookie });
    expect(after.status).toBe(303);
    expect(after.location).toMatch(/^\/sign-in\?next=/);
  });

  it('never sends a visitor elsewhere after signing in', async () => {
    // Act
    const { answer } = await signIn('duty', password('duty'), 'https://evil.example/');
    // Assess
    expect(answer.location).toBe('/tasks');
  });
});

describe('static files', () => {
  it("serves GOV.UK Frontend's assets at /assets and its CSS and JS (an ES module) at /static", async () => {
    // Act
    const css = await fetch(`${api.url}/static/govuk-frontend.min.css`);
    const js = await fetch(`${api.url}/static/govuk-frontend.min.js`);
    const font = await fetch(`${api.url}/assets/fonts/bold-b542beb274-v2.woff2`);
    const manifest = await fetch(`${api.url}/assets/manifest.json`);
    const outside = await fetch(`${api.url}/static/..%2F..%2Fpackage.json`);
    const unknownType = await fetch(`${api.url}/static/template.njk`);
    // Assess
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(await js.text()).toMatch(/export\{[^}]*initAll/);
    expect(font.status).toBe(200);
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect(
      Buffer.from(await font.arrayBuffer())
        .subarray(0, 4)
        .toString('latin1'),
    ).toBe('wOF2');
    expect(manifest.status).toBe(200);
    expect(outside.status).toBe(404);
    expect(unknownType.status).toBe(404);
  });
});
