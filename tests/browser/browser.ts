import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import axe, { type AxeResults, type ContextObject, type RunOptions } from 'axe-core';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { CHROMIUM_PATH } from '../support/prerequisites';

// A real headless Chromium (Debian's headless shell, else its full Chromium: tests/support/prerequisites.ts)
// driven by playwright-core, axe checks on every page, and screenshots of the key pages for review
// when SFW_SCREENSHOTS=1 (nothing in the run reads them; docs/decisions.md, "Eighth pass").

export const SCREENSHOTS = join(import.meta.dirname, 'screenshots');

/**
 * A browser test's time limit: a test drives several pages through the whole local stack, and on a
 * loaded 2-core machine a step can take seconds (a limit, not a speed goal: speed is in bench/).
 */
export const BROWSER_TEST_TIMEOUT_MS = 180_000;

export async function launchBrowser(): Promise<Browser> {
  // Playwright gives the browser a fresh temporary profile (user data dir) and removes it on close.
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      // The GPU service in the browser process and one renderer for every page: the tests' pages are
      // all one local origin, so the process-per-site isolation only costs processes and IPC. About a
      // tenth less of Chromium's CPU in every browser file (137 s -> 121 s for the ten, side by side;
      // docs/decisions.md, "Seventh pass"). Not --no-zygote: no less CPU.
      '--in-process-gpu',
      '--renderer-process-limit=1',
      '--disable-site-isolation-trials',
    ],
  });
}

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

// axe-core's source and the configuration @axe-core/playwright gives it (frames of this origin only;
// its name in the help links), run once in a document.
const AXE_SETUP = `${axe.source}
;axe.configure({ allowedOrigins: ['<same_origin>'], branding: { application: 'playwright' } });`;

// What @axe-core/playwright's analyze() passes with no include or exclude: the whole document.
const AXE_CONTEXT: ContextObject = { include: [], exclude: [] };

// Only the violations' nodes in full (axe's resultTypes): every rule still runs, but the passes'
// hundreds of nodes are neither given selectors in the page nor carried back through the protocol,
// and only violations are read here (docs/decisions.md, "Ninth pass").
const AXE_OPTIONS: RunOptions = { resultTypes: ['violations'] };

// The page's global object (the tests are type-checked without the DOM's types).
type WithAxe = { axe?: typeof axe };

/** Serious and critical axe-core findings on the page as it is now (WCAG 2.2 AA rules and best practice). */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  // axe-core goes into a document once, when it is first checked, and axe.run runs in the page
  // itself. @axe-core/playwright's analyze() (legacy mode) sent and ran axe-core's 580 KB twice for
  // every check: once before looking for runPartial and again to inject each frame. In the staff
  // journey the second cost the renderer 0.07 s a check (the first 0.15 s, axe.run 0.33 s). The
  // pages tested here have no frames; the rules, options and configuration are the ones analyze()
  // used, and the findings were identical on every check of the ten files (docs/decisions.md,
  // "Tenth pass"). A navigation or a form's answer is a new document, without axe.
  const ready = await page.evaluate(() => typeof (globalThis as WithAxe).axe?.run === 'function');
  if (!ready) await page.evaluate(AXE_SETUP);
  const results = await page.evaluate(
    ({ context, options }): Promise<AxeResults> => (globalThis as WithAxe).axe!.run(context, options),
    { context: AXE_CONTEXT, options: AXE_OPTIONS },
  );
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? '',
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}

/** A full-page PNG in tests/browser/screenshots/ for a person to review, only when SFW_SCREENSHOTS=1. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.SFW_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Presses Tab until the element matching `selector` has focus; fails if the keyboard cannot reach it. */
export async function tabTo(page: Page, selector: string, maxPresses = 80): Promise<void> {
  for (let press = 0; press < maxPresses; press += 1) {
    if (await page.locator(selector).evaluate((element) => element === element.ownerDocument.activeElement)) {
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} was not reached with ${maxPresses} presses of Tab`);
}

/** Fails on any serious or critical axe finding on the page, then keeps its screenshot for review (SFW_SCREENSHOTS=1). */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
  await screenshot(page, name);
}

/** A new page signed in through the sign-in form as a demo member of staff, on their task list. */
export async function signedInPage(
  browser: Browser,
  stack: { url: string; demo: { staff: { username: string; password: string }[] } },
  username: string,
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${stack.url}/sign-in`);
  await page.fill('#username', username);
  await page.fill('#password', stack.demo.staff.find((member) => member.username === username)!.password);
  await page.click('form[action="/sign-in"] button[type="submit"]');
  await page.waitForURL('**/tasks');
  return page;
}
