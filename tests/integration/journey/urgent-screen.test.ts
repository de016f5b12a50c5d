import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConfig } from '../../../shared/core/config';
import { cookieOf, pageRequester, signInThroughForm } from '../../support/page-client';
import { type PagesStack, startPagesStack } from '../../support/pages-stack';
import { screen } from '../../support/journey-outcomes';
import { expectNoPersonalData } from '../../support/journey-steps';

// Immediate safeguarding concerns never wait (issue 17; seeds/000 §5.16: "no delays in reporting an
// immediate safeguarding concern"; seeds/001 §6, seeds/004 §12: First Response is the county's front
// door). On the real local stack with the virtual clock: the urgent screen opens at once, due within
// a working hour; the duty team's email says URGENT and nothing personal; a screen not done by then
// goes to the duty manager, then the head of service; out of hours the emergency duty team is
// emailed at once; the duty team's lists (API and My tasks) show it first.

const DUTY = 'duty@demo.invalid';
const DUTY_MANAGER = 'duty-manager@demo.invalid';
const HEAD = 'head@demo.invalid';

describe('an urgent referral', () => {
  let stack: PagesStack;
  const outOfHours = getConfig().timescales.outOfHours.address;

  beforeAll(async () => {
    // Wednesday 3 June 2026, 10:00 BST
    stack = await startPagesStack({ startTime: '2026-06-03T09:00:00Z', label: 'journey-urgent-screen' });
  });
  afterAll(() => stack?.close());

  /** The emails about one case sent while the clock moves to `iso`, as `<to> <subject before the reference>`. */
  async function emailsOn(reference: string, iso?: string) {
    const before = (await stack.journey.emails()).length;
    if (iso) await stack.journey.advanceTo(iso);
    else await stack.journey.settle();
    return (await stack.journey.emails())
      .slice(before)
      .filter((email) => email.subject.includes(reference))
      .map((email) => `${email.destination.to.join(',')} ${email.subject.replace(`: ${reference}`, '')}`);
  }

  it('in working hours: an urgent screen due within the hour, first in the lists, escalated when late', async () => {
    const h = stack.journey;
    // Prepare: an ordinary referral first (its screen due the next working day), then an urgent one
    const ordinary = await h.refer({ locality: 'melton' });
    const ordinaryScreen = await h.openTask(ordinary.id, 'safeguarding-screen');
    const before = (await h.emails()).length;
    const referred = await h.refer({ locality: 'melton', immediateSafeguardingConcern: true });

    // Assess: the screen is urgent and due at 11:00 BST the same day
    const task = await h.openTask(referred.id, 'safeguarding-screen');
    expect(task).toMatchObject({
      priority: 'urgent',
      dueAt: '2026-06-03T10:00:00.000Z',
      dueDate: '2026-06-03',
    });
    expect(ordinaryScreen.priority).toBeUndefined();
    expect(ordinaryScreen.dueDate).toBe('2026-06-04');
    // the duty team is emailed at once, URGENT in the subject; in hours, not the out-of-hours team
    const sent = (await h.emails()).slice(before);
    expect(sent.map((email) => `${email.destination.to.join(',')} ${email.subject}`)).toEqual([
      `${DUTY} URGENT New task: Safeguarding screen: ${referred.reference}`,
    ]);
    expect(sent[0]!.body.text).toContain('Due by 11:00 on Wednesday 3 June 2026.');
    expect(await h.emailsTo(outOfHours)).toEqual([]);
    const created = (await h.auditOf(referred.id)).find((event) => event.action === 'task.created');
    expect(created?.details).toMatchObject({ priority: 'urgent', outOfHours: false });

    // Assess: the duty social worker's lists show it first, through the API and on My tasks
    const session = await fetch(`${stack.url}/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'duty', password: stack.password('duty') }),
    });
    const { token: accessToken } = (await session.json()) as { token: string };
    const listed = await fetch(`${stack.url}/v1/tasks`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    const items = ((await listed.json()) as { items: { id: string; priority: string }[] }).items;
    expect(items.map((item) => [item.id, item.priority])).toEqual([
      [task.id, 'urgent'],
      [ordinaryScreen.id, 'normal'],
    ]);
    const request = pageRequester(() => stack.url);
    const { answer } = await signInThroughForm(request, 'duty', stack.password('duty'));
    const page = await request('GET', '/tasks', { cookie: cookieOf(answer.setCookie) });
    expect(page.status).toBe(200);
    const urgentTable = /<table class="govuk-table" id="mine-urgent">[\s\S]*?<\/table>/.exec(page.text)?.[0];
    expect(urgentTable).toContain(`/tasks/${task.id}`);
    expect(urgentTable).toContain('>Urgent</strong>');
    expect(urgentTable).not.toContain(ordinaryScreen.id);
    expect(urgentTable).not.toContain('>Overdue</strong>');
    expect(page.text.indexOf(task.id)).toBeLessThan(page.text.indexOf(ordinaryScreen.id));
    const taskPage = await request('GET', `/tasks/${task.id}`, { cookie: cookieOf(answer.setCookie) });
    expect(taskPage.text).toMatch(/id="urgent"><strong class="govuk-tag govuk-tag--red">Urgent<\/strong>/);
    const casePage = await request('GET', `/cases/${referred.id}`, { cookie: cookieOf(answer.setCookie) });
    expect(casePage.text).toContain(
      'Safeguarding screen</a> <strong class="govuk-tag govuk-tag--red">Urgent</strong>',
    );

    // Act / Assess: not done by 11:00 BST, the duty manager; an hour later the head of service;
    // then the duty team every working hour
    expect(await emailsOn(referred.reference, '2026-06-03T09:59:59Z')).toEqual([]);
    expect(await emailsOn(referred.reference, '2026-06-03T10:00:00Z')).toEqual([
      `${DUTY_MANAGER} URGENT Overdue: Safeguarding screen`,
    ]);
    expect(await emailsOn(referred.reference, '2026-06-03T10:59:59Z')).toEqual([]);
    // late now: My tasks says so
    const late = await signInThroughForm(request, 'duty', stack.password('duty'));
    const latePage = await request('GET', '/tasks', { cookie: cookieOf(late.answer.setCookie) });
    const lateRow = /<table class="govuk-table" id="mine-urgent">[\s\S]*?<\/table>/.exec(latePage.text)?.[0];
    expect(lateRow).toContain('>Overdue</strong>');
    expect(await emailsOn(referred.reference, '2026-06-03T11:00:00Z')).toEqual([
      `${HEAD} URGENT Overdue: Safeguarding screen`,
    ]);
    expect(await emailsOn(referred.reference, '2026-06-03T12:00:00Z')).toEqual([
      `${DUTY} URGENT Reminder: Safeguarding screen`,
    ]);
    const escalations = (await h.auditOf(referred.id)).filter((event) => event.action === 'task.escalated');
    expect(escalations.map((event) => event.details?.notified)).toEqual([
      'role:duty-manager:county',
      'role:head-of-service:county',
    ]);
    expectNoPersonalData(await h.emails(), h.tokensSeen);

    // The duty manager told of it screens it; the journey goes on to the hub
    await h.complete(
      task,
      { kind: 'staff', userId: 'duty-manager', role: 'duty-manager', area: 'county' },
      screen.proceed(),
    );
    expect((await h.caseOf(referred.id)).status).toBe('HUB_DECISION');
  });

  it('out of hours: the emergency duty team is emailed at once; the screen is due in the next working hour', async () => {
    const h = stack.journey;
    // Prepare: Wednesday 22:00 BST
    await h.advanceTo('2026-06-03T21:00:00Z');
    const before = (await h.emails()).length;

    // Act
    const referred = await h.refer({ locality: 'melton', immediateSafeguardingConcern: true });

    // Assess: the out-of-hours team and the duty team at once; due Thursday 10:00 BST
    const task = await h.openTask(referred.id, 'safeguarding-screen');
    expect(task).toMatchObject({
      priority: 'urgent',
      dueAt: '2026-06-04T09:00:00.000Z',
      dueDate: '2026-06-04',
    });
    const sent = (await h.emails()).slice(before);
    expect(sent.map((email) => `${email.destination.to.join(',')} ${email.subject}`).sort()).toEqual(
      [
        `${DUTY} URGENT New task: Safeguarding screen: ${referred.reference}`,
        `${outOfHours} URGENT out of hours: Safeguarding screen: ${referred.reference}`,
      ].sort(),
    );
    const notice = sent.find((email) => email.destination.to.includes(outOfHours))!;
    expect(notice.body.text).toContain('due by 10:00 on Thursday 4 June 2026');
    expect(notice.body.text).toContain(`/tasks/${task.id}`);
    const created = (await h.auditOf(referred.id)).find((event) => event.action === 'task.created');
    expect(created?.details).toMatchObject({ priority: 'urgent', outOfHours: true });

    // Nobody is escalated to overnight; the duty manager at 10:00 BST on Thursday
    expect(await emailsOn(referred.reference, '2026-06-04T08:59:59Z')).toEqual([]);
    expect(await emailsOn(referred.reference, '2026-06-04T09:00:00Z')).toEqual([
      `${DUTY_MANAGER} URGENT Overdue: Safeguarding screen`,
    ]);
    expectNoPersonalData(await h.emails(), h.tokensSeen);
  });
});
