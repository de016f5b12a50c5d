import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { listAuditEvents } from '../../../shared/adapters/data/audit';
import { claimPut, listOutcomeEvidence } from '../../../shared/adapters/data/claims';
import { ConflictError, type Db, transact } from '../../../shared/adapters/data/db';
import { recordOutcomeEvidence } from '../../../shared/domain/claims/outcomes';
import { cookieOf, csrfOf, pageRequester, signInThroughForm } from '../../support/page-client';
import { assessedCase, closedCase } from '../../support/records';
import { startTestApi, type TestApi } from './harness';
import { dbThrough } from '../../support/db-through';

// Outcome evidence per identified need and claim eligibility through the staff API (issue #19): written
// conditionally with its audit event, the same evidence twice is one write, a revision names the version
// it read, bad input names the field, and the eligibility says what is still missing.

let api: TestApi;
const request = pageRequester(() => api.url);

async function cookieFor(username: string) {
  const password = api.demo.staff.find((member) => member.username === username)!.password;
  const { answer } = await signInThroughForm(request, username, password);
  return cookieOf(answer.setCookie);
}

async function pageAs(username: string, path: string) {
  return request('GET', path, { cookie: await cookieFor(username) });
}

beforeAll(async () => {
  api = await startTestApi('outcomes');
});

afterAll(async () => {
  await api?.close();
});

async function as(username: string, method: string, path: string, body?: unknown) {
  return api.call(method, path, { token: await api.staffToken(username), ...(body ? { body } : {}) });
}

const NEEDS = ['missing-education', 'housing', 'financial-difficulty'] as const;

const plan = {
  goals: [
    {
      goal: 'Jay is at school every day',
      needs: ['missing-education'],
      outcomes: ['good-education'],
      actions: [{ what: 'Morning routine', owner: { kind: 'key-worker' }, dueOn: '2099-01-10' }],
    },
  ],
  revises: 0,
};

function evidence(need: string, overrides: Record<string, unknown> = {}) {
  return {
    need,
    positive: true,
    achieved: 'Sustained improvement seen in the records.',
    source: { kind: 'practitioner' },
    achievedOn: '2026-02-01',
    ...overrides,
  };
}

describe('outcome evidence', () => {
  it('records evidence once, audited without its text; a revision names the version it read', async () => {
    // Prepare
    const record = await assessedCase(api.tables.db, 'blaby', 'fsw-blaby', NEEDS);
    const path = `/v1/cases/${record.id}/outcomes`;
    const first = evidence('missing-education', {
      source: { kind: 'data-check', check: 'school-attendance' },
    });

    // Act
    const created = await as('fsw-blaby', 'POST', path, first);
    const again = await as('fsw-blaby', 'POST', path, first);
    const unnamed = await as('fsw-blaby', 'POST', path, { ...first, positive: false });
    const revised = await as('senior-blaby', 'POST', path, { ...first, positive: false, revises: 1 });
    const stale = await as('fsw-blaby', 'POST', path, { ...first, revises: 1 });

    // Assess
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ need: 'missing-education', headline: 'good-education', version: 1 });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(1);
    expect(unnamed.status).toBe(409);
    expect(revised.status).toBe(201);
    expect(revised.body).toMatchObject({ version: 2, positive: false, recordedBy: 'senior-blaby' });
    expect(stale.status).toBe(409);
    const audit = (await listAuditEvents(api.tables.db, `case#${record.id}`)).items.filter(
      (event) => event.action === 'case.outcome-recorded',
    );
    expect(audit.map((event) => [event.details?.version, event.details?.source])).toEqual([
      [1, 'school-attendance'],
      [2, 'school-attendance'],
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/Sustained improvement/);
  });

  it('answers bad input with problem+json naming the field, and hides another locality’s case', async () => {
    // Prepare
    const record = await assessedCase(api.tables.db, 'blaby', 'fsw-blaby', NEEDS);
    const path = `/v1/cases/${record.id}/outcomes`;

    // Act
    const unidentified = await as('fsw-blaby', 'POST', path, evidence('crime'));
    const wrongCheck = await as(
      'fsw-blaby',
      'POST',
      path,
      evidence('housing', { source: { kind: 'data-check', check: 'school-attendance' } }),
    );
    const future = await as('fsw-blaby', 'POST', path, evidence('housing', { achievedOn: '2099-01-01' }));
    const shapeless = await as('fsw-blaby', 'POST', path, { need: 'housing' });
    const elsewhere = await as('fsw-charnwood', 'GET', path);

    // Assess
    for (const [answer, field] of [
      [unidentified, 'need'],
      [wrongCheck, 'source.check'],
      [future, 'achievedOn'],
      [shapeless, 'positive'],
    ] as const) {
      expect(answer.status).toBe(422);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify(answer.body)).toContain(field);
    }
    expect(elsewhere.status).toBe(404);
  });
});

