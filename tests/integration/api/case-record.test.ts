import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../../shared/adapters/data/audit';
import { allocatedCase } from '../../support/records';
import { startTestApi, type TestApi } from './harness';

// The case record's chronology through the staff API (issue #18): typed entries, never overwritten
// (a revision is the next version, the earlier stays readable), audited with ids only, filtered by
// type, person and day, and kept only by the people who work with the family.

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi('case-record');
});

afterAll(async () => {
  await api?.close();
});

const visit = {
  type: 'visit',
  occurredAt: '2026-01-12T10:00:00.000Z',
  present: { family: ['Kerry Testfamily', 'Jay Testfamily'], agencies: [] },
  text: 'Home visit. Kerry talked about the rent arrears and the school mornings.',
};
const childVoice = {
  type: 'child-voice',
  occurredAt: '2026-01-14T15:30:00.000Z',
  present: { family: ['Jay Testfamily'], agencies: ['Charnwood Primary School'] },
  child: 'Jay Testfamily',
  text: 'Jay said: "I like it when mum walks me to school."',
};

async function as(username: string, method: string, path: string, body?: unknown) {
  return api.call(method, path, { token: await api.staffToken(username), ...(body ? { body } : {}) });
}

describe('the case record (chronology)', () => {
  it('keeps typed entries newest first, filters them, and audits each with ids only', async () => {
    // Prepare
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const path = `/v1/cases/${record.id}/record`;

    // Act
    const first = await as('fsw-blaby', 'POST', path, visit);
    const second = await as('senior-blaby', 'POST', path, childVoice);
    const all = await as('fsw-blaby', 'GET', path);
    const voices = await as('fsw-blaby', 'GET', `${path}?type=child-voice`);
    const withSchool = await as('fsw-blaby', 'GET', `${path}?person=charnwood%20primary`);
    const early = await as('fsw-blaby', 'GET', `${path}?to=2026-01-13`);

    // Assess
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ ...visit, caseId: record.id, version: 1, writtenBy: 'fsw-blaby' });
    expect(second.status).toBe(201);
    expect(all.body.items.map((entry: { type: string }) => entry.type)).toEqual(['child-voice', 'visit']);
    expect(voices.body.items.map((entry: { id: string }) => entry.id)).toEqual([second.body.id]);
    expect(withSchool.body.items.map((entry: { id: string }) => entry.id)).toEqual([second.body.id]);
    expect(early.body.items.map((entry: { id: string }) => entry.id)).toEqual([first.body.id]);
    const audit = (await listAuditEvents(api.tables.db, `case#${record.id}`)).items.filter((event) =>
      event.action.startsWith('case.record-entry'),
    );
    expect(audit.map((event) => [event.action, event.details?.entryId, event.actor.id])).toEqual([
      ['case.record-entry-added', first.body.id, 'fsw-blaby'],
      ['case.record-entry-added', second.body.id, 'senior-blaby'],
    ]);
    expect(JSON.stringify(audit)).not.toContain('Testfamily');
  });

  it('revises an entry as its next version, keeps the earlier readable, and refuses a stale revision', async () => {
    // Prepare
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const created = await as('fsw-blaby', 'POST', `/v1/cases/${record.id}/record`, visit);
    const entryPath = `/v1/cases/${record.id}/record/${created.body.id}`;
    const corrected = { ...visit, text: 'Home visit. Kerry talked about the school mornings.', revises: 1 };

    // Act
    const revised = await as('senior-blaby', 'POST', entryPath, corrected);
    const stale = await as('fsw-blaby', 'POST', entryPath, { ...corrected, text: 'A later edit of v1.' });
    const versions = await as('fsw-blaby', 'GET', entryPath);
    const chronology = await as('fsw-blaby', 'GET', `/v1/cases/${record.id}/record`);

    // Assess
    expect(revised.status).toBe(201);
    expect(revised.body).toMatchObject({ id: created.body.id, version: 2, writtenBy: 'senior-blaby' });
    expect(stale.status).toBe(409);
    expect(versions.body.versions.map((version: { version: number; text: string }) => version.text)).toEqual([
      visit.text,
      corrected.text,
    ]);
    expect(chronology.body.items).toEqual([
      expect.objectContaining({ version: 2, versions: 2, text: corrected.text }),
    ]);
  });

  it('refuses what breaks the rules, naming the field, and writes nothing', async () => {
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const path = `/v1/cases/${record.id}/record`;

    const noChild = await as('fsw-blaby', 'POST', path, { ...childVoice, child: undefined });
    const future = await as('fsw-blaby', 'POST', path, { ...visit, occurredAt: '2999-01-01T10:00:00.000Z' });
    const unknownType = await as('fsw-blaby', 'POST', path, { ...visit, type: 'gossip' });
    const badFilter = await as('fsw-blaby', 'GET', `${path}?type=gossip`);

    expect([noChild.status, future.status, unknownType.status, badFilter.status]).toEqual([
      422, 422, 422, 400,
    ]);
    expect(noChild.body.errors.map((error: { path: string }) => error.path)).toEqual(['child']);
    expect(future.body.errors.map((error: { path: string }) => error.path)).toEqual(['occurredAt']);
    expect(unknownType.body.errors.map((error: { path: string }) => error.path)).toEqual(['type']);
    expect((await as('fsw-blaby', 'GET', path)).body.items).toEqual([]);
  });

  it.each([
    ['a worker of another locality', 'fsw-melton'],
    ['a senior of another locality', 'senior-melton'],
    ["the locality's manager, who sees a case's facts only", 'manager-blaby'],
    ["the head of service, who sees a case's facts only", 'head'],
  ])('answers 404 to %s, for reading and writing alike', async (_who, username) => {
    const record = await allocatedCase(api.tables.db, 'blaby', 'fsw-blaby');
    const created = await as('fsw-blaby', 'POST', `/v1/cases/${record.id}/record`, visit);

    const read = await as(username, 'GET', `/v1/cases/${record.id}/record`);
    const readEntry = await as(username, 'GET', `/v1/cases/${record.id}/record/${created.body.id}`);
    const write = await as(username, 'POST', `/v1/cases/${record.id}/record`, visit);

    expect([read.status, readEntry.status, write.status]).toEqual([404, 404, 404]);
    expect((await as('fsw-blaby', 'GET', `/v1/cases/${record.id}/record`)).body.items).toHaveLength(1);
  });
});
