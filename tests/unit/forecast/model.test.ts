import { describe, expect, it } from 'vitest';
import { addWorkingDays, daysBetween } from '../../../shared/core/calendar';
import { DayTable } from '../../../shared/domain/forecast/days';
import type { LocalityStart } from '../../../shared/domain/forecast/model';
import { FALLBACK, type ForecastParameters } from '../../../shared/domain/forecast/parameters';
import { bandOf, project, type WhatIf } from '../../../shared/domain/forecast/project';

// The forecast model's rules, each on a small hand-built locality: seeded runs repeat exactly, a
// worker is never given more than their capacity, the waiting list is first come first served, and
// each what-if moves the figures the way it must.

const START = '2026-12-07'; // a Monday

function parameters(perDay: number, overrides: Partial<ForecastParameters> = {}): ForecastParameters {
  return {
    ...FALLBACK,
    localities: {
      charnwood: {
        referralsPerWorkingDay: new Array<number>(12).fill(perDay),
        complexShare: 0.4,
        enhancedShare: FALLBACK.enhancedShare,
      },
    },
    ...overrides,
  };
}

function locality(workers: number, open: LocalityStart['open'] = []): LocalityStart {
  return {
    locality: 'charnwood',
    workers: Array.from({ length: workers }, () => ({ capacity: 30, load: 0 })),
    open,
  };
}

const run = (options: {
  perDay: number;
  workers: number;
  whatIf?: WhatIf;
  days?: number;
  seed?: number;
  open?: LocalityStart['open'];
}) =>
  project({
    start: START,
    days: options.days ?? 91,
    runs: 20,
    seed: options.seed ?? 1,
    localities: [locality(options.workers, options.open)],
    parameters: parameters(options.perDay),
    ...(options.whatIf ? { whatIf: options.whatIf } : {}),
  });