describe('claim eligibility', () => {
  it('says what is missing until every need has a positive outcome sustained after closure', async () => {
    // Prepare
    const assessed = await assessedCase(api.tables.db, 'blaby', 'fsw-blaby', NEEDS);
    const path = `/v1/cases/${assessed.id}/outcomes`;
    const before = await as('fsw-blaby', 'GET', path);
    await as('fsw-blaby', 'PUT', `/v1/cases/${assessed.id}/plan`, plan);
    for (const need of NEEDS) await as('fsw-blaby', 'POST', path, evidence(need));
    await closedCase(api.tables.db, assessed, '2026-03-01');

    // Act
    const after = await as('fsw-blaby', 'GET', path);

    // Assess
    expect(before.status).toBe(200);
    expect(before.body.eligibility.claimable).toBe(false);
    expect(before.body.eligibility.missing.map((item: { rule: string }) => item.rule)).toEqual([
      'whole-family-plan',
      'positive-outcome',
      'positive-outcome',
      'positive-outcome',
      'closed',
    ]);
    expect(after.body.items.map((item: { need: string }) => item.need)).toEqual([...NEEDS]);
    expect(after.body.eligibility).toMatchObject({
      claimable: true,
      sustainedFrom: '2026-09-01',
      headlines: ['financial-stability', 'good-education', 'secure-housing'],
      missing: [],
    });
  });

  it('is not claimable with two headline areas or an unmet need', async () => {
    // Prepare
    const twoAreas = await assessedCase(api.tables.db, 'blaby', 'fsw-blaby', [
      'benefit-reliance',
      'financial-difficulty',
      'housing',
    ]);
    const unmet = await assessedCase(api.tables.db, 'blaby', 'fsw-blaby', NEEDS);
    await as('fsw-blaby', 'POST', `/v1/cases/${unmet.id}/outcomes`, evidence('housing', { positive: false }));

    // Act
    const first = await as('fsw-blaby', 'GET', `/v1/cases/${twoAreas.id}/outcomes`);
    const second = await as('fsw-blaby', 'GET', `/v1/cases/${unmet.id}/outcomes`);

    // Assess
    expect(first.body.eligibility.missing[0]).toMatchObject({ rule: 'three-needs' });
    expect(second.body.eligibility.missing).toContainEqual({
      rule: 'positive-outcome',
      message: 'the outcome for "Poor or overcrowded housing (including homelessness)" is not positive',
      need: 'housing',
    });
  });
});

