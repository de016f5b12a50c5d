import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validPartnerReferral } from '../../support/fixtures';
import { screen } from '../../support/journey-outcomes';
import { cookieOf, csrfOf, pageRequester, signInThroughForm } from '../../support/page-client';
import { type PagesStack, startPagesStack } from '../../support/pages-stack';
import { receiveReferral } from '../../../shared/domain/journey/referral';
import { listAuditEvents } from '../../../shared/adapters/data/audit';
import { getMetrics } from '../../../shared/adapters/data/metrics';

// One family, one record (issue 17; seeds/003: "a single view of the family"), on the real local stack:
// a family referred again after its case ended is matched to the ended record (a nickname and a
// swapped day and month of birth), the screen's page lists the earlier case with its outcome, the duty
// officer links it from the page and the API (once; audited), and both case pages show the link.

describe('a family referred again', () => {
  let stack: PagesStack;

  beforeAll(async () => {
    // Tuesday 3 November 2026, 10:00 GMT
    stack = await startPagesStack({ startTime: '2026-11-03T10:00:00Z', label: 'journey-family-match' });
  });
  afterAll(() => stack?.close());

  it('is matched to its ended record, linked from the screen, and both records show the link', async () => {
    const h = stack.journey;
    const duty = h.staffActor({ id: 'duty', role: 'duty-social-worker', area: 'county' } as never);
    // Prepare: the family's first referral, stepped up at its screen (the case ends)
    const first = await h.refer({ locality: 'melton' });
    await h.complete(await h.openTask(first.id, 'safeguarding-screen'), duty, screen.stepUp());
    expect((await h.caseOf(first.id)).status).toBe('STEPPED_UP');
    const [parent, child] = first.referral.family.members;

    // Act: referred again by another partner's words: a nickname, the day and month of birth swapped
    const body = validPartnerReferral();
    body.locality = 'melton';
    body.family = {
      members: [{ ...parent!, givenName: 'Alexander', dateOfBirth: '1990-01-05' }, { ...child! }],
      address: { line1: '77 Elsewhere Road', town: 'Melton Mowbray', postcode: 'LE13 0AA' },
    };
    const received = await receiveReferral(
      db(),
      body,
      { kind: 'partner', partnerId: 'demo-police' },
      h.now(),
    );
    await h.settle();
    const again = await h.caseOf(received.caseId);
    const task = await h.openTask(again.id, 'safeguarding-screen');

    // Assess: the ended record is a possible match (strong: the same child), and ended within twelve
    // months: a re-referral, counted once in the quarter and locality it was received in
    expect(again.possibleDuplicates).toEqual([first.id]);
    expect(again.reReferralOf).toBe(first.id);
    const counters = await getMetrics(db(), 'melton', '2026-27-Q3');
    expect(counters?.['referrals.reReferred']).toBe(1);
    expect(counters?.['referrals.received']).toBe(2);

    // Act / Assess: the screen's page lists it with its outcome and the Link and Dismiss buttons
    const request = pageRequester(() => stack.url);
    const { answer } = await signInThroughForm(request, 'duty', stack.password('duty'));
    const cookie = cookieOf(answer.setCookie);
    const page = await request('GET', `/tasks/${task.id}`, { cookie });
    expect(page.status).toBe(200);
    const table = /<table class="govuk-table" id="possible-matches"[\s\S]*?<\/table>/.exec(page.text)?.[0];
    expect(table).toContain(`href="/cases/${first.id}">${first.reference}</a>`);
    expect(table).toContain('stepped up');
    expect(table).toContain('>Strong</strong>');
    expect(table).toContain(`action="/cases/${again.id}/matches/${first.id}"`);
    const linked = await request('POST', `/cases/${again.id}/matches/${first.id}`, {
      cookie,
      form: { _csrf: csrfOf(page.text), decision: 'link', taskId: task.id },
    });
    expect(linked.status).toBe(303);
    expect(linked.location).toBe(`/tasks/${task.id}#possible-matches-heading`);
    const after = await request('GET', `/tasks/${task.id}`, { cookie });
    expect(after.text).toMatch(/data-match="[^"]+"[\s\S]*?>Linked<\/strong>/);

    // Act / Assess: the staff API says the same; the same decision again changes nothing, the other is 409
    const token = await staffToken('duty');
    const listed = await api('GET', `/v1/cases/${again.id}/matches`, token);
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({
      total: 1,
      items: [{ caseId: first.id, status: 'STEPPED_UP', strength: 'strong', decision: 'linked' }],
      linked: [{ caseId: first.id }],
    });
    const repeat = await api('POST', `/v1/cases/${again.id}/matches/${first.id}`, token, {
      decision: 'link',
    });
    expect(repeat).toMatchObject({ status: 200, body: { decision: 'linked', changed: false } });
    const contrary = await api('POST', `/v1/cases/${again.id}/matches/${first.id}`, token, {
      decision: 'dismiss',
    });
    expect(contrary.status).toBe(409);
    // A role that does not screen may not decide: answered as not found
    const worker = await api(
      'POST',
      `/v1/cases/${again.id}/matches/${first.id}`,
      await staffToken('senior-melton'),
      {
        decision: 'dismiss',
      },
    );
    expect(worker.status).toBe(404);

    // Assess: the earlier case's page shows the record linked to it; the audit trail has one link each side
    const earlier = await request('GET', `/cases/${first.id}`, { cookie });
    const linkedTable = /<table class="govuk-table" id="linked-records"[\s\S]*?<\/table>/.exec(
      earlier.text,
    )?.[0];
    expect(linkedTable).toContain(again.reference);
    for (const id of [again.id, first.id]) {
      const actions = (await h.auditOf(id)).map((event) => event.action);
      expect(actions.filter((action) => action === 'case.match-linked')).toHaveLength(1);
    }
  });

  it('is found by the staff search (API and page), only where the caller may open it, every search audited', async () => {
    const h = stack.journey;
    // Prepare: a family referred twice (its child written differently the second time)
    const first = await h.refer({ locality: 'blaby' });
    const [, child] = first.referral.family.members;
    const body = validPartnerReferral();
    body.locality = 'blaby';
    body.family = {
      members: [{ ...child!, givenName: child!.givenName.toUpperCase() }],
      address: first.referral.family.address,
    };
    const received = await receiveReferral(
      db(),
      body,
      { kind: 'partner', partnerId: 'demo-police' },
      h.now(),
    );
    await h.settle();
    const token = await staffToken('hub-blaby');

    // Act / Assess: by family name and date of birth, by reference, by postcode
    const byName = await api('POST', '/v1/search', token, {
      familyName: child!.familyName,
      dateOfBirth: child!.dateOfBirth,
    });
    expect(byName.status).toBe(200);
    const ids = (byName.body.items as { caseId: string }[]).map((item) => item.caseId).sort();
    expect(ids).toEqual([first.id, received.caseId].sort());
    const byReference = await api('POST', '/v1/search', token, { reference: first.reference });
    expect(byReference.body).toMatchObject({ items: [{ caseId: first.id, status: first.status }] });
    // Too little to search on is refused, naming what is needed
    const tooLittle = await api('POST', '/v1/search', token, { givenName: child!.givenName });
    expect(tooLittle.status).toBe(422);
    // Another locality's hub sees nothing of Blaby's families
    const elsewhere = await api('POST', '/v1/search', await staffToken('hub-melton'), {
      familyName: child!.familyName,
      dateOfBirth: child!.dateOfBirth,
    });
    expect(elsewhere.body.items).toEqual([]);

    // Act / Assess: the page, by the child's name
    const request = pageRequester(() => stack.url);
    const { answer } = await signInThroughForm(request, 'hub-blaby', stack.password('hub-blaby'));
    const cookie = cookieOf(answer.setCookie);
    const form = await request('GET', '/search', { cookie });
    expect(form.status).toBe(200);
    const found = await request('POST', '/search', {
      cookie,
      form: { _csrf: csrfOf(form.text), givenName: child!.givenName, familyName: child!.familyName },
    });
    expect(found.status).toBe(200);
    const table = /<table class="govuk-table" id="search-results"[\s\S]*?<\/table>/.exec(found.text)?.[0];
    expect(table).toContain(`href="/cases/${first.id}">${first.reference}</a>`);
    expect(table).toContain(`href="/cases/${received.caseId}"`);

    // Assess: each search audited under the searcher, without what was searched for
    const audit = (await listAuditEvents(db(), 'staff#hub-blaby')).items;
    expect(audit.filter((event) => event.action === 'search.performed')).toHaveLength(3);
    expect(audit[0]?.details).toMatchObject({ fields: 'familyName,dateOfBirth', results: 2 });
    const written = JSON.stringify(audit);
    expect(written).not.toContain(child!.familyName);
    expect(written).not.toContain(child!.givenName);
    expect(written).not.toContain(child!.dateOfBirth);
  });

  function db() {
    return stack.journey.tables.db;
  }

  async function staffToken(username: string): Promise<string> {
    const session = await fetch(`${stack.url}/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: stack.password(username) }),
    });
    return ((await session.json()) as { token: string }).token;
  }

  async function api(method: string, path: string, token: string, body?: unknown) {
    const answer = await fetch(`${stack.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
  }
});
