import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../../shared/adapters/data/audit';
import { getItem } from '../../../shared/adapters/data/db';
import { sharedCaseKey } from '../../../shared/adapters/data/keys';
import { listSharedCaseIds } from '../../../shared/adapters/data/sharing-consents';
import { deleteCaseData } from '../../../shared/adapters/data/retention';
import { partnerMayShare } from '../../../shared/domain/sharing/consents';
import { allocatedCase } from '../../support/records';
import { startTestApi, type TestApi } from './harness';

// What the family agreed to share, per agency and purpose (issue #18, Team Around the Family):
// recorded and withdrawn by the key worker or their senior, audited without the family's words, and an
// agency's access follows the consent exactly: withdrawn means refused on the very next request.

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi('sharing-consents');
});

afterAll(async () => {
  await api?.close();
});

const consent = {
  partnerId: 'demo-school',
  purpose: 'plan-actions',
  givenBy: 'Mother',
  givenOn: '2026-01-10',
};
const withdrawal = { withdrawnBy: 'Mother', withdrawnOn: '2026-01-20', note: 'Mum asked on the phone' };

async function as(username: string, method: string, path: string, body?: unknown) {
  return api.call(method, path, { token: await api.staffToken(username), ...(body ? { body } : {}) });
}

describe('sharing consents', () => {
  it('gives the agency access at once and takes it away at once when withdrawn, both audited', async () => {
    // Prepare
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const path = `/v1/cases/${record.id}/sharing-consents`;

    // Act
    const given = await as('fsw-blaby', 'POST', path, consent);
    const twice = await as('senior-blaby', 'POST', path, consent);
    const mayBefore = await partnerMayShare(api.tables.db, 'demo-school', record, 'plan-actions');
    const sharedBefore = await listSharedCaseIds(api.tables.db, 'demo-school', 'plan-actions');
    const withdrawn = await as(
      'senior-blaby',
      'POST',
      `${path}/demo-school/plan-actions/withdraw`,
      withdrawal,
    );
    const again = await as('fsw-blaby', 'POST', `${path}/demo-school/plan-actions/withdraw`, withdrawal);
    const mayAfter = await partnerMayShare(api.tables.db, 'demo-school', record, 'plan-actions');
    const sharedAfter = await listSharedCaseIds(api.tables.db, 'demo-school', 'plan-actions');
    const listed = await as('hub-blaby', 'GET', path);

    // Assess
    expect(given.status).toBe(201);
    expect(given.body).toMatchObject({
      ...consent,
      status: 'given',
      partnerName: 'Demo School',
      recordedBy: 'fsw-blaby',
    });
    expect(twice.status).toBe(409);
    expect([mayBefore, mayAfter]).toEqual([true, false]);
    expect(sharedBefore).toContain(record.id);
    expect(sharedAfter).not.toContain(record.id);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({
      status: 'withdrawn',
      withdrawnOn: '2026-01-20',
      withdrawalRecordedBy: 'senior-blaby',
    });
    expect(again.status).toBe(409);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item: { status: string }) => item.status)).toEqual(['withdrawn']);
    const events = (await listAuditEvents(api.tables.db, `case#${record.id}`)).items.filter((event) =>
      event.action.startsWith('case.sharing-consent'),
    );
    expect(events.map((event) => [event.action, event.actor.id, event.details?.partnerId])).toEqual([
      ['case.sharing-consent-given', 'fsw-blaby', 'demo-school'],
      ['case.sharing-consent-withdrawn', 'senior-blaby', 'demo-school'],
    ]);
    expect(JSON.stringify(events)).not.toContain('Mother');
  });

  it('can be given again after a withdrawal, per agency and per purpose', async () => {
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const path = `/v1/cases/${record.id}/sharing-consents`;

    await as('fsw-blaby', 'POST', path, consent);
    await as('fsw-blaby', 'POST', path, { ...consent, partnerId: 'demo-police' });
    await as('fsw-blaby', 'POST', `${path}/demo-school/plan-actions/withdraw`, withdrawal);
    const regiven = await as('fsw-blaby', 'POST', path, { ...consent, givenOn: '2026-01-25' });

    expect(regiven.status).toBe(201);
    expect(await partnerMayShare(api.tables.db, 'demo-school', record, 'plan-actions')).toBe(true);
    expect(await partnerMayShare(api.tables.db, 'demo-police', record, 'plan-actions')).toBe(true);
  });

  it('refuses those who may not record it, unknown agencies and future dates, naming the field', async () => {
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const path = `/v1/cases/${record.id}/sharing-consents`;

    const hub = await as('hub-blaby', 'POST', path, consent);
    const otherLocality = await as('senior-melton', 'POST', path, consent);
    const otherRead = await as('senior-melton', 'GET', path);
    const manager = await as('manager-blaby', 'GET', path);
    const unknown = await as('fsw-blaby', 'POST', path, { ...consent, partnerId: 'no-such-agency' });
    const future = await as('fsw-blaby', 'POST', path, { ...consent, givenOn: '2099-01-01' });
    const badPurpose = await as('fsw-blaby', 'POST', path, { ...consent, purpose: 'everything' });

    expect([hub.status, otherLocality.status, otherRead.status, manager.status]).toEqual([
      403, 404, 404, 404,
    ]);
    expect([unknown.status, future.status, badPurpose.status]).toEqual([422, 422, 422]);
    expect(unknown.body.errors.map((error: { path: string }) => error.path)).toEqual(['partnerId']);
    expect(future.body.errors.map((error: { path: string }) => error.path)).toEqual(['givenOn']);
    expect(badPurpose.body.errors.map((error: { path: string }) => error.path)).toEqual(['purpose']);
    expect(await partnerMayShare(api.tables.db, 'demo-school', record, 'plan-actions')).toBe(false);
  });

  it('is deleted with the case by the retention sweep, the agency side included', async () => {
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    await as('fsw-blaby', 'POST', `/v1/cases/${record.id}/sharing-consents`, consent);

    await deleteCaseData(api.tables.db, record.id);

    expect(
      await getItem(api.tables.db, sharedCaseKey('demo-school', 'plan-actions', record.id)),
    ).toBeUndefined();
    expect(await listSharedCaseIds(api.tables.db, 'demo-school', 'plan-actions')).not.toContain(record.id);
  });
});