describe('the forecast model', () => {
  it('gives the same projection for the same seed, and another for another seed', () => {
    const first = run({ perDay: 3, workers: 10 });
    expect(run({ perDay: 3, workers: 10 })).toEqual(first);
    expect(run({ perDay: 3, workers: 10, seed: 2 }).weeks).not.toEqual(first.weeks);
  });

  it('answers thirteen weekly rows for 13 weeks, each band in order', () => {
    const projection = run({ perDay: 3, workers: 10 });
    expect(projection.weeks).toHaveLength(13);
    expect(projection.weeks[0]!.weekEnding).toBe('2026-12-13');
    expect(projection.weeks[12]!.weekEnding).toBe('2027-03-07');
    for (const week of projection.weeks)
      for (const band of [week.waitingList, week.longestWaitDays, week.allocations, week.caseloadPercent]) {
        if (!band) continue;
        expect(band.p10).toBeLessThanOrEqual(band.median);
        expect(band.median).toBeLessThanOrEqual(band.p90);
      }
  });

  it('never gives a worker more than their capacity', () => {
    const projection = run({ perDay: 8, workers: 5, days: 182 });
    for (const week of projection.weeks) expect(week.caseloadPercent!.p90).toBeLessThanOrEqual(100);
    // Demand far above capacity: the list grows and the workers are nearly full
    expect(projection.totals.waitingListAtEnd.median).toBeGreaterThan(100);
    expect(projection.totals.caseloadPercentAtEnd!.median).toBeGreaterThan(85);
  });

  it('with nothing open and nobody referred, projects nothing', () => {
    const projection = run({ perDay: 0, workers: 3 });
    expect(projection.totals.referrals).toEqual({ p10: 0, median: 0, p90: 0 });
    expect(projection.totals.allocations.median).toBe(0);
    expect(projection.totals.waitingListAtEnd.median).toBe(0);
    expect(projection.totals.assessmentsOnTimePercent).toBeNull();
    expect(projection.weeks.every((week) => week.caseloadPercent?.median === 0)).toBe(true);
  });

  it('allocates the waiting list first come, first served, as soon as a worker has room', () => {
    const waiting = [40, 10, 25].map((days) => ({
      stage: 'waiting' as const,
      complex: false,
      enhanced: false,
      daysInStage: days,
    }));
    // No worker: the list waits, its longest wait growing by the day
    const stuck = run({ perDay: 0, workers: 0, open: waiting, days: 14 });
    expect(stuck.weeks[0]!.waitingList.median).toBe(3);
    expect(stuck.weeks[0]!.longestWaitDays.median).toBe(46);
    expect(stuck.weeks[1]!.longestWaitDays.median).toBe(53);
    // One worker with room for all three (3 units each): all allocated on the first day
    const placed = run({ perDay: 0, workers: 1, open: waiting, days: 14 });
    expect(placed.weeks[0]!.allocations.median).toBe(3);
    expect(placed.weeks[0]!.waitingList.median).toBe(0);
  });

  it('shortens the waiting list when workers are added, and lengthens it when they leave', () => {
    const base = run({ perDay: 6, workers: 8, days: 182 });
    const more = run({
      perDay: 6,
      workers: 8,
      days: 182,
      whatIf: { workers: [{ locality: 'charnwood', change: 4, from: START }] },
    });
    const fewer = run({
      perDay: 6,
      workers: 8,
      days: 182,
      whatIf: { workers: [{ locality: 'charnwood', change: -3, from: START }] },
    });
    expect(more.totals.waitingListAtEnd.median).toBeLessThan(base.totals.waitingListAtEnd.median);
    expect(more.totals.allocations.median).toBeGreaterThan(base.totals.allocations.median);
    expect(fewer.totals.waitingListAtEnd.median).toBeGreaterThan(base.totals.waitingListAtEnd.median);
  });

  it('adds workers only from the date given', () => {
    const later = '2027-01-04';
    const base = run({ perDay: 6, workers: 4 });
    const changed = run({
      perDay: 6,
      workers: 4,
      whatIf: { workers: [{ locality: 'charnwood', change: 2, from: later }] },
    });
    const before = daysBetween(START, later) / 7; // 4 weeks unchanged
    expect(changed.weeks.slice(0, before)).toEqual(base.weeks.slice(0, before));
    expect(changed.weeks[before]!.allocations.median).toBeGreaterThan(base.weeks[before]!.allocations.median);
  });

  it('scales referrals by the referral-rate what-if', () => {
    const base = run({ perDay: 4, workers: 10 });
    const more = run({ perDay: 4, workers: 10, whatIf: { referralRate: { factor: 1.5 } } });
    expect(more.totals.referrals.median / base.totals.referrals.median).toBeGreaterThan(1.35);
    expect(more.totals.referrals.median / base.totals.referrals.median).toBeLessThan(1.65);
  });

  it('counts fewer assessments on time when their timescale is shortened', () => {
    const base = run({ perDay: 3, workers: 20, days: 182 });
    const shorter = run({
      perDay: 3,
      workers: 20,
      days: 182,
      whatIf: { timescales: { assessmentWorkingDays: 25 } },
    });
    expect(base.totals.assessmentsOnTimePercent!.median).toBeGreaterThan(80);
    expect(shorter.totals.assessmentsOnTimePercent!.median).toBeLessThan(
      base.totals.assessmentsOnTimePercent!.median - 20,
    );
  });

  it('holds more reviews when they fall more often', () => {
    const open = Array.from({ length: 30 }, (_, index) => ({
      stage: 'support' as const,
      complex: false,
      enhanced: true,
      daysInStage: 20,
      daysSinceAllocation: 40 + index,
      worker: index % 4,
    }));
    const start = (): LocalityStart => ({
      ...locality(4, open),
      workers: Array.from({ length: 4 }, () => ({ capacity: 30, load: 24 })),
    });
    const base = project({
      start: START,
      days: 182,
      runs: 10,
      seed: 3,
      localities: [start()],
      parameters: parameters(0),
    });
    const often = project({
      start: START,
      days: 182,
      runs: 10,
      seed: 3,
      localities: [start()],
      parameters: parameters(0),
      whatIf: { timescales: { reviewIntervalWeeks: 6 } },
    });
    expect(often.totals.reviews.median).toBeGreaterThan(base.totals.reviews.median * 1.5);
  });
});

describe('the forecast calendar', () => {
  it('counts working days as the journey does (weekends and bank holidays)', () => {
    const table = new DayTable(START, 400);
    for (const [offset, count] of [
      [0, 1],
      [4, 1],
      [5, 1],
      [10, 12],
      [14, 45],
      [30, 20],
    ] as const) {
      const expected = daysBetween(START, addWorkingDays(table.dates[offset]!, count));
      expect(table.addWorkingDays(offset, count)).toBe(expected);
    }
  });
});

describe('bands', () => {
  it('takes the median and the 10% and 90% points of the runs', () => {
    expect(bandOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])).toEqual({ p10: 2, median: 6, p90: 10 });
    expect(bandOf([5])).toEqual({ p10: 5, median: 5, p90: 5 });
  });
});
