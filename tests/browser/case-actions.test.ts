import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCase } from '../../shared/adapters/data/cases';
import { startTestApi, type TestApi } from '../integration/api/harness';
import { allocatedCase } from '../support/records';
import { BROWSER_TEST_TIMEOUT_MS, expectAccessible, launchBrowser, signedInPage, tabTo } from './browser';

// The case page's action forms in a real browser: reachable and usable with the keyboard alone,
// axe-clean with and without errors showing.

let api: TestApi;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  api = await startTestApi('browser-case-actions', { inbox: true });
  browser = await launchBrowser();
  page = await signedInPage(browser, api, 'senior-blaby');
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

const allocatedInBlaby = () => allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');

// A real browser on a loaded 2-core machine: steps take seconds, so each test may take 3 minutes.
describe('case actions in the browser', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  it('transfers a case out of the area with the keyboard alone, and confirms it', async () => {
    const record = await allocatedInBlaby();
    await page.goto(`${api.url}/cases/${record.id}`);
    await expectAccessible(page, 'case-with-actions');

    await tabTo(page, `a[href="/cases/${record.id}/transfer"]`);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/cases/${record.id}/transfer`);
    await expectAccessible(page, 'case-action-transfer');
    await tabTo(page, '#toLocality');
    await page.keyboard.press('Space');
    const chosen = await page.locator('input[name="toLocality"]:checked').getAttribute('value');
    await tabTo(page, `form[action="/cases/${record.id}/transfer"] button`);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.govuk-panel');

    expect((await getCase(api.tables.db, record.id))?.locality).toBe(chosen);
    expect(await page.locator('.govuk-panel').textContent()).toContain('transferred');
    await expectAccessible(page, 'case-action-done');
  });

  it('shows an accessible error summary that links to the field at fault', async () => {
    const record = await allocatedInBlaby();
    await page.goto(`${api.url}/cases/${record.id}/step-up`);
    await expectAccessible(page, 'case-action-step-up');

    await page.click(`form[action="/cases/${record.id}/step-up"] button`);
    await page.waitForSelector('.govuk-error-summary');

    await expectAccessible(page, 'case-action-step-up-error');
    await page.click('.govuk-error-summary a[href="#reason"]');
    const focused = await page
      .locator('#reason')
      .evaluate((element) => element === element.ownerDocument.activeElement);
    expect(focused).toBe(true);
    expect((await getCase(api.tables.db, record.id))?.status).toBe('ALLOCATED');
  });
});
