import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCase, updateCase } from '../../shared/adapters/data/cases';
import { createTask } from '../../shared/adapters/data/tasks';
import { ACTOR, NOW, newCase, referral } from '../support/records';
import { startTestApi, type TestApi } from '../integration/api/harness';
import {
  BROWSER_TEST_TIMEOUT_MS,
  expectAccessible,
  launchBrowser,
  screenshot,
  seriousViolations,
  signedInPage,
} from './browser';
import { roleOwner } from '../../shared/core/vocabulary/tasks';

// The duty officer's "Record a referral" page in a real browser: reached from the navigation,
// axe-clean empty, with errors and once sent, and the referral it records is the one typed.

let api: TestApi;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  api = await startTestApi('browser-staff-referral', { engine: true, inbox: true });
  browser = await launchBrowser();
  page = await signedInPage(browser, api, 'duty');
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('recording a referral in the browser', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  it('from the navigation: errors linked to their fields, then the contact recorded', async () => {
    await page.click('a[href="/referrals/new"]');
    await page.waitForURL('**/referrals/new');
    await expectAccessible(page, 'staff-referral');

    await page.click('form[action="/referrals/new"] button[value="submit"]');
    await page.waitForSelector('.govuk-error-summary');
    await expectAccessible(page, 'staff-referral-errors');

    await page.check('#receivedVia');
    await page.fill('#referrer-name', 'Sam Officer');
    await page.fill('#referrer-organisation', 'Melton Borough Council');
    await page.fill('#referrer-role', 'Housing officer');
    await page.fill('#referrer-phone', '0116 222 2222');
    await page.fill('#family-members-0-givenName', 'Jo');
    await page.fill('#family-members-0-familyName', 'Browser');
    await page.fill('#family-members-0-dateOfBirth-day', '28');
    await page.fill('#family-members-0-dateOfBirth-month', '2');
    await page.fill('#family-members-0-dateOfBirth-year', '2015');
    await page.selectOption('#family-members-0-relationship', 'child');
    await page.fill('#family-address-line1', '1 Browser Street');
    await page.fill('#family-address-town', 'Melton Mowbray');
    await page.fill('#family-address-postcode', 'LE13 0AA');
    await page.check('input[name="locality"][value="melton"]');
    await page.check('input[name="presentingNeeds"][value="housing"]');
    await page.fill('#reason', 'Eviction notice; school attendance falling.');
    await page.check('input[name="immediateSafeguardingConcern"][value="no"]');
    await page.check('input[name="consent.given"][value="yes"]');
    await page.fill('#consent-date-day', '1');
    await page.fill('#consent-date-month', '11');
    await page.fill('#consent-date-year', '2026');
    await page.fill('#consent-givenBy', 'Alex Browser');
    await page.selectOption('#consent-relationship', 'parent');
    await page.click('form[action="/referrals/new"] button[value="submit"]');
    await page.waitForSelector('.govuk-panel');

    await expectAccessible(page, 'staff-referral-sent');
    const caseId = (await page.locator('a[href^="/cases/"]').getAttribute('href'))!.slice('/cases/'.length);
    const record = await getCase(api.tables.db, caseId);
    expect(record?.referral).toMatchObject({ source: 'staff', enteredBy: 'duty', receivedVia: 'phone' });
    expect(await page.locator('#reference').textContent()).toBe(record?.reference);
  });

  it('shows the hub a step-down below the threshold, marked and with the usual outcome, axe-clean', async () => {
    // Prepare: a step-down with one need, at the hub decision as the journey leaves it
    const { partnerId: _partnerId, ...partner } = referral();
    const record = await newCase(api.tables.db, {
      referral: {
        ...partner,
        source: 'staff',
        enteredBy: 'duty',
        locality: 'melton',
        presentingNeeds: ['housing'],
        route: 'step-down',
        stepDown: { summary: 'Child in need plan closed; housing support still needed.' },
      },
    });
    await updateCase(api.tables.db, {
      id: record.id,
      expectedVersion: record.version,
      now: NOW,
      actor: ACTOR,
      status: 'HUB_DECISION',
    });
    const task = await createTask(
      api.tables.db,
      {
        type: 'hub-decision',
        caseId: record.id,
        caseReference: record.reference,
        area: 'melton',
        owner: roleOwner('hub-coordinator', 'melton'),
        dueDate: '2026-12-31',
      },
      { now: NOW, actor: ACTOR },
    );
    const hub = await (await browser.newContext({ viewport: { width: 1100, height: 900 } })).newPage();
    await hub.goto(`${api.url}/sign-in`);
    await hub.fill('#username', 'hub-melton');
    await hub.fill('#password', api.demo.staff.find((member) => member.username === 'hub-melton')!.password);
    await hub.click('form[action="/sign-in"] button[type="submit"]');
    await hub.waitForURL('**/tasks');

    // Act
    await hub.goto(`${api.url}/tasks/${task.id}`);

    // Assess
    expect(await hub.locator('#step-down-note').textContent()).toContain('no safeguarding screen');
    expect(await hub.locator('#below-threshold').textContent()).toContain('The usual outcome is to redirect');
    expect(await seriousViolations(hub), 'axe on the hub decision below the threshold').toEqual([]);
    await screenshot(hub, 'hub-decision-step-down-below-threshold');
  });
});
