import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCase } from '../../../shared/adapters/data/cases';
import { cookieOf, csrfOf, pageRequester, signInThroughForm } from '../../support/page-client';
import { allocatedCase } from '../../support/records';
import { startTestApi, type TestApi } from '../api/harness';

// The case page's actions over HTTP against the real local server: each form is checked with the
// API's schemas, refusals change nothing, and only those the access rules allow see the forms.

let api: TestApi;
const request = pageRequester(() => api.url);

beforeAll(async () => {
  api = await startTestApi('pages-case-actions', { inbox: true });
});

afterAll(async () => {
  await api?.close();
});

const allocatedInBlaby = () => allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');

const sessions = new Map<string, string>();
async function cookieFor(username: string): Promise<string> {
  const known = sessions.get(username);
  if (known) return known;
  const password = api.demo.staff.find((member) => member.username === username)!.password;
  const { answer } = await signInThroughForm(request, username, password);
  const cookie = cookieOf(answer.setCookie);
  sessions.set(username, cookie);
  return cookie;
}

async function postAction(username: string, caseId: string, action: string, form: Record<string, string>) {
  const cookie = await cookieFor(username);
  const page = await request('GET', `/cases/${caseId}/${action}`, { cookie });
  expect(page.status).toBe(200);
  return request('POST', `/cases/${caseId}/${action}`, {
    cookie,
    form: { _csrf: csrfOf(page.text), ...form },
  });
}

describe('case actions from the case page', () => {
  it("lists only the actions the caller's role allows", async () => {
    const record = await allocatedInBlaby();
    const worker = await request('GET', `/cases/${record.id}`, { cookie: await cookieFor('fsw-blaby') });
    const senior = await request('GET', `/cases/${record.id}`, { cookie: await cookieFor('senior-blaby') });
    expect(worker.text).toContain(`/cases/${record.id}/step-up`);
    expect(worker.text).not.toContain(`/cases/${record.id}/transfer`);
    expect(senior.text).toContain(`/cases/${record.id}/transfer`);
    expect(senior.text).toContain(`/cases/${record.id}/extend-support`);
  });

  it('steps a case up from the form, then says so on the case page', async () => {
    const record = await allocatedInBlaby();
    const answer = await postAction('senior-blaby', record.id, 'step-up', {
      reason: 'Disclosure at school.',
    });
    expect(answer.status).toBe(303);
    expect(answer.location).toBe(`/cases/${record.id}?done=step-up`);
    expect((await getCase(api.tables.db, record.id))?.status).toBe('STEPPED_UP');
    const page = await request('GET', answer.location!, { cookie: await cookieFor('senior-blaby') });
    expect(page.text).toContain('The case was stepped up to children');
    expect(page.text).toContain('govuk-notification-banner--success');
    expect(page.text).not.toContain('Change the case');
  });

  it('shows the error summary and inline error for a missing reason, and changes nothing', async () => {
    const record = await allocatedInBlaby();
    const answer = await postAction('fsw-blaby', record.id, 'withdraw', { reason: '' });
    expect(answer.status).toBe(422);
    expect(answer.text).toContain('govuk-error-summary');
    expect(answer.text).toContain('href="#reason"');
    expect(answer.text).toContain('Enter a reason');
    expect((await getCase(api.tables.db, record.id))?.status).toBe('ALLOCATED');
  });

  it('transfers to another locality chosen by radio', async () => {
    const record = await allocatedInBlaby();
    const answer = await postAction('senior-blaby', record.id, 'transfer', { toLocality: 'melton' });
    // Out of the senior's area: the confirmation comes at once, not the case page they can't see.
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('The case was transferred.');
    const stored = await getCase(api.tables.db, record.id);
    expect(stored?.locality).toBe('melton');
    expect(stored?.keyWorkerId).toBe('fsw-melton');
  });

  it('refuses an extension for a case not in support with a 409 and a plain message', async () => {
    const record = await allocatedInBlaby();
    const answer = await postAction('senior-blaby', record.id, 'extend-support', {
      'until-day': '31',
      'until-month': '12',
      'until-year': '2027',
    });
    expect(answer.status).toBe(409);
    expect(answer.text).toContain('Support can only be extended while the family is in support.');
  });

  it('answers 404 to a worker asking for a form their role may not use, and to another locality', async () => {
    const record = await allocatedInBlaby();
    const transfer = await request('GET', `/cases/${record.id}/transfer`, {
      cookie: await cookieFor('fsw-blaby'),
    });
    const melton = await request('GET', `/cases/${record.id}/step-up`, {
      cookie: await cookieFor('senior-melton'),
    });
    const unknown = await request('GET', `/cases/${record.id}/delete`, {
      cookie: await cookieFor('senior-blaby'),
    });
    expect(transfer.status).toBe(404);
    expect(melton.status).toBe(404);
    expect(unknown.status).toBe(404);
  });
});
