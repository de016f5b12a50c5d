import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuarterId } from '../../shared/core/calendar/financial-year';
import { cases, tasks } from '../../shared/adapters/data';
import { ownerFor } from '../../shared/domain/tasks/owners';
import { SYSTEM_ACTOR } from '../../shared/core/schemas/audit';
import { planCycle } from '../../shared/domain/reporting/cycle';
import { prepareCycle } from '../../shared/domain/reporting/reports';
import { openReportTask } from '../../shared/domain/reporting/tasks';
import { startPagesStack, type PagesStack } from '../support/pages-stack';
import { BROWSER_TEST_TIMEOUT_MS, expectAccessible, launchBrowser, tabTo } from './browser';

// The staff pages in a real browser over the whole local journey: a referral's tasks are emailed,
// each link is opened signed out, signed in, and completed on its page; the case page shows the
// journey moving. Every page visited is checked with axe-core.

let stack: PagesStack;
let browser: Browser;
const contexts: BrowserContext[] = [];
let caseId: string;

beforeAll(async () => {
  stack = await startPagesStack({ startTime: '2026-11-23T09:00:00.000Z', label: 'browser' });
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await stack?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  contexts.push(context);
  return context.newPage();
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.fill('#username', username);
  await page.fill('#password', stack.password(username));
  await page.click('form[action="/sign-in"] button[type="submit"]');
}

async function openTask(taskPath: string, username: string): Promise<Page> {
  const page = await newPage();
  await page.goto(`${stack.url}${taskPath}`);
  await signIn(page, username);
  await page.waitForURL(`**${taskPath}`);
  return page;
}

async function timelineLength(page: Page): Promise<number> {
  return page.locator('#timeline li').count();
}

// A real browser on a loaded 2-core machine: steps take seconds, so each test may take 3 minutes.
describe('a referral worked through the staff pages', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  it('opens an emailed link signed out at the sign-in page, changing nothing', async () => {
    // Prepare
    const referred = await stack.journey.refer();
    caseId = referred.id;
    const link = await stack.taskLinkFor('duty@demo.invalid');
    const auditBefore = (await stack.journey.auditOf(caseId)).length;
    const page = await newPage();
    // Act
    await page.goto(`${stack.url}${link}`);
    // Assess
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe(link);
    expect((await stack.journey.openTask(caseId, 'safeguarding-screen')).status).toBe('OPEN');
    expect((await stack.journey.auditOf(caseId)).length).toBe(auditBefore);
    await expectAccessible(page, 'sign-in');
  });

  it('lets the duty social worker sign in and complete the screen with the keyboard alone', async () => {
    // Prepare
    const link = await stack.taskLinkFor('duty@demo.invalid');
    const page = await newPage();
    await page.goto(`${stack.url}${link}`);
    // Act: sign in
    await tabTo(page, '#username');
    await page.keyboard.type('duty');
    await tabTo(page, '#password');
    await page.keyboard.type(stack.password('duty'));
    await tabTo(page, 'form[action="/sign-in"] button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**${link}`);
    await expectAccessible(page, 'task-safeguarding-screen');
    // Act: the screen
    await tabTo(page, '#decision');
    await page.keyboard.press('Space');
    await tabTo(page, '#reason');
    await page.keyboard.type('No immediate risk; the hub should decide what help fits.');
    await tabTo(page, 'button[value="submit"]');
    await page.keyboard.press('Enter');
    await page.waitForURL('**?done=1');
    // Assess
    expect((await page.locator('.govuk-panel__title').textContent())?.trim()).toBe('Task completed');
    const screen = (await stack.journey.tasksOf(caseId)).find((task) => task.type === 'safeguarding-screen')!;
    expect(screen.status).toBe('COMPLETED');
    expect(screen.completedBy).toBe('duty');
    expect(screen.outcome).toMatchObject({ decision: 'proceed' });
    await expectAccessible(page, 'task-completed');
  });

  it('shows the case timeline moving on once the hub decision is made', async () => {
    // Prepare
    await stack.journey.settle();
    const link = await stack.taskLinkFor('hub-charnwood@demo.invalid');
    const page = await openTask(link, 'hub-charnwood');
    await expectAccessible(page, 'task-hub-decision');
    const casePage = await page.context().newPage();
    await casePage.goto(`${stack.url}/cases/${caseId}`);
    const before = await timelineLength(casePage);
    // Act
    await page.check('input[name="decision"][value="family-support"]');
    await page.check('input[name="supportLevel"][value="standard"]');
    await page.fill('#reason', 'Several needs; the family agreed to the referral.');
    await page.click('button[value="submit"]');
    await page.waitForURL('**?done=1');
    await stack.journey.settle();
    await casePage.reload();
    // Assess
    expect(await timelineLength(casePage)).toBeGreaterThan(before);
    expect((await stack.journey.caseOf(caseId)).status).toBe('CONSENT');
    expect((await casePage.locator('h1 .govuk-tag').textContent())?.trim()).toBe('Consent');
    // Newest first: the consent task just opened, after the allocation to the demo key worker.
    const entries = await casePage.locator('#timeline li').allTextContents();
    expect(entries[0]).toContain('Record consent opened');
    expect(entries.join(' ')).toMatch(/Allocated\s+[\s\S]*key worker fsw-charnwood/);
    await expectAccessible(casePage, 'case-after-hub-decision');
  });

  it('refuses a second submit of the same task politely, changing nothing', async () => {
    // Prepare: the consent task open in two tabs
    const link = await stack.taskLinkFor('fsw-charnwood@demo.invalid');
    const first = await openTask(link, 'fsw-charnwood');
    const second = await first.context().newPage();
    await second.goto(`${stack.url}${link}`);
    for (const page of [first, second]) {
      await page.check('input[name="decision"][value="given"]');
      await page.fill('#givenOn-day', '23');
      await page.fill('#givenOn-month', '11');
      await page.fill('#givenOn-year', '2026');
      await page.fill('#givenBy', 'Alex Example');
      await page.selectOption('#relationship', 'parent');
    }
    await expectAccessible(first, 'task-consent');
    await first.click('button[value="submit"]');
    await first.waitForURL('**?done=1');
    const completed = (await stack.journey.tasksOf(caseId)).find((task) => task.type === 'consent')!;
    // Act
    const answer = second.waitForResponse((response) => response.request().method() === 'POST');
    await second.click('button[value="submit"]');
    // Assess
    expect((await answer).status()).toBe(409);
    expect(await second.locator('.govuk-notification-banner').textContent()).toContain(
      'already been completed',
    );
    expect(await second.locator('form[data-autosave]').count()).toBe(0);
    const after = (await stack.journey.tasksOf(caseId)).find((task) => task.type === 'consent')!;
    expect(after.version).toBe(completed.version);
    await expectAccessible(second, 'task-second-submit');
  });

  it('keeps an assessment as a draft, through a session timeout, and completes it', async () => {
    // Prepare
    await stack.journey.settle();
    const link = await stack.taskLinkFor('fsw-charnwood@demo.invalid', 'assessment');
    const page = await openTask(link, 'fsw-charnwood');
    await page.fill('#completedOn-day', '24');
    await page.fill('#completedOn-month', '11');
    await page.fill('#completedOn-year', '2026');
    for (const input of await page.locator('.app-star-grid input').all()) await input.fill('4');
    await page.fill('#plan-summary', 'Get school attendance back on track and a plan for the debts.');
    // Act: save a draft and come back to it
    await page.click('button[value="save-draft"]');
    await page.waitForURL('**?saved=1');
    await page.goto(`${stack.url}${link}`);
    // Assess
    expect(await page.locator('#plan-summary').inputValue()).toMatch(/school attendance/);
    expect(await page.locator('#familyStar-keeping-safe').inputValue()).toBe('4');

    // Act: the first goal, then the session times out before the second is saved
    await page.selectOption('#plan-goals-0-need', 'missing-education');
    await page.fill('#plan-goals-0-goal', 'Every school day attended');
    await page.fill('#plan-goals-0-actions', 'Meet the school weekly');
    await page.click('button[value="add-goal"]');
    await page.waitForSelector('#plan-goals-1-need');
    await page.selectOption('#plan-goals-1-need', 'financial-difficulty');
    await page.fill('#plan-goals-1-goal', 'A repayment plan agreed');
    await page.fill('#plan-goals-1-actions', 'Visit the debt advice service');
    await stack.journey.advanceTo(new Date(stack.journey.now().getTime() + 61 * 60_000).toISOString());
    await page.click('button[value="submit"]');
    await page.waitForURL('**/sign-in?**');
    // Assess: told the answers were kept; signing in again brings them back
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('saved as a draft');
    await expectAccessible(page, 'sign-in-after-timeout');
    await signIn(page, 'fsw-charnwood');
    await page.waitForURL(`**${link}`);
    expect(await page.locator('#plan-goals-1-goal').inputValue()).toBe('A repayment plan agreed');
    await expectAccessible(page, 'task-assessment');

    // Act: complete it
    await page.click('button[value="submit"]');
    await page.waitForURL('**?done=1');
    await stack.journey.settle();
    // Assess
    const record = await stack.journey.caseOf(caseId);
    expect(record.status).toBe('SUPPORT');
    expect(record.assessment?.familyStar['keeping-safe']).toBe(4);
    await page.goto(`${stack.url}/cases/${caseId}`);
    expect(await page.locator('svg.app-chart[role="img"]').count()).toBe(1);
    expect(await page.locator('#timeline').textContent()).toContain('Support');
    // The journey's own states, read from its execution history, in the order entered.
    await page.click('#workflow-steps summary');
    const steps = (await page.locator('#workflow-steps li').allTextContents()).map((text) => text.trim());
    const entered = (label: string) => steps.findIndex((step) => step.startsWith(label));
    expect(entered('Wait for screen')).toBeGreaterThanOrEqual(0);
    expect(entered('Wait for hub decision')).toBeGreaterThan(entered('Wait for screen'));
    await expectAccessible(page, 'case-in-support');
  });

  it('answers a worker from another locality with not found, for the task and the case', async () => {
    // Prepare
    const assessment = (await stack.journey.tasksOf(caseId)).find((task) => task.type === 'assessment')!;
    const page = await newPage();
    await page.goto(`${stack.url}/sign-in`);
    await signIn(page, 'fsw-blaby');
    await page.waitForURL('**/tasks');
    // Act
    const task = await page.goto(`${stack.url}/tasks/${assessment.id}`);
    const text = await page.locator('h1').textContent();
    const record = await page.goto(`${stack.url}/cases/${caseId}`);
    // Assess
    expect(task?.status()).toBe(404);
    expect(text).toBe('Page not found');
    expect(record?.status()).toBe(404);
    expect(await page.locator('body').textContent()).not.toContain('SLF-');
    await expectAccessible(page, 'not-found');
  });

  it('shows a locality manager the dashboard and their tasks', async () => {
    // Prepare
    const page = await newPage();
    await page.goto(`${stack.url}/sign-in`);
    await signIn(page, 'manager-charnwood');
    await page.waitForURL('**/tasks');
    await expectAccessible(page, 'my-tasks-manager');
    // Act
    await page.goto(`${stack.url}/dashboard`);
    // Assess
    expect(await page.locator('#caseload').textContent()).toContain('fsw-charnwood');
    await expectAccessible(page, 'dashboard');
  });

  it("lets a locality manager read the quarter's report, download its CSV and sign it off", async () => {
    // Prepare: the cycle's draft for the quarter just ended, and the manager's sign-off task
    const now = stack.journey.now().toISOString();
    await prepareCycle(stack.journey.tables.db, '2026-27-Q2', now);
    const spec = planCycle(parseQuarterId('2026-27-Q2'), now).quarterly.find(
      (entry) => entry.scope === 'charnwood',
    )!;
    await openReportTask(stack.journey.tables.db, spec, now);
    const link = await stack.taskLinkFor('manager-charnwood@demo.invalid', '2026-27-Q2');
    const page = await openTask(link, 'manager-charnwood');
    await expectAccessible(page, 'task-quarterly-report');
    // Act: the report on its own page and as CSV
    await page.goto(`${stack.url}/reports`);
    await expectAccessible(page, 'reports');
    await page.click('a[href="/reports/charnwood/2026-27-Q2"]');
    await expectAccessible(page, 'report');
    const trendCharts = await page.locator('.app-chart-grid svg[role="img"]').count();
    const trendTitle = await page.locator('.app-chart-grid svg title').first().textContent();
    const csv = await page.request.get(`${stack.url}/reports/charnwood/2026-27-Q2/csv`);
    // Assess
    const csvText = await csv.text();
    const trendsInCsv = new Set(
      csvText
        .split('\r\n')
        .map((line) => line.split(',')[5] ?? '')
        .filter((metric) => metric.startsWith('trend.')),
    );
    expect(trendsInCsv.size).toBeGreaterThan(0);
    expect(trendCharts).toBe(trendsInCsv.size);
    expect(trendTitle).toBe('Referrals received, Q3 2025-26 to Q2 2026-27');
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(csvText.split('\r\n')[0]).toBe('scope,period,version,status,group,metric,label,unit,column,value');
    // Act: sign it off from the task
    await page.goto(`${stack.url}${link}`);
    expect(await page.locator('.app-chart-grid svg[role="img"]').count()).toBe(trendsInCsv.size);
    await page.fill('#commentary', 'A steady quarter; the waiting list is short.');
    await page.click('button[value="submit"]');
    await page.waitForURL('**?done=1');
    // Assess
    const signOff = await tasks.getTask(stack.journey.tables.db, link.split('/').at(-1)!);
    expect(signOff?.status).toBe('COMPLETED');
    expect(signOff?.outcome).toEqual({ commentary: 'A steady quarter; the waiting list is short.' });
    expect((await page.locator('.govuk-panel__title').textContent())?.trim()).toBe('Task completed');
  });

  it('lets a locality manager record the annual conversation, refusing a missing date first', async () => {
    // Prepare: the conversation task the Q2 cycle opens for the locality
    const now = stack.journey.now().toISOString();
    const spec = planCycle(parseQuarterId('2026-27-Q2'), now).conversations.find(
      (entry) => entry.scope === 'charnwood',
    )!;
    const opened = await openReportTask(stack.journey.tables.db, { ...spec, opensAt: now }, now);
    const page = await openTask(`/tasks/${opened.taskId}`, 'manager-charnwood');
    await expectAccessible(page, 'task-annual-conversation');
    // Act: sent without a date, then completed
    await page.fill('#attendees', 'Locality manager\nHead of service');
    await page.click('button[value="submit"]');
    const errors = (await page.locator('.govuk-error-summary__list li').allTextContents()).map((text) =>
      text.trim(),
    );
    await expectAccessible(page, 'task-annual-conversation-errors');
    await page.fill('#heldOn-day', '20');
    await page.fill('#heldOn-month', '11');
    await page.fill('#heldOn-year', '2026');
    await page.fill('#notes', 'Caseloads are steady; the waiting list is short.');
    await page.click('button[value="submit"]');
    await page.waitForURL('**?done=1');
    // Assess
    expect(errors).toContain('Enter the date of the conversation');
    const task = await tasks.getTask(stack.journey.tables.db, opened.taskId);
    expect(task?.status).toBe('COMPLETED');
    expect(task?.outcome).toEqual({
      heldOn: '2026-11-20',
      attendees: ['Locality manager', 'Head of service'],
      notes: 'Caseloads are steady; the waiting list is short.',
    });
  });

  it('shows the review, closure, allocation and annual report forms to their owners, accessibly', async () => {
    // Prepare: open tasks of the types the journey above did not reach, made directly (a page renders
    // a task from the table; only completing one needs its workflow)
    const db = stack.journey.tables.db;
    const now = stack.journey.now().toISOString();
    const record = await stack.journey.caseOf(caseId);
    const caseTask = async (type: 'review' | 'closure' | 'allocation') =>
      tasks.createTask(
        db,
        { type, caseId, caseReference: record.reference, ...ownerFor(type, record), dueDate: '2027-01-29' },
        { now, actor: SYSTEM_ACTOR },
      );
    const review = await caseTask('review');
    const closure = await caseTask('closure');
    const allocation = await caseTask('allocation');
    const annualSpec = planCycle(parseQuarterId('2026-27-Q4'), now).annual.find(
      (entry) => entry.scope === 'charnwood',
    )!;
    const annual = await openReportTask(db, annualSpec, now);
    const headings: Record<string, string> = {};
    let baselineShown: string[] = [];
    // Act
    for (const [name, taskId, username] of [
      ['task-review', review.id, 'fsw-charnwood'],
      ['task-closure', closure.id, 'fsw-charnwood'],
      ['task-allocation', allocation.id, 'manager-charnwood'],
      ['task-annual-report', annual.taskId, 'manager-charnwood'],
    ] as const) {
      const page = await openTask(`/tasks/${taskId}`, username);
      headings[name] = (await page.locator('form h2').first().textContent())?.trim() ?? '';
      await expectAccessible(page, name);
      // the review shows the baseline Family Star scores beside the new ones
      if (name === 'task-review') baselineShown = await page.locator('.app-star-previous').allTextContents();
    }
    // Assess
    expect(headings).toEqual({
      'task-review': 'The review',
      'task-closure': 'Closing the case',
      'task-allocation': 'Allocate a key worker',
      'task-annual-report': 'Sign off the annual report',
    });
    expect(baselineShown).toHaveLength(10);
    expect(baselineShown.every((text) => /^Baseline: (10|[1-9])$/.test(text.trim()))).toBe(true);
  });

  it('lets a family ask for help with the public form, in plain English', async () => {
    // Prepare
    const page = await newPage();
    await page.goto(`${stack.url}/self-referral`);
    await expectAccessible(page, 'self-referral');
    // Act: sent empty, then filled in
    await page.click('button[value="submit"]');
    const errors = (await page.locator('.govuk-error-summary__list li').allTextContents()).map((text) =>
      text.trim(),
    );
    await expectAccessible(page, 'self-referral-errors');
    await page.fill('#referrer-name', 'Sam Parent');
    await page.fill('#referrer-phone', '0116 000 0000');
    await page.selectOption('#relationship', 'parent');
    await page.fill('#family-members-0-givenName', 'Sam');
    await page.fill('#family-members-0-familyName', 'Parent');
    await page.fill('#family-members-0-dateOfBirth-day', '1');
    await page.fill('#family-members-0-dateOfBirth-month', '2');
    await page.fill('#family-members-0-dateOfBirth-year', '1988');
    await page.selectOption('#family-members-0-relationship', 'parent');
    await page.fill('#family-members-1-givenName', 'Robin');
    await page.fill('#family-members-1-familyName', 'Parent');
    await page.fill('#family-members-1-dateOfBirth-day', '3');
    await page.fill('#family-members-1-dateOfBirth-month', '4');
    await page.fill('#family-members-1-dateOfBirth-year', '2016');
    await page.selectOption('#family-members-1-relationship', 'child');
    await page.fill('#family-address-line1', '2 Sample Lane');
    await page.fill('#family-address-town', 'Melton Mowbray');
    await page.fill('#family-address-postcode', 'le13 1aa');
    await page.check('input[name="locality"][value="melton"]');
    await page.check('input[name="presentingNeeds"][value="housing"]');
    await page.fill('#reason', 'We are behind with the rent and our son is not going to school.');
    await page.check('input[name="immediateSafeguardingConcern"][value="no"]');
    await page.check('input[name="consent"]');
    await page.click('button[value="submit"]');
    // Assess
    expect(errors).toContain('Enter your name');
    expect(errors).toContain('Tell us about at least one child (or unborn baby) in your family');
    const reference = (await page.locator('.govuk-panel__body strong').textContent())?.trim() ?? '';
    expect(reference).toMatch(/^SLF-\d{4}-\d{5,}$/);
    expect(new URL(page.url()).search).toBe('');
    const record = await cases.getCaseByReference(stack.journey.tables.db, reference);
    expect(record?.referral.source).toBe('self');
    expect(record?.locality).toBe('melton');
    await expectAccessible(page, 'self-referral-sent');
  });

  it('marks an urgent screen on the duty social worker’s My tasks, first, accessibly (issue 17)', async () => {
    // Prepare: an immediate safeguarding concern, besides the ordinary screens already queued
    const referred = await stack.journey.refer({ immediateSafeguardingConcern: true });
    const urgent = await stack.journey.openTask(referred.id, 'safeguarding-screen');
    const page = await newPage();
    // Act
    await page.goto(`${stack.url}/tasks`);
    await signIn(page, 'duty');
    await page.waitForURL('**/tasks');
    // Assess: the first table is the urgent one, its row tagged
    const firstTable = page.locator('table.govuk-table').first();
    expect(await firstTable.getAttribute('id')).toBe('mine-urgent');
    const row = firstTable.locator('tbody tr').first();
    expect(await row.locator('a').getAttribute('href')).toBe(`/tasks/${urgent.id}`);
    expect((await row.locator('.govuk-tag').first().textContent())?.trim()).toBe('Urgent');
    await expectAccessible(page, 'tasks-urgent');
  });
});
