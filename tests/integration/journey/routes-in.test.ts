import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMetrics } from '../../../shared/adapters/data/metrics';
import { validPartnerReferral } from '../../support/fixtures';
import { cookieOf, csrfOf, pageRequester, signInThroughForm } from '../../support/page-client';
import { type PagesStack, startPagesStack } from '../../support/pages-stack';
import { expectNoPersonalData } from '../../support/journey-steps';

// Every route in (issue 17; seeds/002 §24 "single common referral process", seeds/004 §13). On the
// real local stack with the virtual clock: a duty officer records a contact through the staff API and
// it starts the journey at the screen like a partner's; children's social care steps a family down
// and the journey goes straight to the locality hub; who may do which is the access rules'.

describe('staff-entered referrals and step-downs', () => {
  let stack: PagesStack;

  beforeAll(async () => {
    // Wednesday 2 December 2026, 10:00 GMT
    stack = await startPagesStack({ startTime: '2026-12-02T10:00:00Z', label: 'journey-routes-in' });
  });
  afterAll(() => stack?.close());

  async function tokenOf(username: string): Promise<string> {
    const answer = await fetch(`${stack.url}/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: stack.password(username) }),
    });
    return ((await answer.json()) as { token: string }).token;
  }

  async function post(username: string, body: unknown, key: string) {
    const answer = await fetch(`${stack.url}/v1/staff-referrals`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await tokenOf(username)}`,
        'idempotency-key': key,
      },
      body: JSON.stringify(body),
    });
    await stack.journey.settle();
    return { status: answer.status, body: (await answer.json()) as Record<string, any> };
  }

  function referral(overrides: Record<string, unknown> = {}, tag = 'A') {
    const body: Record<string, any> = { ...validPartnerReferral(), receivedVia: 'phone', ...overrides };
    // Each its own child and address, so none is flagged as a duplicate of another.
    body.family.members[1].givenName = `Child${tag}`;
    body.family.address.line1 = `${tag} Test Road`;
    return body;
  }

  const stepDown = (tag: string, overrides: Record<string, unknown> = {}) => {
    const { receivedVia: _receivedVia, ...body } = referral(overrides, tag);
    return {
      ...body,
      route: 'step-down',
      stepDown: {
        summary: 'Child in need plan ended; family agrees to early help.',
        statutoryReference: 'CIN-4471',
      },
    };
  };

  it('a contact taken by phone: source staff, who entered it and how, the screen as for a partner; a retry is the same referral', async () => {
    const h = stack.journey;
    const body = referral({}, 'Phone');

    const first = await post('duty', body, 'staff-contact-0001');
    const retried = await post('duty', body, 'staff-contact-0001');

    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'RECEIVED', links: { case: `/v1/cases/${first.body.id}` } });
    expect(first.body.immediateRisk).toMatch(/999/);
    expect(retried.body.id).toBe(first.body.id);
    const record = await h.caseOf(first.body.id);
    expect(record.referral).toMatchObject({ source: 'staff', enteredBy: 'duty', receivedVia: 'phone' });
    expect(record.status).toBe('SCREENING');
    const screen = await h.openTask(record.id, 'safeguarding-screen');
    expect(screen.owner).toBe('role:duty-social-worker:county');
    const created = (await h.auditOf(record.id)).find((event) => event.action === 'case.created');
    expect(created?.actor).toMatchObject({ type: 'staff', id: 'duty' });
    expectNoPersonalData(await h.emails(), h.tokensSeen);
  });

  it('a hub coordinator records contacts for their own locality only; a contact says how it came in', async () => {
    const own = await post(
      'hub-charnwood',
      referral({ receivedVia: 'in-person' }, 'Hub'),
      'staff-contact-0002',
    );
    const other = await post(
      'hub-charnwood',
      referral({ locality: 'melton' }, 'Other'),
      'staff-contact-0003',
    );
    const worker = await post('fsw-charnwood', referral({}, 'Worker'), 'staff-contact-0004');
    const { receivedVia: _receivedVia, ...unsaid } = referral({}, 'Unsaid');
    const noChannel = await post('duty', unsaid, 'staff-contact-0005');

    expect(own.status).toBe(201);
    expect(other.status).toBe(403);
    expect(worker.status).toBe(403);
    expect(noChannel.status).toBe(422);
    expect(noChannel.body.errors).toContainEqual(
      expect.objectContaining({ path: 'receivedVia', rule: 'received_via_required' }),
    );
  });

  it('a step-down skips the screen: straight to the hub decision, marked as a step-down', async () => {
    const h = stack.journey;

    const answer = await post('duty', stepDown('Down'), 'staff-stepdown-0001');
    const refused = await post('hub-charnwood', stepDown('Hubdown'), 'staff-stepdown-0002');
    const urgent = await post(
      'duty',
      stepDown('Urgentdown', { immediateSafeguardingConcern: true }),
      'staff-stepdown-0003',
    );

    expect(answer.status).toBe(201);
    expect(refused.status).toBe(403);
    expect(urgent.status).toBe(422);
    expect(urgent.body.errors).toContainEqual(
      expect.objectContaining({ path: 'immediateSafeguardingConcern', rule: 'step_down_not_urgent' }),
    );
    const record = await h.caseOf(answer.body.id);
    expect(record.status).toBe('HUB_DECISION');
    expect(record.referral).toMatchObject({ source: 'staff', route: 'step-down' });
    const tasks = await h.tasksOf(record.id);
    expect(tasks.map((task) => task.type)).toEqual(['hub-decision']);
    expect(tasks[0]!.owner).toBe('role:hub-coordinator:charnwood');
    const moves = (await h.auditOf(record.id))
      .filter((event) => event.action === 'case.status-changed')
      .map((event) => `${event.fromStatus}>${event.toStatus}`);
    expect(moves).toEqual(['RECEIVED>HUB_DECISION']);

    // marked on the hub's task page and the case page; counted for the step-down rate
    const request = pageRequester(() => stack.url);
    const { answer: signedIn } = await signInThroughForm(
      request,
      'hub-charnwood',
      stack.password('hub-charnwood'),
    );
    const cookie = cookieOf(signedIn.setCookie);
    const taskPage = await request('GET', `/tasks/${tasks[0]!.id}`, { cookie });
    expect(taskPage.text).toContain('id="step-down-note"');
    expect(taskPage.text).toContain('Child in need plan ended; family agrees to early help.');
    const casePage = await request('GET', `/cases/${record.id}`, { cookie });
    expect(casePage.text).toMatch(
      /id="step-down">Step-down<\/strong> Step-down from children&#39;s social care/,
    );
    const detail = await fetch(`${stack.url}/v1/tasks/${tasks[0]!.id}`, {
      headers: { authorization: `Bearer ${await tokenOf('hub-charnwood')}` },
    });
    expect(await detail.json()).toMatchObject({ stepDown: true, caseComplexity: 'at-risk' });
    const counters = await getMetrics(h.tables.db, 'charnwood', '2026-27-Q3');
    expect(counters['referrals.stepDowns']).toBe(1);
  });

  it('a referral with one need is not refused: the hub sees it is below the threshold and the usual outcome', async () => {
    const h = stack.journey;
    const below = await h.refer({ locality: 'blaby', presentingNeeds: ['financial-difficulty'] });
    const atRisk = await h.refer({ locality: 'blaby', presentingNeeds: ['financial-difficulty', 'housing'] });
    for (const record of [below, atRisk]) {
      await h.complete(
        await h.openTask(record.id, 'safeguarding-screen'),
        { kind: 'system' },
        {
          decision: 'proceed',
          reason: 'No immediate risk.',
        },
      );
    }

    const request = pageRequester(() => stack.url);
    const { answer: signedIn } = await signInThroughForm(request, 'hub-blaby', stack.password('hub-blaby'));
    const cookie = cookieOf(signedIn.setCookie);
    const belowPage = await request('GET', `/tasks/${(await h.openTask(below.id, 'hub-decision')).id}`, {
      cookie,
    });
    const atRiskPage = await request('GET', `/tasks/${(await h.openTask(atRisk.id, 'hub-decision')).id}`, {
      cookie,
    });
    const token = await tokenOf('hub-blaby');
    const view = await fetch(`${stack.url}/v1/cases/${below.id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const task = async (caseId: string) => {
      const id = (await h.openTask(caseId, 'hub-decision')).id;
      const answer = await fetch(`${stack.url}/v1/tasks/${id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return (await answer.json()) as Record<string, unknown>;
    };

    expect(belowPage.text).toMatch(
      /id="below-threshold">[\s\S]*?1 need on the referral: family support is for families with 2 or more needs\. The usual outcome is to redirect to other early help or a single agency\./,
    );
    expect(belowPage.text).toContain('Below the threshold (fewer than 2 needs)');
    expect(belowPage.text).toContain('Usual below the threshold: other early help or a single agency');
    expect(atRiskPage.text).not.toContain('id="below-threshold"');
    expect(atRiskPage.text).not.toContain('Usual below the threshold');
    expect(atRiskPage.text).toContain('At risk (2 or more needs)');
    expect(((await view.json()) as { case: { complexity: string } }).case.complexity).toBe('below-threshold');
    expect(await task(below.id)).toMatchObject({
      caseStatus: 'HUB_DECISION',
      caseComplexity: 'below-threshold',
    });
    expect(await task(atRisk.id)).toMatchObject({ caseComplexity: 'at-risk' });
    expect(await task(atRisk.id)).not.toHaveProperty('stepDown');
  });

  it('the staff page records a step-down with the same rules, once however often it is sent', async () => {
    const h = stack.journey;
    const request = pageRequester(() => stack.url);
    const { answer: signedIn } = await signInThroughForm(request, 'duty', stack.password('duty'));
    const cookie = cookieOf(signedIn.setCookie);

    const form = await request('GET', '/referrals/new', { cookie });
    expect(form.status).toBe(200);
    expect(form.text).toContain('href="/referrals/new"');
    expect(form.text).toContain('value="step-down"');
    const fields = {
      _csrf: csrfOf(form.text),
      submissionKey: /name="submissionKey" value="([^"]+)"/.exec(form.text)![1]!,
      peopleCount: '3',
      route: 'step-down',
      'stepDown.summary': 'Child protection plan ended at review; early help agreed.',
      'referrer.name': 'Rowan Social',
      'referrer.organisation': "Children's Social Care",
      'referrer.role': 'Social worker',
      'referrer.phone': '0116 305 0005',
      'family.members.0.givenName': 'Alex',
      'family.members.0.familyName': 'Example',
      'family.members.0.dateOfBirth-day': '1',
      'family.members.0.dateOfBirth-month': '5',
      'family.members.0.dateOfBirth-year': '1990',
      'family.members.0.relationship': 'parent',
      'family.members.1.givenName': 'ChildPage',
      'family.members.1.familyName': 'Example',
      'family.members.1.dateOfBirth-day': '28',
      'family.members.1.dateOfBirth-month': '2',
      'family.members.1.dateOfBirth-year': '2015',
      'family.members.1.relationship': 'child',
      'family.address.line1': 'Page Test Road',
      'family.address.town': 'Loughborough',
      'family.address.postcode': 'LE11 3AB',
      locality: 'melton',
      presentingNeeds: 'housing',
      reason: 'Stepped down from a child protection plan.',
      immediateSafeguardingConcern: 'no',
      'consent.given': 'yes',
      'consent.date-day': '1',
      'consent.date-month': '12',
      'consent.date-year': '2026',
      'consent.givenBy': 'Alex Example',
      'consent.relationship': 'parent',
      action: 'submit',
    };

    const { 'stepDown.summary': _summary, ...withoutSummary } = fields;
    const refused = await request('POST', '/referrals/new', { cookie, form: withoutSummary });
    const sent = await request('POST', '/referrals/new', { cookie, form: fields });
    const again = await request('POST', '/referrals/new', { cookie, form: fields });
    await h.settle();

    expect(refused.status).toBe(422);
    expect(refused.text).toContain('govuk-error-summary');
    expect(refused.text).toContain('href="#stepDown-summary"');
    expect(sent.status).toBe(200);
    const reference = /id="reference">([^<]+)</.exec(sent.text)![1]!;
    expect(/id="reference">([^<]+)</.exec(again.text)![1]).toBe(reference);
    const caseId = /href="\/cases\/([0-9A-Z]{26})"/.exec(sent.text)![1]!;
    const record = await h.caseOf(caseId);
    expect(record.reference).toBe(reference);
    expect(record.status).toBe('HUB_DECISION');
    expect(record.referral).toMatchObject({ source: 'staff', enteredBy: 'duty', route: 'step-down' });
    expect((await h.tasksOf(caseId)).map((task) => task.type)).toEqual(['hub-decision']);
  });

  it('the page offers a hub coordinator contacts for their locality only, and nobody else the form', async () => {
    const request = pageRequester(() => stack.url);
    const hub = await signInThroughForm(request, 'hub-melton', stack.password('hub-melton'));
    const senior = await signInThroughForm(request, 'senior-melton', stack.password('senior-melton'));

    const hubForm = await request('GET', '/referrals/new', { cookie: cookieOf(hub.answer.setCookie) });
    const seniorForm = await request('GET', '/referrals/new', { cookie: cookieOf(senior.answer.setCookie) });

    expect(hubForm.status).toBe(200);
    expect(hubForm.text).not.toContain('value="step-down"');
    expect(hubForm.text).toContain('value="melton"');
    expect(hubForm.text).not.toContain('value="blaby"');
    expect(seniorForm.status).toBe(404);
    expect(seniorForm.text).not.toContain('href="/referrals/new"');
  });
});
