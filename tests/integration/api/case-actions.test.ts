import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCase } from '../../../shared/adapters/data/cases';
import { getWorker } from '../../../shared/adapters/data/workers';
import { allocatedCase } from '../../support/records';
import { startTestApi, type TestApi } from './harness';

// Staff change a case's course outside its tasks: POST /v1/cases/{id}/step-up | withdraw | transfer |
// extend-support, each allowed to the roles DESIGN.md gives it and 404 to everyone else.

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi('case-actions', { inbox: true });
});

afterAll(async () => {
  await api?.close();
});

const allocatedInBlaby = () => allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');

async function post(username: string, caseId: string, action: string, body: unknown) {
  return api.call('POST', `/v1/cases/${caseId}/${action}`, { token: await api.staffToken(username), body });
}

describe('POST /v1/cases/{id}/step-up', () => {
  it('lets the key worker step a case up; stepping an ended case up again is a 409', async () => {
    const record = await allocatedInBlaby();
    const loadBefore = (await getWorker(api.tables.db, 'fsw-blaby'))!.load;

    const first = await post('fsw-blaby', record.id, 'step-up', { reason: 'Disclosure at the home visit.' });
    // The key worker no longer holds the case; their senior still sees it.
    const second = await post('senior-blaby', record.id, 'step-up', { reason: 'Again.' });

    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ caseId: record.id, status: 'STEPPED_UP', locality: 'blaby' });
    expect((await getCase(api.tables.db, record.id))?.status).toBe('STEPPED_UP');
    expect((await getWorker(api.tables.db, 'fsw-blaby'))!.load).toBeLessThan(loadBefore);
    expect(second.status).toBe(409);
    const told = (await api.ses!.emails()).filter((email) => email.body.text?.includes(record.reference));
    expect(told.length).toBeGreaterThan(0);
    const texts = told.map((email) => `${email.subject}\n${email.body.text}`).join('\n');
    expect(texts).not.toContain(record.referral.family.members[0].familyName);
  });

  it('answers 404 to staff of another locality and leaves the case as it was', async () => {
    const record = await allocatedInBlaby();
    const answer = await post('senior-melton', record.id, 'step-up', { reason: 'Concern.' });
    expect(answer.status).toBe(404);
    expect((await getCase(api.tables.db, record.id))?.status).toBe('ALLOCATED');
  });

  it('names the field at fault when the reason is missing', async () => {
    const record = await allocatedInBlaby();
    const answer = await post('fsw-blaby', record.id, 'step-up', { reason: '   ' });
    expect(answer.status).toBe(422);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.body.errors.map((error: { path: string }) => error.path)).toEqual(['reason']);
  });
});

describe('POST /v1/cases/{id}/withdraw', () => {
  it("records the family's withdrawal by a hub coordinator in the area", async () => {
    const record = await allocatedInBlaby();
    const answer = await post('hub-blaby', record.id, 'withdraw', { reason: 'The family moved away.' });
    expect(answer.status).toBe(200);
    const stored = await getCase(api.tables.db, record.id);
    expect(stored?.status).toBe('WITHDRAWN');
    expect(stored?.closure?.reason).toBe('withdrawn');
  });
});

describe('POST /v1/cases/{id}/transfer', () => {
  it("moves a case to another locality's worker with room, when a senior asks", async () => {
    const record = await allocatedInBlaby();
    const answer = await post('senior-blaby', record.id, 'transfer', { toLocality: 'melton' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ caseId: record.id, locality: 'melton', keyWorkerId: 'fsw-melton' });
    expect((await getCase(api.tables.db, record.id))?.keyWorkerId).toBe('fsw-melton');
  });

  it('is refused (404) to the key worker: moving a family is a senior decision', async () => {
    const record = await allocatedInBlaby();
    const answer = await post('fsw-blaby', record.id, 'transfer', { toLocality: 'melton' });
    expect(answer.status).toBe(404);
    expect((await getCase(api.tables.db, record.id))?.locality).toBe('blaby');
  });

  it('needs a worker or a locality, and a locality that exists', async () => {
    const record = await allocatedInBlaby();
    const neither = await post('senior-blaby', record.id, 'transfer', {});
    const unknown = await post('senior-blaby', record.id, 'transfer', { toLocality: 'atlantis' });
    expect(neither.status).toBe(422);
    expect(neither.body.errors[0].path).toBe('toWorkerId');
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].path).toBe('toLocality');
  });
});

describe('POST /v1/cases/{id}/extend-support', () => {
  it('is a 409 for a case not yet in support, and 422 for a date that is not one', async () => {
    const record = await allocatedInBlaby();
    const early = await post('senior-blaby', record.id, 'extend-support', { until: '2027-12-31' });
    const badDate = await post('senior-blaby', record.id, 'extend-support', { until: '31/12/2027' });
    expect(early.status).toBe(409);
    expect(badDate.status).toBe(422);
    expect(badDate.body.errors[0].path).toBe('until');
  });

  it('is refused (404) to the key worker', async () => {
    const record = await allocatedInBlaby();
    const answer = await post('fsw-blaby', record.id, 'extend-support', { until: '2027-12-31' });
    expect(answer.status).toBe(404);
  });
});
