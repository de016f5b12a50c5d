import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EICAR } from '../../local/s3/scanner';
import { startTestApi, type TestApi } from '../integration/api/harness';
import { allocatedCase } from '../support/records';
import { BROWSER_TEST_TIMEOUT_MS, expectAccessible, launchBrowser, signedInPage } from './browser';

// Case documents in a real browser (issue #18): the key worker attaches a file from the documents
// page (the page's script PUTs it to the signed link on the local S3), sees it checked, downloads it
// under a name without the family's; a file with the EICAR test string is blocked; a worker of another
// locality gets 404. axe-clean empty, with errors, and with files listed.

let api: TestApi;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  api = await startTestApi('browser-documents', { documents: true });
  browser = await launchBrowser();
  page = await signedInPage(browser, api, 'fsw-blaby');
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

const PDF = Buffer.from('%PDF-1.7\n% signed consent\n%%EOF\n');

describe('case documents in the browser', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  it('attaches a file, lists it available once checked, and downloads it', async () => {
    // Prepare
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const path = `${api.url}/cases/${record.id}/documents`;
    await page.goto(`${api.url}/cases/${record.id}`);
    await page.click('#case-documents-link a');
    expect(page.url()).toBe(path);
    await expectAccessible(page, 'documents-empty');

    // Act: nothing chosen, then a PDF
    await page.click('#upload-button');
    await page.waitForSelector('#upload-errors:not([hidden])');
    const errors = await page.locator('#upload-error-list a').allTextContents();
    await expectAccessible(page, 'documents-errors');
    await page.check('#type');
    await page.setInputFiles('#file', {
      name: 'Kerry Testfamily consent.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await page.click('#upload-button');
    await page.waitForURL(`${path}?uploaded=1`);
    await api.scanner!.settled();
    await page.goto(path);
    const row = page.locator('#documents tbody tr');
    await expectAccessible(page, 'documents-listed');
    const [download] = await Promise.all([page.waitForEvent('download'), row.locator('a').click()]);

    // Assess
    expect(errors).toEqual(['Select what the document is', 'Select a file']);
    expect((await row.locator('.govuk-tag').textContent())?.trim()).toBe('Available');
    expect(await row.textContent()).toContain('Kerry Testfamily consent.pdf');
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^${record.reference}-signed-consent-[0-9a-z]{6}\\.pdf$`),
    );
    expect(download.url()).not.toMatch(/Kerry|Testfamily/);
    expect(readFileSync(await download.path())).toEqual(PDF);
  });

  it('blocks a file that fails the virus check, with no link to it', async () => {
    // Prepare
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const path = `${api.url}/cases/${record.id}/documents`;
    await page.goto(path);

    // Act
    await page.check('#type-3');
    await page.setInputFiles('#file', {
      name: 'letter.png',
      mimeType: 'image/png',
      buffer: Buffer.from(EICAR),
    });
    await page.click('#upload-button');
    await page.waitForURL(`${path}?uploaded=1`);
    await api.scanner!.settled();
    await page.goto(path);

    // Assess
    const row = page.locator('#documents tbody tr');
    expect(await row.locator('.govuk-tag').textContent()).toContain('Blocked');
    expect(await row.locator('a').count()).toBe(0);
    await expectAccessible(page, 'documents-blocked');
  });

  it('refuses a file of a type not accepted, saying why', async () => {
    // Prepare
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    await page.goto(`${api.url}/cases/${record.id}/documents`);

    // Act
    await page.check('#type');
    await page.setInputFiles('#file', {
      name: 'notes.html',
      mimeType: 'text/html',
      buffer: Buffer.from('<p>hi</p>'),
    });
    await page.click('#upload-button');
    await page.waitForSelector('#upload-errors:not([hidden])');

    // Assess
    expect(await page.locator('#upload-error-list a').allTextContents()).toEqual([
      'The file must be a PDF, Word document (DOCX), JPEG or PNG',
    ]);
    expect(await page.locator('#no-documents').count()).toBe(1);
  });

  it('shows a worker of another locality nothing', async () => {
    // Prepare
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const other = await signedInPage(browser, api, 'fsw-melton');

    // Act
    const answer = await other.goto(`${api.url}/cases/${record.id}/documents`);

    // Assess
    expect(answer?.status()).toBe(404);
    await other.context().close();
  });
});
