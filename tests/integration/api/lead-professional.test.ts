import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../../shared/adapters/data/audit';
import { getCase } from '../../../shared/adapters/data/cases';
import { allocatedCase } from '../../support/records';
import { startTestApi, type TestApi } from './harness';

// The lead professional of the team around the family (issue #18, seeds/003): the key worker by
// default, or a partner agency's practitioner, named by the key worker or a senior; managers see the
// practitioner's role and agency, never their name or contact details.

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi('lead-professional');
});

afterAll(async () => {
  await api?.close();
});

const practitioner = {
  kind: 'practitioner',
  name: 'Sam Liaison',
  role: 'Family liaison officer',
  agency: 'Blaby Primary School',
  email: 'sam.liaison@school.example',
};

async function as(username: string, method: string, path: string, body?: unknown) {
  return api.call(method, path, { token: await api.staffToken(username), ...(body ? { body } : {}) });
}

describe('POST /v1/cases/{id}/lead-professional', () => {
  it('lets the key worker name a practitioner, audited without their name, and shows managers only the agency', async () => {
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');

    const named = await as('fsw-blaby', 'POST', `/v1/cases/${record.id}/lead-professional`, practitioner);
    const seenByWorker = await as('fsw-blaby', 'GET', `/v1/cases/${record.id}`);
    const seenByManager = await as('manager-blaby', 'GET', `/v1/cases/${record.id}`);
    const back = await as('senior-blaby', 'POST', `/v1/cases/${record.id}/lead-professional`, {
      kind: 'key-worker',
    });

    expect(named.status).toBe(200);
    expect(named.body.leadProfessional).toEqual(practitioner);
    expect(seenByWorker.body.case.leadProfessional).toEqual(practitioner);
    expect(seenByManager.body.case.leadProfessional).toEqual({
      kind: 'practitioner',
      role: practitioner.role,
      agency: practitioner.agency,
    });
    expect(back.status).toBe(200);
    expect((await getCase(api.tables.db, record.id))?.leadProfessional).toEqual({ kind: 'key-worker' });
    const events = (await listAuditEvents(api.tables.db, `case#${record.id}`)).items.filter(
      (event) => event.action === 'case.lead-professional-changed',
    );
    expect(events.map((event) => [event.actor.id, event.details?.kind])).toEqual([
      ['fsw-blaby', 'practitioner'],
      ['senior-blaby', 'key-worker'],
    ]);
    expect(JSON.stringify(events)).not.toContain('Sam Liaison');
  });

  it('answers 404 to those who may not decide it, and names the field a practitioner lacks', async () => {
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');

    const hub = await as('hub-blaby', 'POST', `/v1/cases/${record.id}/lead-professional`, practitioner);
    const otherSenior = await as(
      'senior-melton',
      'POST',
      `/v1/cases/${record.id}/lead-professional`,
      practitioner,
    );
    const noAgency = await as('fsw-blaby', 'POST', `/v1/cases/${record.id}/lead-professional`, {
      ...practitioner,
      agency: undefined,
    });

    expect([hub.status, otherSenior.status, noAgency.status]).toEqual([404, 404, 422]);
    expect(noAgency.body.errors.map((error: { path: string }) => error.path)).toEqual(['agency']);
    expect((await getCase(api.tables.db, record.id))?.leadProfessional).toBeUndefined();
  });
});
