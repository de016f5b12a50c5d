import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimCyclePut } from '../../shared/adapters/data/claims';
import { transact } from '../../shared/adapters/data/db';
import { previousQuarter, quarterOf } from '../../shared/core/calendar/financial-year';
import { londonDate } from '../../shared/core/calendar/london';
import type { ClaimCycle } from '../../shared/core/schemas/claims';
import { claimFileOf } from '../../shared/domain/claims/cycle';
import { startTestApi, type TestApi } from '../integration/api/harness';
import { BROWSER_TEST_TIMEOUT_MS, expectAccessible, launchBrowser, signedInPage } from './browser';

// The results claims pages in a real browser (issue #19): the head of service opens Claims from the
// navigation, opens the last quarter's claim file, follows a figure to the families it counts and a
// reference to its case; a locality manager sees their locality's table alone; axe-clean throughout.

let api: TestApi;
let browser: Browser;
let page: Page;
const WINDOW = previousQuarter(quarterOf(londonDate(new Date()))).id;

beforeAll(async () => {
  api = await startTestApi('browser-claims');
  const cycle: ClaimCycle = {
    window: WINDOW,
    frameworkVersion: '2022-25.1',
    preparedAt: '2027-01-02T06:00:00.000Z',
    status: 'claimed',
    version: 3,
    families: [
      {
        caseId: '01KB3ZQ7M2X8F5N6P9R0S1T2V3',
        reference: 'SLF-2026-00001',
        locality: 'blaby',
        headlines: ['crime', 'good-education', 'secure-housing'],
        sampled: true,
        claimed: true,
      },
      {
        caseId: '01KB3ZQ7M2X8F5N6P9R0S1T2V5',
        reference: 'SLF-2026-00003',
        locality: 'melton',
        headlines: ['crime', 'good-education', 'financial-stability'],
        sampled: true,
        auditFailed: 'No attendance data',
      },
    ],
  };
  cycle.file = claimFileOf(cycle, true, '2027-01-20T10:00:00.000Z');
  await transact(api.tables.db, [claimCyclePut(api.tables.db, cycle)]);
  browser = await launchBrowser();
  page = await signedInPage(browser, api, 'head');
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('the results claims pages in the browser', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  it('lists the claim windows from the navigation', async () => {
    await page.click('.govuk-service-navigation a[href="/claims"]');
    await page.waitForURL('**/claims');
    await expectAccessible(page, 'claims-list');

    expect(await page.locator('#claim-windows tbody tr').count()).toBe(1);
    expect(await page.locator('#claim-windows tbody tr').textContent()).toContain('Claimed');
  });

  it("opens the claim file: every scope's figures as tables", async () => {
    await page.click(`a[href="/claims/${WINDOW}"]`);
    await page.waitForURL(`**/claims/${WINDOW}`);
    await expectAccessible(page, 'claim-file');

    expect(await page.locator('h1').textContent()).toContain(WINDOW);
    const partnershipAll = page.locator('#claim-partnership tbody tr').first();
    expect(await partnershipAll.locator('th').textContent()).toBe('All families');
    expect((await partnershipAll.locator('td a').allTextContents()).map((text) => text.trim()[0])).toEqual([
      '2',
      '2',
      '2',
      '1',
      '1',
    ]);
  });

  it('follows a figure to the families it counts, each reference linking to its case', async () => {
    await page.locator('#claim-partnership tbody tr').first().locator('td a').nth(3).click();
    await page.waitForURL('**/families?**');
    await expectAccessible(page, 'claim-families');

    expect(await page.locator('h1').textContent()).toContain('Failed audit: All families');
    expect(await page.locator('#claim-families tbody a').allTextContents()).toEqual(['SLF-2026-00003']);
    expect(await page.locator('#claim-families tbody a').getAttribute('href')).toBe(
      '/cases/01KB3ZQ7M2X8F5N6P9R0S1T2V5',
    );
  });

  it("shows a locality manager their own locality's table alone", async () => {
    const manager = await signedInPage(browser, api, 'manager-blaby');
    await manager.goto(`${api.url}/claims/${WINDOW}`);
    await expectAccessible(manager, 'claim-file-manager');

    expect(await manager.locator('table.app-claim-table').count()).toBe(1);
    expect(await manager.locator('#claim-blaby caption').textContent()).toContain('Blaby');
    await manager.context().close();
  });
});
