import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateCase } from '../../shared/adapters/data/cases';
import { listMatchDecisions } from '../../shared/adapters/data/matches';
import { createTask } from '../../shared/adapters/data/tasks';
import type { Referral } from '../../shared/core/schemas';
import { startTestApi, type TestApi } from '../integration/api/harness';
import { ACTOR, NOW, newCase, referral } from '../support/records';
import { BROWSER_TEST_TIMEOUT_MS, expectAccessible, launchBrowser, signedInPage, tabTo } from './browser';

// One family, one record (issue 17) in a real browser: the screen's list of records that may be the
// same family, linked with the keyboard alone, and the staff search; every page axe-clean.

let api: TestApi;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  api = await startTestApi('browser-family-match');
  browser = await launchBrowser();
  page = await signedInPage(browser, api, 'duty');
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

/** A family of its own (one child), referred once and withdrawn, then referred again with a screen open. */
async function referredAgain() {
  const body = referral();
  const child = {
    givenName: 'Eliza',
    familyName: 'Browne-Hart',
    dateOfBirth: '2017-04-09',
    relationship: 'child',
  };
  body.family.members = [{ ...body.family.members[0]!, familyName: 'Browne-Hart' }, child as never];
  const first = await newCase(api.tables.db, { referral: body as Referral });
  await updateCase(api.tables.db, {
    id: first.id,
    expectedVersion: first.version,
    now: NOW,
    actor: ACTOR,
    status: 'WITHDRAWN',
  });
  const again = referral();
  again.family.members = [
    { ...child, givenName: 'Elizabeth', familyName: 'Hart', dateOfBirth: '2017-09-04' } as never,
  ];
  const second = await newCase(api.tables.db, { referral: again as Referral });
  const task = await createTask(
    api.tables.db,
    {
      type: 'safeguarding-screen',
      caseId: second.id,
      caseReference: second.reference,
      area: 'county',
      owner: 'role:duty-social-worker:county',
      dueDate: NOW.slice(0, 10),
    },
    { now: NOW, actor: ACTOR },
  );
  return { first, second, task };
}

describe('one family, one record in the browser', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  it('links a possible match from the screen with the keyboard alone', async () => {
    const { first, second, task } = await referredAgain();
    await page.goto(`${api.url}/tasks/${task.id}`);
    await expectAccessible(page, 'screen-with-matches');
    const row = page.locator(`#possible-matches tr[data-match="${first.id}"]`);
    expect(await row.textContent()).toContain(first.reference);
    expect(await row.textContent()).toContain('withdrawn');

    await tabTo(page, `form[action="/cases/${second.id}/matches/${first.id}"] button[value="link"]`);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/tasks/${task.id}**`);
    await page.waitForSelector(`#possible-matches tr[data-match="${first.id}"] .govuk-tag--green`);
    await expectAccessible(page, 'screen-match-linked');
    expect((await listMatchDecisions(api.tables.db, second.id)).map((entry) => entry.decision)).toEqual([
      'linked',
    ]);

    await page.goto(`${api.url}/cases/${first.id}`);
    expect(await page.locator('#linked-records').textContent()).toContain(second.reference);
    await expectAccessible(page, 'case-with-linked-record');
  });

  it('finds both records by the search form, and says what is missing when too little is given', async () => {
    const { first, second } = await referredAgain();
    await page.goto(`${api.url}/search`);
    await expectAccessible(page, 'search');
    await page.fill('#givenName', 'Eliza');
    await page.click('form[action="/search"] button');
    await page.waitForSelector('.govuk-error-summary');
    await expectAccessible(page, 'search-error');

    await page.fill('#familyName', 'Hart');
    await page.fill('#dateOfBirth-day', '9');
    await page.fill('#dateOfBirth-month', '4');
    await page.fill('#dateOfBirth-year', '2017');
    await page.fill('#givenName', '');
    await page.click('form[action="/search"] button');
    await page.waitForSelector('#search-results');
    const results = await page.locator('#search-results').textContent();
    expect(results).toContain(first.reference);
    expect(results).toContain(second.reference);
    await expectAccessible(page, 'search-results');
    // Nothing searched for in the address bar
    expect(page.url()).toBe(`${api.url}/search`);
  });
});
