import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../shared/adapters/identity/authenticator';
import { startTestApi, type TestApi } from '../integration/api/harness';
import { BROWSER_TEST_TIMEOUT_MS, expectAccessible, launchBrowser, tabTo } from './browser';

// A member of staff's first sign-in in a real browser, as on AWS: the temporary password an
// administrator gave them, a new password, then an authenticator app set up from the key the page
// shows (the test is the app: it computes the code from that key), all with the keyboard.

let api: TestApi;
let browser: Browser;
let page: Page;
const USERNAME = 'fsw-melton';
const TEMPORARY = 'temporary-password-1';
const CHOSEN = 'my own long password 1!';

beforeAll(async () => {
  api = await startTestApi('browser-first-sign-in');
  await api.server.userPool.setPassword(USERNAME, TEMPORARY, false);
  api.server.userPool.requireMfa(USERNAME);
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await api?.close();
});

type Marked = { beforeSubmit?: boolean };

async function submitWithKeyboard(): Promise<void> {
  await tabTo(page, 'form[action="/sign-in"] button[type="submit"]');
  // Every step posts back to /sign-in, so no URL changes to wait for: mark this document and wait
  // until the answer's document (without the mark) has replaced it. The page being loaded already
  // would let `waitForLoadState` return before the post had even left.
  await page.evaluate(() => {
    (globalThis as Marked).beforeSubmit = true;
  });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !(globalThis as Marked).beforeSubmit);
  await page.waitForLoadState('load');
}

// A real browser on a loaded 2-core machine: steps take seconds, so each test may take 3 minutes.
describe('first sign-in in the browser', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  it('changes the temporary password and sets up the authenticator app, then signs in', async () => {
    // Sign in with the temporary password.
    await page.goto(`${api.url}/sign-in`);
    await tabTo(page, '#username');
    await page.keyboard.type(USERNAME);
    await tabTo(page, '#password');
    await page.keyboard.type(TEMPORARY);
    await submitWithKeyboard();
    expect(await page.locator('h1').textContent()).toBe('Choose a new password');
    await expectAccessible(page, 'first-sign-in-new-password');

    // Two different passwords: an error summary pointing at the confirmation.
    await tabTo(page, '#newPassword');
    await page.keyboard.type(CHOSEN);
    await tabTo(page, '#confirmPassword');
    await page.keyboard.type('something else entirely');
    await submitWithKeyboard();
    await page.waitForSelector('.govuk-error-summary');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('The passwords do not match');
    await expectAccessible(page, 'first-sign-in-new-password-error');
    await page.click('.govuk-error-summary a[href="#confirmPassword"]');
    expect(
      await page.locator('#confirmPassword').evaluate((el) => el === el.ownerDocument.activeElement),
    ).toBe(true);

    // The same password twice moves on to the authenticator set-up.
    await page.fill('#newPassword', CHOSEN);
    await page.fill('#confirmPassword', CHOSEN);
    await submitWithKeyboard();
    expect(await page.locator('h1').textContent()).toBe('Set up your authenticator app');
    await expectAccessible(page, 'first-sign-in-authenticator');
    const shown = (await page.locator('#authenticator-secret').textContent())!.trim();
    expect(shown).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    const secret = shown.replaceAll(' ', '');
    const link = await page.locator('a[href^="otpauth://totp/"]').getAttribute('href');
    expect(link).toContain(`secret=${secret}`);
    expect(await page.locator('img.app-qr-code').getAttribute('src')).toMatch(
      /^data:image\/svg\+xml;base64,/,
    );
    // Nothing of the user pool's Session is in the page: only our reference.
    const reference = await page.locator('input[name="challenge"]').getAttribute('value');
    expect(reference).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // A wrong code: a field error, the same key shown again.
    const right = totpCode(secret);
    await tabTo(page, '#code');
    await page.keyboard.type(right === '000000' ? '111111' : '000000');
    await submitWithKeyboard();
    await page.waitForSelector('.govuk-error-summary');
    expect(await page.locator('#code-error').textContent()).toContain('not accepted');
    expect((await page.locator('#authenticator-secret').textContent())!.trim()).toBe(shown);
    await expectAccessible(page, 'first-sign-in-authenticator-error');

    // The code the app shows now signs in.
    await page.fill('#code', totpCode(secret));
    await submitWithKeyboard();
    await page.waitForURL('**/tasks');
    expect(await page.locator('.app-signed-in').textContent()).toContain(USERNAME);

    // From now on the password alone is not enough: the sign-in page asks for the code too.
    const second = await browser.newContext();
    const again = await second.newPage();
    await again.goto(`${api.url}/sign-in`);
    await again.fill('#username', USERNAME);
    await again.fill('#password', CHOSEN);
    await again.click('form[action="/sign-in"] button[type="submit"]');
    await again.waitForSelector('#code');
    await again.fill('#password', CHOSEN);
    await again.fill('#code', totpCode(secret));
    await again.click('form[action="/sign-in"] button[type="submit"]');
    await again.waitForURL('**/tasks');
    await second.close();
  });
});
