import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChronology } from '../../shared/domain/case-record/chronology';
import { partnerMayShare } from '../../shared/domain/sharing/consents';
import { startTestApi, type TestApi } from '../integration/api/harness';
import { allocatedCase } from '../support/records';
import { BROWSER_TEST_TIMEOUT_MS, expectAccessible, launchBrowser, signedInPage } from './browser';

// The case record in a real browser (issue #18): the key worker adds an entry with the child's voice
// from the case page, filters the chronology, revises the entry and sees the earlier version kept;
// axe-clean with and without errors showing.

let api: TestApi;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  api = await startTestApi('browser-case-record');
  browser = await launchBrowser();
  page = await signedInPage(browser, api, 'fsw-blaby');
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe('the case record in the browser', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  it('names a partner practitioner as the lead professional from the case page', async () => {
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    await page.goto(`${api.url}/cases/${record.id}/lead-professional`);
    await expectAccessible(page, 'lead-professional-form');

    await page.check('#kind-2');
    await page.fill('#name', 'Sam Liaison');
    await page.fill('#role', 'Family liaison officer');
    await page.click(`form[action="/cases/${record.id}/lead-professional"] button`);
    await page.waitForSelector('.govuk-error-summary');
    await expectAccessible(page, 'lead-professional-error');
    const errors = await page.locator('.govuk-error-summary a').allTextContents();
    await page.fill('#agency', 'Blaby Primary School');
    await page.click(`form[action="/cases/${record.id}/lead-professional"] button`);
    await page.waitForURL(`**/cases/${record.id}?done=lead-professional`);

    expect(errors).toEqual(['Enter their agency']);
    expect(await page.locator('main').textContent()).toContain(
      'Sam Liaison, Family liaison officer, Blaby Primary School',
    );
  });

  it("adds the child's voice, filters the chronology and revises the entry, keeping the earlier version", async () => {
    // Prepare
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    await page.goto(`${api.url}/cases/${record.id}`);
    await page.click('#case-record-link a');
    await page.waitForURL(`**/cases/${record.id}/record`);
    await expectAccessible(page, 'case-record-empty');

    // Act: a mistake first (no child named), then the entry
    await page.check('#type-6');
    await page.fill('#occurred-day', '14');
    await page.fill('#occurred-month', '1');
    await page.fill('#occurred-year', '2026');
    await page.fill('#occurredTime', '15:30');
    await page.fill('#text', 'I like it when mum walks me to school.');
    await page.click('#add-entry button');
    await page.waitForSelector('.govuk-error-summary');
    await expectAccessible(page, 'case-record-error');
    const errorLinks = await page.locator('.govuk-error-summary a').allTextContents();
    await page.fill('#child', 'Jay');
    await page.click('#add-entry button');
    await page.waitForURL('**/record?added=1');
    await expectAccessible(page, 'case-record-one-entry');
    await page.selectOption('#filter-type', 'visit');
    await page.click('#filter button');
    const filteredOut = await page.locator('#entry-count').textContent();
    await page.selectOption('#filter-type', 'child-voice');
    await page.click('#filter button');
    const cards = await page.locator('#entries .govuk-summary-card').count();
    await page.click('#entries .govuk-summary-card__actions a');
    await page.fill('#text', 'I like it when mum walks me to school. I do not like the shouting.');
    await page.click('#revise-entry button');
    await page.waitForURL('**?revised=1');
    await expectAccessible(page, 'case-record-entry-revised');

    // Assess
    expect(errorLinks).toEqual(['Enter the child who spoke']);
    expect(filteredOut).toContain('No entry matches');
    expect(cards).toBe(1);
    expect(await page.locator('#earlier-versions').textContent()).toContain(
      'I like it when mum walks me to school.',
    );
    const [entry] = await readChronology(api.tables.db, record.id);
    expect(entry).toMatchObject({
      type: 'child-voice',
      child: 'Jay',
      version: 2,
      versions: 2,
      writtenBy: 'fsw-blaby',
    });
    expect(entry.occurredAt).toBe('2026-01-14T15:30:00.000Z');
  });

  it('records what the family agreed to share with an agency, and withdraws it, from the case page', async () => {
    // Prepare
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    await page.goto(`${api.url}/cases/${record.id}`);
    await page.click('#sharing-link a');
    await page.waitForURL(`**/cases/${record.id}/sharing`);
    await expectAccessible(page, 'sharing-consents-empty');

    // Act: a mistake first (no agency, no date), then the consent, then its withdrawal
    await page.check('#purpose');
    await page.fill('#givenBy', 'Mother');
    await page.click('#give-consent button');
    await page.waitForSelector('.govuk-error-summary');
    await expectAccessible(page, 'sharing-consents-error');
    const errorLinks = await page.locator('.govuk-error-summary a').allTextContents();
    await page.selectOption('#partnerId', 'demo-school');
    await page.fill('#givenOn-day', '10');
    await page.fill('#givenOn-month', '1');
    await page.fill('#givenOn-year', '2026');
    await page.click('#give-consent button');
    await page.waitForURL('**/sharing?done=given');
    await expectAccessible(page, 'sharing-consents-one');
    const mayWhileGiven = await partnerMayShare(api.tables.db, 'demo-school', record, 'plan-actions');
    await page.click('#consent-table a');
    await expectAccessible(page, 'sharing-withdrawal-form');
    await page.fill('#withdrawnBy', 'Mother');
    await page.fill('#withdrawnOn-day', '20');
    await page.fill('#withdrawnOn-month', '1');
    await page.fill('#withdrawnOn-year', '2026');
    await page.click('#withdraw-consent button');
    await page.waitForURL('**/sharing?done=withdrawn');

    // Assess
    expect(errorLinks).toEqual(['Select the agency', 'Enter the date they agreed']);
    expect(mayWhileGiven).toBe(true);
    expect(await partnerMayShare(api.tables.db, 'demo-school', record, 'plan-actions')).toBe(false);
    expect(await page.locator('#consent-table').textContent()).toContain('Withdrawn');
  });

  it('keeps an unfinished entry as a draft (the button, and the autosave), and drops it once the entry is added', async () => {
    // Prepare
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    await page.goto(`${api.url}/cases/${record.id}/record`);

    // Act: save a draft with the button, come back, then autosave a change as the page's script does
    await page.check('#type');
    await page.fill('#text', 'Home visit: half written');
    await page.click('#add-entry button[value="save-draft"]');
    await page.waitForURL('**/record?saved=1');
    await expectAccessible(page, 'case-record-draft-saved');
    await page.goto(`${api.url}/cases/${record.id}/record`);
    const restored = await page.inputValue('#text');
    // pages.js saves every 15 seconds after a change: the page's clock is moved on, not waited for.
    await page.clock.install();
    await page.goto(`${api.url}/cases/${record.id}/record`);
    await page.fill('#text', 'Home visit: nearly done');
    await page.clock.runFor(16_000);
    await page.locator('#autosave-status', { hasText: 'Draft saved at' }).waitFor();
    await page.goto(`${api.url}/cases/${record.id}/record`);
    const afterAutosave = await page.inputValue('#text');
    await page.fill('#occurred-day', '14');
    await page.fill('#occurred-month', '1');
    await page.fill('#occurred-year', '2026');
    await page.click('#add-entry button[value="submit"]');
    await page.waitForURL('**/record?added=1');

    // Assess
    expect(restored).toBe('Home visit: half written');
    expect(afterAutosave).toBe('Home visit: nearly done');
    expect(await page.inputValue('#text')).toBe('');
    const [entry] = await readChronology(api.tables.db, record.id);
    expect(entry).toMatchObject({ type: 'visit', text: 'Home visit: nearly done' });

    // The case page shows the latest entries beside the journey, with the record's filters
    await page.goto(`${api.url}/cases/${record.id}`);
    await expectAccessible(page, 'case-page-with-record');
    expect(await page.locator('#latest-entries').textContent()).toContain('Home visit: nearly done');
    await page.selectOption('#record-filter-type', 'phone-call');
    await page.click('#case-record-filter button');
    await page.waitForURL('**/record?type=phone-call**');
    expect(await page.locator('#entry-count').textContent()).toContain('No entry matches');
  });
});
