import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimCyclePut } from '../../../shared/adapters/data/claims';
import { transact } from '../../../shared/adapters/data/db';
import type { ClaimCycle } from '../../../shared/core/schemas/claims';
import { claimFileOf } from '../../../shared/domain/claims/cycle';
import { cookieOf, pageRequester, signInThroughForm } from '../../support/page-client';
import { assessedCase, closedCase, worker } from '../../support/records';
import { startTestApi, type TestApi } from '../api/harness';

// The quarterly progress information as staff pages over HTTP against the real local server (issue #19):
// a quarter's return as tables (one per scope the person may read), each figure linked to the case
// references it counts (the same domain function as the API's drill-down), by the API's rule: the head
// of service every scope, a locality manager their own; any other role 403, another locality 404.

let api: TestApi;
const request = pageRequester(() => api.url);
const QUARTER = '2026-27-Q3'; // the fixtures' cases are allocated on 23 November 2026
const cases: Record<string, { id: string; reference: string }> = {};

beforeAll(async () => {
  api = await startTestApi('pages-progress-returns');
  const db = api.tables.db;
  const blaby = await worker(db, { area: 'blaby' });
  const melton = await worker(db, { area: 'melton' });
  cases.open = await assessedCase(db, 'blaby', blaby.id, ['missing-education', 'housing', 'crime']);
  const closing = await assessedCase(db, 'blaby', blaby.id, [
    'missing-education',
    'housing',
    'domestic-violence',
  ]);
  cases.closed = await closedCase(db, closing, '2026-12-15');
  cases.other = await assessedCase(db, 'melton', melton.id, ['missing-education', 'housing', 'crime']);
  const cycle: ClaimCycle = {
    window: QUARTER,
    frameworkVersion: '2022-25.1',
    preparedAt: '2027-01-02T06:00:00.000Z',
    status: 'claimed',
    version: 3,
    families: [
      {
        caseId: cases.closed.id,
        reference: cases.closed.reference,
        locality: 'blaby',
        headlines: ['domestic-abuse', 'good-education', 'secure-housing'],
        sampled: true,
        claimed: true,
      },
    ],
  };
  cycle.file = claimFileOf(cycle, true, '2027-01-20T10:00:00.000Z');
  await transact(db, [claimCyclePut(db, cycle)]);
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

const families = (query: Record<string, string>) =>
  `/progress-returns/${QUARTER}/families?${new URLSearchParams(query)}`;
const linked = (query: Record<string, string>) => families(query).replaceAll('&', '&amp;');

describe('the progress return pages', () => {
  it('is linked from the claims page, a quarter at a time', async () => {
    // Act
    const page = await as('head', '/claims');

    // Assess
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="progress-quarters"');
    expect(page.text).toMatch(/href="\/progress-returns\/\d{4}-\d{2}-Q[1-4]"/);
  });

  it("shows the head of service every scope's figures, counts only, each linked to its families", async () => {
    // Act
    const page = await as('head', `/progress-returns/${QUARTER}`);

    // Assess
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="progress-partnership"');
    expect(page.text).toContain('id="progress-blaby"');
    expect(page.text).toContain('id="progress-melton"');
    expect(page.text).toContain(
      `href="${linked({ scope: 'blaby', headline: 'all', figure: 'workedWith' })}">2<`,
    );
    expect(page.text).toContain(`href="${linked({ scope: 'blaby', headline: 'all', figure: 'closed' })}">1<`);
    expect(page.text).toContain(
      `href="${linked({ scope: 'blaby', headline: 'all', figure: 'claimed' })}">1<`,
    );
    expect(page.text).toContain('Families diverted from crime');
    expect(page.text).not.toMatch(/SLF-|href="\/cases\//);
  });

  it('lists as many case references as the figure, each linking to the case page', async () => {
    // Arrange
    const page = await as('head', `/progress-returns/${QUARTER}`);
    const link = linked({ scope: 'partnership', headline: 'all', figure: 'workedWith' });
    const figure = Number(new RegExp(`href="${link.replace(/[.?]/g, '\\$&')}">(\\d+)<`).exec(page.text)![1]);

    // Act
    const list = await as('head', families({ scope: 'partnership', headline: 'all', figure: 'workedWith' }));
    const closed = await as('head', families({ scope: 'blaby', figure: 'closed' }));

    // Assess
    expect(list.status).toBe(200);
    expect(figure).toBeGreaterThanOrEqual(3);
    expect(list.text.match(/href="\/cases\/[0-9A-Z]{26}"/g)).toHaveLength(figure);
    expect(list.text).toContain(`href="/cases/${cases.other.id}">${cases.other.reference}</a>`);
    expect(closed.text).toContain(`href="/cases/${cases.closed.id}">${cases.closed.reference}</a>`);
    expect(closed.text.match(/href="\/cases\//g)).toHaveLength(1);
  });

  it("gives a locality manager their locality's figures only, and 404 for another's", async () => {
    // Act
    const page = await as('manager-blaby', `/progress-returns/${QUARTER}`);
    const own = await as('manager-blaby', families({ scope: 'blaby', figure: 'workedWith' }));
    const melton = await as('manager-blaby', families({ scope: 'melton', figure: 'workedWith' }));
    const partnership = await as('manager-blaby', families({ scope: 'partnership', figure: 'workedWith' }));

    // Assess
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="progress-blaby"');
    expect(page.text).not.toContain('id="progress-melton"');
    expect(page.text).not.toContain('id="progress-partnership"');
    expect(own.status).toBe(200);
    expect(own.text).toContain(cases.open.reference);
    expect(melton.status).toBe(404);
    expect(melton.text).not.toContain(cases.other.reference);
    expect(partnership.status).toBe(404);
  });

  it('answers 403 to other roles, 404 to a bad quarter or figure, and sends the signed-out to sign in', async () => {
    // Act
    const workerPage = await as('fsw-blaby', `/progress-returns/${QUARTER}`);
    const workerFamilies = await as('senior-blaby', families({ scope: 'blaby', figure: 'workedWith' }));
    const notQuarter = await as('head', '/progress-returns/2026-Q5');
    const badFigure = await as('head', families({ scope: 'blaby', figure: 'everything' }));
    const signedOut = await request('GET', `/progress-returns/${QUARTER}`);

    // Assess
    expect(workerPage.status).toBe(403);
    expect(workerFamilies.status).toBe(403);
    expect(workerFamilies.text).not.toContain(cases.open.reference);
    expect(notQuarter.status).toBe(404);
    expect(badFigure.status).toBe(404);
    expect(signedOut.status).toBe(303);
    expect(signedOut.location).toMatch(/^\/sign-in\?next=/);
  });
});
