import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimCyclePut } from '../../../shared/adapters/data/claims';
import { transact } from '../../../shared/adapters/data/db';
import { previousQuarter, quarterOf } from '../../../shared/core/calendar/financial-year';
import { londonDate } from '../../../shared/core/calendar/london';
import type { ClaimCycle } from '../../../shared/core/schemas/claims';
import { claimFileOf } from '../../../shared/domain/claims/cycle';
import { cookieOf, pageRequester, signInThroughForm } from '../../support/page-client';
import { startTestApi, type TestApi } from '../api/harness';

// The results claims as staff pages over HTTP against the real local server (issue #19): the windows
// produced, a window's figures each linked to the families it counts (case references linking to the
// case page, nothing else), by the API's rule: the head of service every scope, a locality manager
// their own; any other role 403, another locality's figures 404.

let api: TestApi;
const request = pageRequester(() => api.url);
// The last quarter ended: a claim is produced after its quarter, so the list looks at past quarters.
const WINDOW = previousQuarter(quarterOf(londonDate(new Date()))).id;
const EARLIER = previousQuarter(previousQuarter(quarterOf(londonDate(new Date())))).id;
const BLABY_ONE = '01KB3ZQ7M2X8F5N6P9R0S1T2V3';
const BLABY_TWO = '01KB3ZQ7M2X8F5N6P9R0S1T2V4';
const MELTON = '01KB3ZQ7M2X8F5N6P9R0S1T2V5';

beforeAll(async () => {
  api = await startTestApi('pages-claims');
  const cycle: ClaimCycle = {
    window: WINDOW,
    frameworkVersion: '2022-25.1',
    preparedAt: '2027-01-02T06:00:00.000Z',
    status: 'claimed',
    version: 3,
    families: [
      {
        caseId: BLABY_ONE,
        reference: 'SLF-2026-00001',
        locality: 'blaby',
        headlines: ['crime', 'good-education', 'secure-housing'],
        sampled: true,
        claimed: true,
      },
      {
        caseId: BLABY_TWO,
        reference: 'SLF-2026-00002',
        locality: 'blaby',
        headlines: ['crime', 'early-years', 'secure-housing'],
        sampled: false,
        claimed: true,
      },
      {
        caseId: MELTON,
        reference: 'SLF-2026-00003',
        locality: 'melton',
        headlines: ['crime', 'good-education', 'financial-stability'],
        sampled: true,
        auditFailed: 'No attendance data',
      },
    ],
  };
  cycle.file = claimFileOf(cycle, true, '2027-01-20T10:00:00.000Z');
  // An earlier window still at audit: listed, with no file to open.
  const atAudit: ClaimCycle = { ...cycle, window: EARLIER, status: 'audit', version: 1 };
  delete atAudit.file;
  await transact(api.tables.db, [claimCyclePut(api.tables.db, cycle), claimCyclePut(api.tables.db, atAudit)]);
});

afterAll(async () => {
  await api?.close();
});

const sessions = new Map<string, string>();
async function as(username: string, path: string) {
  let cookie = sessions.get(username);
  if (!cookie) {
    const password = api.demo.staff.find((member) => member.username === username)!.password;
    const { answer } = await signInThroughForm(request, username, password);
    cookie = cookieOf(answer.setCookie);
    sessions.set(username, cookie);
  }
  return request('GET', path, { cookie });
}

const families = (window: string, query: Record<string, string>) =>
  `/claims/${window}/families?${new URLSearchParams(query)}`;

