import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putReportVersion } from '../../../shared/adapters/data/reports';
import type { Report } from '../../../shared/core/schemas/report';
import { cookieOf, pageRequester, signInThroughForm } from '../../support/page-client';
import { startTestApi, type TestApi } from '../api/harness';

// The annual report's page shows what the manager wrote beyond the figures (seeds/002 §43): the
// interventions the year's work prevented and the anonymised case studies, as the report's JSON keeps
// them; a report without them shows neither heading.

let api: TestApi;
const request = pageRequester(() => api.url);
let cookie: string;

beforeAll(async () => {
  api = await startTestApi('pages-annual-report');
  const base = {
    kind: 'annual' as const,
    scope: 'partnership',
    version: 1,
    status: 'submitted' as const,
    metrics: {},
    flags: [],
    createdAt: '2027-04-01T06:00:00.000Z',
    submittedAt: '2027-05-10T10:00:00.000Z',
    submittedBy: 'head',
  } satisfies Partial<Report>;
  await putReportVersion(api.tables.db, {
    ...base,
    period: '2026-27',
    commentary: 'The year in review.',
    preventedEscalations: 'Two families kept out of care proceedings.\nOne school exclusion avoided.',
    caseStudies: [
      { title: 'Back to school', story: 'Attendance from 40% to 95% in two terms.' },
      { title: 'A safe home <b>at last</b>', story: 'Rent arrears cleared; the tenancy kept.' },
    ],
  });
  await putReportVersion(api.tables.db, { ...base, period: '2025-26' });
  const password = api.demo.staff.find((member) => member.username === 'head')!.password;
  const { answer } = await signInThroughForm(request, 'head', password);
  cookie = cookieOf(answer.setCookie);
});

afterAll(async () => {
  await api?.close();
});

describe('the annual report page', () => {
  it('shows the interventions that prevented escalation and each case study', async () => {
    // Act
    const page = await request('GET', '/reports/partnership/2026-27', { cookie });

    // Assess
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="prevented-escalations">Interventions that prevented escalation</h2>');
    expect(page.text).toContain('Two families kept out of care proceedings.\nOne school exclusion avoided.');
    expect(page.text).toContain('id="case-studies">Case studies</h2>');
    expect(page.text).toContain('<h3 class="govuk-heading-s">Back to school</h3>');
    expect(page.text).toContain('Attendance from 40% to 95% in two terms.');
    // What the manager wrote is text, never markup.
    expect(page.text).toContain('A safe home &lt;b&gt;at last&lt;/b&gt;');
  });

  it('leaves both headings out of a report without them', async () => {
    // Act
    const page = await request('GET', '/reports/partnership/2025-26', { cookie });

    // Assess
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('Interventions that prevented escalation');
    expect(page.text).not.toContain('id="case-studies"');
  });
});
