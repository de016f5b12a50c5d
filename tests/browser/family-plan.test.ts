import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasks } from '../../shared/adapters/data';
import { SYSTEM_ACTOR } from '../../shared/core/schemas/audit';
import { readPlan } from '../../shared/domain/family-plan/plan';
import { writePlan } from '../../shared/domain/family-plan/plan-writes';
import { ownerFor } from '../../shared/domain/tasks/owners';
import { startTestApi, type TestApi } from '../integration/api/harness';
import { allocatedCase } from '../support/records';
import { BROWSER_TEST_TIMEOUT_MS, expectAccessible, launchBrowser, signedInPage } from './browser';

// The family plan in a real browser (issue #18): the key worker opens the plan from the case page,
// adds a goal with a late action (a mistake first), sees it marked late, marks it done, and the review
// task's form goes through the plan goal by goal with a star per parent or carer; axe-clean throughout.

let api: TestApi;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  api = await startTestApi('browser-family-plan');
  browser = await launchBrowser();
  page = await signedInPage(browser, api, 'fsw-blaby');
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('the family plan in the browser', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  it('adds a goal and an action, shows it late, marks it done, and reviews the plan goal by goal', async () => {
    // Prepare
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    await page.goto(`${api.url}/cases/${record.id}`);
    await page.click('#family-plan-link a');
    await page.waitForURL(`**/cases/${record.id}/plan`);
    await expectAccessible(page, 'family-plan-empty');

    // Act: a goal without needs first, then the goal with its action, due in the past
    await page.fill('#goal', 'Jay is at school every day, on time');
    await page.check('#outcomes');
    await page.fill('#what', 'Agree a morning routine with the family');
    await page.check('#ownerKind');
    await page.fill('#dueOn-day', '12');
    await page.fill('#dueOn-month', '1');
    await page.fill('#dueOn-year', '2026');
    await page.click('#add-to-plan button');
    await page.waitForSelector('.govuk-error-summary');
    await expectAccessible(page, 'family-plan-error');
    const errorLinks = await page.locator('.govuk-error-summary a').allTextContents();
    await page.check('#needs-3');
    await page.click('#add-to-plan button');
    await page.waitForURL('**/plan?saved=1');
    await expectAccessible(page, 'family-plan-one-goal');
    const lateShown = await page.locator('#late-count').textContent();
    await page.selectOption('#goals select', 'done');
    await page.click('#goals form button');
    await page.waitForURL('**/plan?saved=1');
    const lateAfter = await page.locator('#late-count').count();

    // The review task's form lists the plan's goal and a star for each parent or carer
    const review = await tasks.createTask(
      api.tables.db,
      {
        type: 'review',
        caseId: record.id,
        caseReference: record.reference,
        ...ownerFor('review', record),
        dueDate: '2099-01-29',
      },
      { now: new Date().toISOString(), actor: SYSTEM_ACTOR },
    );
    await page.goto(`${api.url}/tasks/${review.id}`);
    await expectAccessible(page, 'task-review-with-plan');
    const goalLegends = await page
      .locator('#plan-goals ~ fieldset legend.govuk-fieldset__legend--s')
      .first()
      .textContent();

    // Assess
    expect(errorLinks).toEqual(["Select the family's needs the goal addresses"]);
    expect(lateShown).toContain('1 action is late');
    expect(lateAfter).toBe(0);
    expect(goalLegends).toContain('Goal 1: Jay is at school every day, on time');
    const view = await readPlan(api.tables.db, record.id, new Date());
    expect(view.versions.map((version) => version.change)).toEqual(['written', 'action-status']);
    expect(view.plan?.goals[0]).toMatchObject({ needs: ['missing-education'], outcomes: ['good-education'] });
  });

  it('records a Team Around the Family meeting whose action goes straight into the plan', async () => {
    // Prepare: a family with a plan of one goal
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const caller = {
      kind: 'staff',
      userId: 'fsw-blaby',
      role: 'family-support-worker',
      area: 'blaby',
    } as const;
    const plan = await writePlan(
      api.tables.db,
      record,
      caller,
      {
        goals: [
          {
            goal: 'Rent arrears cleared',
            needs: ['financial-difficulty'],
            outcomes: ['financial-stability'],
            actions: [],
          },
        ],
        revises: 0,
      },
      new Date(),
    );
    await page.goto(`${api.url}/cases/${record.id}`);
    await page.click('#taf-meetings-link a');
    await page.waitForURL(`**/cases/${record.id}/taf-meetings`);
    await expectAccessible(page, 'taf-meetings-empty');
    await page.click('#record-meeting');
    await page.waitForURL('**/taf-meetings/new');
    await expectAccessible(page, 'taf-meeting-form');

    // Act: the family's presence forgotten first
    await page.fill('#heldOn-day', '20');
    await page.fill('#heldOn-month', '1');
    await page.fill('#heldOn-year', '2026');
    await page.fill(
      '#attendees',
      'Key worker, Supporting Families\nHousing officer, Blaby District Council, Pat Officer',
    );
    await page.fill('#decisions', 'A repayment plan with the landlord.');
    await page.selectOption('#actions-0-goalId', plan.goals[0]!.id);
    await page.fill('#actions-0-what', 'Agree the repayment plan with the landlord');
    await page.selectOption('#actions-0-ownerKind', 'practitioner');
    await page.fill('#actions-0-ownerName', 'Pat Officer');
    await page.fill('#actions-0-ownerRole', 'Housing officer');
    await page.fill('#actions-0-ownerAgency', 'Blaby District Council');
    await page.fill('#actions-0-dueOn-day', '28');
    await page.fill('#actions-0-dueOn-month', '2');
    await page.fill('#actions-0-dueOn-year', '2099');
    await page.fill('#nextMeetingOn-day', '17');
    await page.fill('#nextMeetingOn-month', '2');
    await page.fill('#nextMeetingOn-year', '2026');
    await page.click('#taf-meeting button');
    await page.waitForSelector('.govuk-error-summary');
    await expectAccessible(page, 'taf-meeting-error');
    const errorLinks = await page.locator('.govuk-error-summary a').allTextContents();
    await page.check('#familyPresent');
    await page.click('#taf-meeting button');
    await page.waitForURL('**/taf-meetings?recorded=1');
    await expectAccessible(page, 'taf-meetings-one');
    const listed = await page.locator('#meetings').textContent();

    // Assess
    expect(errorLinks).toEqual(['Select whether the family was there']);
    expect(listed).toContain('Pat Officer, Housing officer, Blaby District Council');
    expect(listed).toContain('Agree the repayment plan with the landlord (goal: Rent arrears cleared');
    const view = await readPlan(api.tables.db, record.id, new Date());
    expect(view.versions.map((version) => version.change)).toEqual(['written', 'taf-meeting']);
    expect(view.plan?.goals[0]?.actions).toEqual([
      expect.objectContaining({ what: 'Agree the repayment plan with the landlord', status: 'not-started' }),
    ]);
  });

  it("shows a key worker's plan action as a task, and completing it marks the action done", async () => {
    // Prepare: a plan with the key worker's own action (its task is made with the plan)
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const caller = {
      kind: 'staff',
      userId: 'fsw-blaby',
      role: 'family-support-worker',
      area: 'blaby',
    } as const;
    await writePlan(
      api.tables.db,
      record,
      caller,
      {
        goals: [
          {
            goal: 'Rent arrears cleared',
            needs: ['financial-difficulty'],
            outcomes: ['financial-stability'],
            actions: [
              {
                what: 'Book the money advice appointment',
                owner: { kind: 'key-worker' },
                dueOn: '2099-03-01',
                status: 'not-started',
              },
            ],
          },
        ],
        revises: 0,
      },
      new Date(),
    );
    const [task] = (await tasks.listOpenTasksForCase(api.tables.db, record.id)).filter(
      (one) => one.type === 'plan-action',
    );

    // Act
    await page.goto(`${api.url}/tasks/${task!.id}`);
    await expectAccessible(page, 'task-plan-action');
    const shown = await page.locator('main').textContent();
    await page.fill('#note', 'Booked for Tuesday.');
    await page.click('button[value="submit"]');
    await page.waitForURL((url) => !url.pathname.endsWith(`/tasks/${task!.id}`) || url.search !== '');

    // Assess
    expect(shown).toContain('Book the money advice appointment');
    expect(shown).toContain('Goal: Rent arrears cleared');
    const view = await readPlan(api.tables.db, record.id, new Date());
    expect(view.plan?.goals[0]?.actions[0]?.status).toBe('done');
    expect((await tasks.getTask(api.tables.db, task!.id))?.outcome).toEqual({ note: 'Booked for Tuesday.' });
  });
});