describe('the results claims pages', () => {
  it('lists the claim windows, linking the one with a claim file, and is in the navigation', async () => {
    // Act
    const page = await as('head', '/claims');

    // Assess
    expect(page.status).toBe(200);
    expect(page.text).toContain(`href="/claims/${WINDOW}"`);
    expect(page.text).not.toContain(`href="/claims/${EARLIER}"`);
    expect(page.text).toContain(EARLIER);
    expect(page.text).toContain('At internal audit');
    expect(page.text).toMatch(/<a[^>]+href="\/claims"[^>]*aria-current/);
  });

  it("shows the head of service every scope's figures, each linked to its families", async () => {
    // Act
    const page = await as('head', `/claims/${WINDOW}`);

    // Assess
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="claim-partnership"');
    expect(page.text).toContain('id="claim-blaby"');
    expect(page.text).toContain('id="claim-melton"');
    const link = families(WINDOW, {
      scope: 'partnership',
      headline: 'all',
      figure: 'failedAudit',
    }).replaceAll('&', '&amp;');
    expect(page.text).toContain(`href="${link}">1<`);
    expect(page.text).toContain('Families diverted from crime');
    // Counts only: no reference or case id on the file's page.
    expect(page.text).not.toMatch(/SLF-|01KB3/);
  });

  it('lists the families behind a figure by case reference, linking to the case page', async () => {
    // Act
    const claimed = await as(
      'head',
      families(WINDOW, { scope: 'blaby', headline: 'crime', figure: 'claimed' }),
    );
    const failed = await as('head', families(WINDOW, { scope: 'partnership', figure: 'failedAudit' }));

    // Assess
    expect(claimed.status).toBe(200);
    expect(claimed.text).toContain(`<a class="govuk-link" href="/cases/${BLABY_ONE}">SLF-2026-00001</a>`);
    expect(claimed.text).toContain(`href="/cases/${BLABY_TWO}">SLF-2026-00002</a>`);
    expect(claimed.text).not.toContain('SLF-2026-00003');
    expect(failed.text).toContain(`href="/cases/${MELTON}">SLF-2026-00003</a>`);
    expect(failed.text).not.toContain('SLF-2026-00001');
  });

  it("gives a locality manager their locality's figures only, and 404 for another's", async () => {
    // Act
    const file = await as('manager-blaby', `/claims/${WINDOW}`);
    const own = await as('manager-blaby', families(WINDOW, { scope: 'blaby', figure: 'claimable' }));
    const melton = await as('manager-blaby', families(WINDOW, { scope: 'melton', figure: 'claimable' }));
    const partnership = await as(
      'manager-blaby',
      families(WINDOW, { scope: 'partnership', figure: 'claimable' }),
    );

    // Assess
    expect(file.status).toBe(200);
    expect(file.text).toContain('id="claim-blaby"');
    expect(file.text).not.toContain('id="claim-melton"');
    expect(file.text).not.toContain('id="claim-partnership"');
    expect(own.status).toBe(200);
    expect(own.text).toContain('SLF-2026-00002');
    expect(melton.status).toBe(404);
    expect(melton.text).not.toContain('SLF-2026-00003');
    expect(partnership.status).toBe(404);
  });

  it('answers 403 to other roles, 404 to an unknown window or figure, and sends the signed-out to sign in', async () => {
    // Act
    const workerList = await as('fsw-blaby', '/claims');
    const workerFile = await as('senior-blaby', `/claims/${WINDOW}`);
    const workerFamilies = await as('fsw-blaby', families(WINDOW, { scope: 'blaby', figure: 'claimed' }));
    const noFile = await as('head', `/claims/${EARLIER}`);
    const notQuarter = await as('head', '/claims/2026-Q5');
    const badFigure = await as('head', families(WINDOW, { scope: 'blaby', figure: 'everything' }));
    const signedOut = await request('GET', `/claims/${WINDOW}`);

    // Assess
    expect(workerList.status).toBe(403);
    expect(workerFile.status).toBe(403);
    expect(workerFamilies.status).toBe(403);
    expect(workerFamilies.text).not.toContain('SLF-');
    expect(noFile.status).toBe(404);
    expect(notQuarter.status).toBe(404);
    expect(badFigure.status).toBe(404);
    expect(signedOut.status).toBe(303);
    expect(signedOut.location).toMatch(/^\/sign-in\?next=/);
  });
});
