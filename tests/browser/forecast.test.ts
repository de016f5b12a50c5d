import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateCase } from '../../shared/adapters/data/cases';
import { startTestApi, type TestApi } from '../integration/api/harness';
import { ACTOR, atHubDecision, NOW, newCase, referral } from '../support/records';
import { BROWSER_TEST_TIMEOUT_MS, expectAccessible, launchBrowser, signedInPage } from './browser';

// The forecast page in a real browser (issue #22): the head of service opens the partnership's
// forecast from the navigation, sees each measure as a chart with its figures in a table, asks a
// what-if and sees it beside the baseline; a bad what-if is refused naming the field; axe-clean
// throughout. A locality manager sees their own locality's.

let api: TestApi;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  api = await startTestApi('browser-forecast');
  for (let n = 0; n < 2; n += 1) {
    const created = await newCase(api.tables.db, { referral: referral({ locality: 'melton' }) });
    const atHub = await atHubDecision(api.tables.db, created, updateCase);
    await updateCase(api.tables.db, {
      id: atHub.id,
      expectedVersion: atHub.version,
      now: NOW,
      actor: ACTOR,
      status: 'WAITING_LIST',
      changes: { waitingSince: NOW },
    });
  }
  browser = await launchBrowser();
  page = await signedInPage(browser, api, 'head');
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('the forecast page in the browser', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  it("shows the head of service the partnership's next 13 weeks as charts with their figures", async () => {
    await page.click('.govuk-service-navigation a[href="/forecast"], nav a[href="/forecast"]');
    await page.waitForURL('**/forecast');
    await expectAccessible(page, 'forecast-baseline');

    expect(await page.locator('h1').textContent()).toContain('The partnership');
    expect(await page.locator('main').textContent()).toContain('2 families on the waiting list');
    expect(await page.locator('svg.app-band-chart').count()).toBe(6);
    expect(await page.locator('#forecast-totals tbody tr').count()).toBe(10);
    expect(await page.locator('#forecast-totals thead th').allTextContents()).toEqual(['Figure', 'Baseline']);
  });

  it('sets a what-if beside the baseline', async () => {
    await page.fill('#workersChange', '2');
    await page.selectOption('#workersLocality', 'melton');
    await page.fill('#referralRate', '120');
    await page.check('input[name="weeks"][value="26"]');
    await page.click('form[action="/forecast"] button');
    await page.waitForSelector('#forecast-totals thead th:nth-child(3)');
    await expectAccessible(page, 'forecast-what-if');

    expect(await page.locator('#forecast-totals thead th').allTextContents()).toEqual([
      'Figure',
      'Baseline',
      'What-if',
    ]);
    expect(await page.locator('main').textContent()).toContain('What-if: 2 more workers in melton from');
    expect(await page.locator('polyline.app-band-chart__line--what-if').count()).toBe(6);
  });

  it('refuses a what-if it cannot run, naming the field', async () => {
    await page.goto(`${api.url}/forecast`);
    await page.fill('#referralRate', 'lots');
    await page.fill('#workersChange', '1');
    await page.click('form[action="/forecast"] button');
    await page.waitForSelector('.govuk-error-summary');
    await expectAccessible(page, 'forecast-error');

    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual([
      'Select the locality the workers change in',
      'Enter the referral rate as a whole number from 10 to 300 (per cent of the usual rate)',
    ]);
  });

  it("shows a locality manager their own locality's forecast", async () => {
    const manager = await signedInPage(browser, api, 'manager-melton');
    await manager.goto(`${api.url}/forecast`);
    await expectAccessible(manager, 'forecast-manager');

    expect(await manager.locator('h1').textContent()).toContain('Melton');
    expect(await manager.locator('#locality').count()).toBe(0);
    await manager.context().close();
  });
});
