import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimCyclePut } from '../../../shared/adapters/data/claims';
import { transact } from '../../../shared/adapters/data/db';
import type { ClaimCycle } from '../../../shared/core/schemas/claims';
import { claimFileOf } from '../../../shared/domain/claims/cycle';
import { startTestApi, type TestApi } from './harness';

// The claim file and its drill-down through the staff API (issue #19): counts only in the file, JSON
// and CSV from the same stored file; every figure traced to the families it counts, for the head of
// service and, for their own locality only, a locality manager; nobody else.

let api: TestApi;
const WINDOW = '2026-27-Q3';

beforeAll(async () => {
  api = await startTestApi('claims');
  const families: ClaimCycle['families'] = [
    {
      caseId: '01KB3ZQ7M2X8F5N6P9R0S1T2V3',
      reference: 'SLF-2026-00001',
      locality: 'blaby',
      headlines: ['crime', 'good-education', 'secure-housing'],
      sampled: true,
      claimed: true,
    },
    {
      caseId: '01KB3ZQ7M2X8F5N6P9R0S1T2V4',
      reference: 'SLF-2026-00002',
      locality: 'blaby',
      headlines: ['crime', 'early-years', 'secure-housing'],
      sampled: false,
      claimed: true,
    },
    {
      caseId: '01KB3ZQ7M2X8F5N6P9R0S1T2V5',
      reference: 'SLF-2026-00003',
      locality: 'melton',
      headlines: ['crime', 'good-education', 'financial-stability'],
      sampled: true,
      auditFailed: 'No attendance data',
    },
  ];
  const cycle: ClaimCycle = {
    window: WINDOW,
    frameworkVersion: '2022-25.1',
    preparedAt: '2027-01-02T06:00:00.000Z',
    status: 'claimed',
    version: 3,
    families,
  };
  cycle.file = claimFileOf(cycle, true, '2027-01-20T10:00:00.000Z');
  await transact(api.tables.db, [claimCyclePut(api.tables.db, cycle)]);
});

afterAll(async () => {
  await api?.close();
});

async function as(username: string, path: string) {
  return api.call('GET', path, { token: await api.staffToken(username) });
}

describe('the claim file', () => {
  it('gives the head of service every scope as JSON or CSV, counts only', async () => {
    // Act
    const json = await as('head', `/v1/claims/${WINDOW}`);
    const csv = await as('head', `/v1/claims/${WINDOW}?format=csv`);

    // Assess
    expect(json.status).toBe(200);
    const row = (scope: string, headline: string) =>
      json.body.rows.find(
        (entry: { scope: string; headline: string }) => entry.scope === scope && entry.headline === headline,
      );
    expect(row('partnership', 'all')).toMatchObject({
      claimable: 3,
      sampled: 2,
      audited: 2,
      failedAudit: 1,
      claimed: 2,
    });
    expect(row('blaby', 'early-years')).toMatchObject({ claimable: 1, claimed: 1 });
    expect(JSON.stringify(json.body)).not.toMatch(/SLF-|01KB3/);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.split('\r\n')[0]).toBe(
      'window,scope,headline,claimable,sampled,audited,failed_audit,claimed',
    );
    expect(csv.text).toContain(`${WINDOW},partnership,all,3,2,2,1,2`);
  });

  it("traces a figure to its families; a locality manager sees only their locality's", async () => {
    // Act
    const failed = await as('head', `/v1/claims/${WINDOW}/families?scope=partnership&figure=failedAudit`);
    const blaby = await as(
      'manager-blaby',
      `/v1/claims/${WINDOW}/families?scope=blaby&headline=crime&figure=claimed`,
    );
    const elsewhere = await as('manager-blaby', `/v1/claims/${WINDOW}/families?scope=melton&figure=claimed`);
    const ownRows = await as('manager-blaby', `/v1/claims/${WINDOW}`);
    const worker = await as('fsw-blaby', `/v1/claims/${WINDOW}`);
    const badFigure = await as('head', `/v1/claims/${WINDOW}/families?scope=blaby&figure=everything`);

    // Assess
    expect(failed.body.items).toEqual([
      expect.objectContaining({ reference: 'SLF-2026-00003', auditFailed: 'No attendance data' }),
    ]);
    expect(blaby.body.items.map((item: { reference: string }) => item.reference)).toEqual([
      'SLF-2026-00001',
      'SLF-2026-00002',
    ]);
    expect(elsewhere.status).toBe(404);
    expect(new Set(ownRows.body.rows.map((row: { scope: string }) => row.scope))).toEqual(new Set(['blaby']));
    expect(worker.status).toBe(403);
    expect(badFigure.status).toBe(400);
    expect(JSON.stringify(badFigure.body)).toContain('figure');
  });
});
