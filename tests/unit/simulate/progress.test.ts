import { describe, expect, it } from 'vitest';
import { progressLine } from '../../../local/simulate/progress';

const period = { start: '2026-04-01', days: 365, families: 3302 };

describe('simulation progress line', () => {
  it('shows the share of the period done, the date, the counts and the time left at the pace so far', () => {
    // Half the year (1 Apr + 182.5 days) in 200 s: about 200 s more
    const line = progressLine(
      {
        simulatedDate: '2026-09-30',
        referred: 1650,
        actionsDone: 4000,
        openExecutions: 2100,
        wallSeconds: 200,
      },
      period,
    );
    expect(line).toMatch(
      /^\[#{12}\.{12}\] {2}49% {2}2026-09-30 {2}referred 1650\/3302 {2}open executions 2100 {2}20\.0 actions\/s/,
    );
    expect(line).toMatch(/3 min 20 s so far, about 3 min 2\d s left$/);
  });

  it('says it is estimating at the very start, and never goes past a full bar', () => {
    const first = progressLine(
      { simulatedDate: '2026-04-01', referred: 0, actionsDone: 0, wallSeconds: 0 },
      period,
    );
    expect(first).toContain('[........................]   0%');
    expect(first).toContain('open executions -');
    expect(first).toMatch(/estimating$/);
    const last = progressLine(
      { simulatedDate: '2027-04-02', referred: 3302, actionsDone: 9000, wallSeconds: 400 },
      period,
    );
    expect(last).toContain(`[${'#'.repeat(24)}] 100%`);
    expect(last).toMatch(/about 0 s left$/);
  });
});
