import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimCyclePut } from '../../../shared/adapters/data/claims';
import { transact } from '../../../shared/adapters/data/db';
import type { ClaimCycle } from '../../../shared/core/schemas/claims';
import { PROGRESS_FIGURES, type ProgressRow } from '../../../shared/core/schemas/progress-return';
import { claimFileOf } from '../../../shared/domain/claims/cycle';
import { assessedCase, closedCase, worker } from '../../support/records';
import { startTestApi, type TestApi } from './harness';

// The quarterly progress information through the staff API (issue #19): counts only, the same rows as
// JSON and CSV; every figure traced to the case references it counts, for the head of service and, for
// their own locality only, a locality manager; nobody else.

let api: TestApi;
const QUARTER = '2026-27-Q3'; // the fixtures' cases are allocated on 23 November 2026
const references: Record<string, string> = {};

beforeAll(async () => {
  api = await startTestApi('progress-return');
  const db = api.tables.db;
  const blaby = await worker(db, { area: 'blaby' });
  const melton = await worker(db, { area: 'melton' });
  const open = await assessedCase(db, 'blaby', blaby.id, ['missing-education', 'housing', 'crime']);
  const closing = await assessedCase(db, 'blaby', blaby.id, [
    'missing-education',
    'housing',
    'domestic-violence',
  ]);
  const closed = await closedCase(db, closing, '2026-12-15');
  const other = await assessedCase(db, 'melton', melton.id, ['missing-education', 'housing', 'crime']);
  references.open = open.reference;
  references.closed = closed.reference;
  references.other = other.reference;
  const cycle: ClaimCycle = {
    window: QUARTER,
    frameworkVersion: '2022-25.1',
    preparedAt: '2027-01-02T06:00:00.000Z',
    status: 'claimed',
    version: 3,
    families: [
      {
        caseId: closed.id,
        reference: closed.reference,
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

async function as(username: string, path: string) {
  return api.call('GET', path, { token: await api.staffToken(username) });
}

const rowOf = (rows: ProgressRow[], scope: string, headline = 'all') =>
  rows.find((row) => row.scope === scope && row.headline === headline)!;

describe('the quarterly progress information', () => {
  it('gives the head of service every scope as JSON and CSV that agree, counts only', async () => {
    // Act
    const json = await as('head', `/v1/progress-returns/${QUARTER}`);
    const csv = await as('head', `/v1/progress-returns/${QUARTER}?format=csv`);

    // Assess
    expect(json.status).toBe(200);
    const rows: ProgressRow[] = json.body.rows;
    expect(rowOf(rows, 'blaby')).toMatchObject({
      workedWith: 2,
      started: 2,
      open: 1,
      closed: 1,
      outcomesAchieved: 1,
      claimed: 1,
    });
    expect(rowOf(rows, 'blaby', 'domestic-abuse')).toMatchObject({ workedWith: 1, closed: 1, claimed: 1 });
    expect(rowOf(rows, 'partnership').workedWith).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(json.body)).not.toMatch(/SLF-|"caseId"/);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('quarter,scope,headline,worked_with,started,open,closed,outcomes_achieved,claimed');
    expect(lines.slice(1)).toEqual(
      rows.map((row) => [QUARTER, row.scope, row.headline, ...PROGRESS_FIGURES.map((f) => row[f])].join(',')),
    );
    expect(csv.text).not.toMatch(/SLF-/);
  });

  it('traces every figure to case references that add up to it', async () => {
    // Act
    const json = await as('head', `/v1/progress-returns/${QUARTER}`);

    // Assess
    for (const scope of ['blaby', 'partnership']) {
      for (const figure of PROGRESS_FIGURES) {
        const drill = await as(
          'head',
          `/v1/progress-returns/${QUARTER}/families?scope=${scope}&figure=${figure}`,
        );
        expect(drill.status).toBe(200);
        expect(drill.body.items).toHaveLength(rowOf(json.body.rows, scope)[figure]);
      }
    }
    const closed = await as('head', `/v1/progress-returns/${QUARTER}/families?scope=blaby&figure=closed`);
    expect(closed.body.items.map((item: { reference: string }) => item.reference)).toEqual([
      references.closed,
    ]);
  });

  it("gives a locality manager their locality's rows and drill-down only; a worker nothing", async () => {
    // Act
    const own = await as('manager-blaby', `/v1/progress-returns/${QUARTER}`);
    const ownDrill = await as(
      'manager-blaby',
      `/v1/progress-returns/${QUARTER}/families?scope=blaby&figure=open`,
    );
    const elsewhere = await as(
      'manager-blaby',
      `/v1/progress-returns/${QUARTER}/families?scope=melton&figure=open`,
    );
    const partnership = await as(
      'manager-blaby',
      `/v1/progress-returns/${QUARTER}/families?scope=partnership&figure=open`,
    );
    const worker = await as('fsw-blaby', `/v1/progress-returns/${QUARTER}`);
    const workerDrill = await as(
      'fsw-blaby',
      `/v1/progress-returns/${QUARTER}/families?scope=blaby&figure=open`,
    );
    const badFigure = await as(
      'head',
      `/v1/progress-returns/${QUARTER}/families?scope=blaby&figure=everything`,
    );
    const badQuarter = await as('head', '/v1/progress-returns/2026-Q9');

    // Assess
    expect(new Set(own.body.rows.map((row: ProgressRow) => row.scope))).toEqual(new Set(['blaby']));
    expect(ownDrill.body.items.map((item: { reference: string }) => item.reference)).toContain(
      references.open,
    );
    expect(elsewhere.status).toBe(404);
    expect(partnership.status).toBe(404);
    expect(worker.status).toBe(403);
    expect(workerDrill.status).toBe(403);
    expect(badFigure.status).toBe(400);
    expect(badQuarter.status).toBe(400);
  });
});