describe('the case page', () => {
  it("shows each need's evidence and what is still missing for a claim", async () => {
    // Prepare
    const record = await assessedCase(api.tables.db, 'blaby', 'fsw-blaby', NEEDS);
    await as('fsw-blaby', 'POST', `/v1/cases/${record.id}/outcomes`, evidence('housing'));

    // Act
    const page = await pageAs('fsw-blaby', `/cases/${record.id}`);

    // Assess
    expect(page.status).toBe(200);
    expect(page.text).toContain('Not claimable yet');
    expect(page.text).toContain('no whole family plan yet');
    expect(page.text).toContain('Positive outcome (Secure housing), 2026-02-01, practitioner evidence');
    expect(page.text).toMatch(/Children missing education[^<]*<\/dt>\s*<dd[^>]*>\s*No evidence yet/);
  });

  it("records a need's evidence through its form, naming a bad field in the page", async () => {
    // Prepare
    const record = await assessedCase(api.tables.db, 'blaby', 'fsw-blaby', NEEDS);
    const cookie = await cookieFor('fsw-blaby');
    const form = await request('GET', `/cases/${record.id}/outcomes`, { cookie });
    const fields = {
      _csrf: csrfOf(form.text),
      need: 'housing',
      positive: 'yes',
      achieved: 'Tenancy sustained, arrears cleared.',
      source: 'data-check:housing-register',
      'achievedOn-day': '1',
      'achievedOn-month': '2',
      'achievedOn-year': '2026',
    };

    // Act
    const bad = await request('POST', `/cases/${record.id}/outcomes`, {
      cookie,
      form: { ...fields, achieved: '' },
    });
    const posted = await request('POST', `/cases/${record.id}/outcomes`, { cookie, form: fields });
    const stored = await as('fsw-blaby', 'GET', `/v1/cases/${record.id}/outcomes`);

    // Assess
    expect(form.status).toBe(200);
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('href="#achieved"');
    expect(posted.status).toBe(303);
    expect(stored.body.items).toEqual([
      expect.objectContaining({
        need: 'housing',
        source: { kind: 'data-check', check: 'housing-register' },
        achievedOn: '2026-02-01',
      }),
    ]);
  });
  it('refuses with a 409 on the page a revision of evidence changed after the form was loaded', async () => {
    // Prepare: version 1 stored; the worker opens the form; a colleague revises it through the API
    const record = await assessedCase(api.tables.db, 'blaby', 'fsw-blaby', NEEDS);
    const path = `/v1/cases/${record.id}/outcomes`;
    await as('fsw-blaby', 'POST', path, evidence('housing'));
    const cookie = await cookieFor('fsw-blaby');
    const form = await request('GET', `/cases/${record.id}/outcomes`, { cookie });
    await as('senior-blaby', 'POST', path, evidence('housing', { positive: false, revises: 1 }));
    const fields = {
      _csrf: csrfOf(form.text),
      need: 'housing',
      positive: 'yes',
      achieved: 'Arrears cleared again.',
      source: 'practitioner',
      'achievedOn-day': '1',
      'achievedOn-month': '3',
      'achievedOn-year': '2026',
      'revises-housing': /name="revises-housing" value="(\d+)"/.exec(form.text)![1]!,
    };

    // Act
    const stale = await request('POST', `/cases/${record.id}/outcomes`, { cookie, form: fields });
    const afterConflict = await as('fsw-blaby', 'GET', path);
    // Posting again from the page that showed the conflict revises what it now shows.
    const again = await request('POST', `/cases/${record.id}/outcomes`, {
      cookie,
      form: {
        ...fields,
        _csrf: csrfOf(stale.text),
        'revises-housing': /name="revises-housing" value="(\d+)"/.exec(stale.text)![1]!,
      },
    });
    const stored = await as('fsw-blaby', 'GET', path);

    // Assess
    expect(fields['revises-housing']).toBe('1');
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('govuk-error-summary');
    expect(stale.text).toContain('was changed after you opened the page, so yours was not recorded');
    expect(stale.text).toContain('No positive outcome (Secure housing)');
    expect(afterConflict.body.items).toEqual([
      expect.objectContaining({ need: 'housing', positive: false, version: 2 }),
    ]);
    expect(again.status).toBe(303);
    expect(stored.body.items).toEqual([
      expect.objectContaining({
        need: 'housing',
        positive: true,
        achieved: 'Arrears cleared again.',
        version: 3,
      }),
    ]);
  });

  it("refuses with a 409 a first record when a colleague recorded the need's evidence meanwhile", async () => {
    // Prepare: no evidence when the form is loaded; a colleague records some before it is posted
    const record = await assessedCase(api.tables.db, 'blaby', 'fsw-blaby', NEEDS);
    const cookie = await cookieFor('fsw-blaby');
    const form = await request('GET', `/cases/${record.id}/outcomes`, { cookie });
    await as('senior-blaby', 'POST', `/v1/cases/${record.id}/outcomes`, evidence('housing'));

    // Act
    const posted = await request('POST', `/cases/${record.id}/outcomes`, {
      cookie,
      form: {
        _csrf: csrfOf(form.text),
        need: 'housing',
        positive: 'no',
        achieved: 'Tenancy at risk again.',
        source: 'practitioner',
        'achievedOn-day': '2',
        'achievedOn-month': '2',
        'achievedOn-year': '2026',
        'revises-housing': /name="revises-housing" value="(\d+)"/.exec(form.text)![1]!,
      },
    });
    const stored = await as('fsw-blaby', 'GET', `/v1/cases/${record.id}/outcomes`);

    // Assess
    expect(form.text).toContain('name="revises-housing" value="0"');
    expect(posted.status).toBe(409);
    expect(stored.body.items).toEqual([
      expect.objectContaining({ need: 'housing', positive: true, version: 1 }),
    ]);
  });
  it('refuses evidence for a claimed family, also when the claim lands after the evidence was read', async () => {
    // Prepare: one family claimed before its evidence is recorded; another claimed between the evidence's
    // read and its write (a client that makes the claim just before the evidence's transaction)
    const claimOf = (caseId: string) =>
      claimPut(api.tables.db, {
        caseId,
        locality: 'melton',
        window: '2026-27-Q3',
        claimedAt: '2026-12-01T12:00:00.000Z',
        headlines: ['good-education'],
        frameworkVersion: 'test',
      });
    const claimedFirst = await assessedCase(api.tables.db, 'melton', 'fsw-melton', NEEDS);
    await transact(api.tables.db, [claimOf(claimedFirst.id)]);
    const claimedMeanwhile = await assessedCase(api.tables.db, 'melton', 'fsw-melton', NEEDS);
    let raced = false;
    const send = async (command: unknown) => {
      const writes = (command as Partial<TransactWriteCommand>).input?.TransactItems;
      if (writes && !raced) {
        raced = true;
        await transact(api.tables.db, [claimOf(claimedMeanwhile.id)]);
      }
      return api.tables.db.client.send(command as TransactWriteCommand);
    };
    const racing = dbThrough(api.tables.db, send);
    const caller = {
      kind: 'staff',
      userId: 'fsw-melton',
      role: 'family-support-worker',
      area: 'melton',
    } as const;
    const record = (db: Db, family: typeof claimedFirst) =>
      recordOutcomeEvidence(
        db,
        family,
        caller,
        evidence('housing') as Parameters<typeof recordOutcomeEvidence>[3],
        new Date('2026-12-02T12:00:00.000Z'),
      ).catch((error: unknown) => error);

    // Act
    const first = await record(api.tables.db, claimedFirst);
    const meanwhile = await record(racing, claimedMeanwhile);

    // Assess: both refused as claimed, and neither family has evidence
    expect(raced).toBe(true);
    for (const refused of [first, meanwhile]) {
      expect(refused).toBeInstanceOf(ConflictError);
      expect((refused as ConflictError).reason).toBe('claimed');
    }
    expect(await listOutcomeEvidence(api.tables.db, claimedFirst.id)).toEqual([]);
    expect(await listOutcomeEvidence(api.tables.db, claimedMeanwhile.id)).toEqual([]);
  });
});
