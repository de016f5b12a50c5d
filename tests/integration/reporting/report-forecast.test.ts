import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateCase } from '../../../shared/adapters/data/cases';
import { incrementMetrics } from '../../../shared/adapters/data/metrics';
import { getReportVersion } from '../../../shared/adapters/data/reports';
import { REPORT_FORECAST_FIGURES } from '../../../shared/domain/forecast/report';
import { prepareCycle } from '../../../shared/domain/reporting/reports';
import type { Case } from '../../../shared/core/schemas';
import { createTestTables, type TestTables } from '../../support/tables';
import { ACTOR, newCase, referral, worker } from '../../support/records';
import type { CaseStatus } from '../../../shared/core/vocabulary/cases';

// Next quarter's forecast in the quarterly report (issue 22): the draft built after Q1 carries the
// forecast for Q2 from the position at the quarter end; the draft built after Q2 sets that forecast
// against what Q2's counters and position say happened. Figures only, in the stored report.

let tables: TestTables;

async function walk(record: Case, path: [CaseStatus, string][]): Promise<Case> {
  let current = record;
  for (const [status, at] of path) {
    current = await updateCase(tables.db, {
      id: current.id,
      expectedVersion: current.version,
      now: at,
      actor: ACTOR,
      status,
      ...(status === 'WAITING_LIST' ? { changes: { waitingSince: at } } : {}),
    });
  }
  return current;
}

beforeAll(async () => {
  tables = await createTestTables('report-forecast');
  await worker(tables.db, { id: 'fsw-forecast-1', area: 'blaby' });
  const at = (day: string) => `2026-${day}T09:00:00.000Z`;
  for (let n = 0; n < 4; n += 1)
    await walk(
      await newCase(tables.db, { receivedAt: at('05-20'), referral: referral({ locality: 'blaby' }) }),
      [
        ['SCREENING', at('05-21')],
        ['HUB_DECISION', at('05-22')],
        ['WAITING_LIST', at('06-01')],
      ],
    );
});

afterAll(async () => {
  await tables?.drop();
});

describe("the quarterly report's forecast", () => {
  it("carries next quarter's forecast from the position at the quarter end", async () => {
    await prepareCycle(tables.db, '2026-27-Q1', '2026-06-30T23:30:00.000Z');

    const blaby = await getReportVersion(tables.db, 'blaby', '2026-27-Q1', 1);
    const partnership = await getReportVersion(tables.db, 'partnership', '2026-27-Q1', 1);
    expect(blaby?.forecast).toMatchObject({ from: '2026-07-01', weeks: 13, runs: 40 });
    expect(Object.keys(blaby!.forecast!.figures).sort()).toEqual([...REPORT_FORECAST_FIGURES].sort());
    expect(partnership?.forecast?.from).toBe('2026-07-01');
    // The first quarter has no earlier forecast to review
    expect(blaby?.forecastReview).toBeUndefined();
  });

  it('sets the forecast made a quarter ago against what happened', async () => {
    await incrementMetrics(tables.db, 'report-forecast-q2', [
      {
        scope: 'blaby',
        period: '2026-27-Q2',
        increments: {
          'referrals.outcome.partner.allocated': 3,
          'assessments.completed': 4,
          'assessments.onTime': 3,
          'reviews.held': 2,
          'reviews.onTime': 2,
        },
      },
    ]);

    await prepareCycle(tables.db, '2026-27-Q2', '2026-09-30T23:30:00.000Z');

    const q1 = await getReportVersion(tables.db, 'blaby', '2026-27-Q1', 1);
    const q2 = await getReportVersion(tables.db, 'blaby', '2026-27-Q2', 1);
    expect(q2?.forecastReview).toMatchObject({ forecastPeriod: '2026-27-Q1', forecastFrom: '2026-07-01' });
    const rows = Object.fromEntries(q2!.forecastReview!.rows.map((row) => [row.figure, row]));
    // The Q1 report's forecast, set beside Q2's counters and position
    expect(rows.waitingListAtEnd!.forecast).toEqual(q1!.forecast!.figures.waitingListAtEnd);
    expect(rows.waitingListAtEnd!.actual).toBe(4);
    expect(rows.allocations!.actual).toBe(3);
    expect(rows.assessmentsOnTimePercent!.actual).toBe(75);
    expect(rows.reviewsAt12WeeksPercent!.actual).toBe(100);
    const band = rows.waitingListAtEnd!.forecast!;
    expect(rows.waitingListAtEnd!.withinBand).toBe(4 >= band.p10 && 4 <= band.p90);
    expect(q2?.forecast?.from).toBe('2026-10-01');
  });
});
