import { describe, expect, it } from 'vitest';
import { parseQuarterId } from '../../../shared/core/calendar';
import { METRIC_CATALOGUE } from '../../../shared/domain/metrics/catalogue';
import {
  combineScopes,
  computeAnnualReport,
  computeReport,
  type Counters,
  reportWindow,
  type ScopeInputs,
} from '../../../shared/domain/metrics/compute';
import type { ImprovementThresholds } from '../../../shared/domain/metrics/thresholds';

// A hand-built Charnwood: three quarters of 2026/27 and the end of 2025/26. Every expected number
// below is worked out by hand from these counters, in the comment beside it.

const THRESHOLDS: ImprovementThresholds = {
  assessmentsOnTime: 0.86,
  reviewsOnTime: 0.9,
  waitingListGrowthQuarters: 2,
  persistentQuarters: 2,
  assessmentsOnTimeIsBaseline: true,
};

const Q3 = parseQuarterId('2026-27-Q3');

function charnwood(): ScopeInputs {
  const counters: Record<string, Counters> = {
    '2025-26-Q3': { 'claims.candidates': 3, 'claims.lapsed': 1 },
    '2025-26-Q4': { 'referrals.source.partner': 20 },
    '2026-27-Q1': {
      'referrals.reReferred': 3,
      'referrals.source.partner': 10,
      'referrals.source.self': 3,
      'referrals.source.staff': 2,
      'referrals.stepDowns': 1,
      'referrals.outcome.partner.allocated': 6,
      'referrals.outcome.partner.nfa': 2,
      'referrals.outcome.self.redirected': 1,
      'referrals.outcome.staff.stepped-up': 1,
      'families.engaged': 5,
      'individuals.engaged': 19,
      'assessments.completed': 4,
      'assessments.onTime': 4,
      'issues.looking-after-children': 4,
      'issues.financial-difficulty': 2,
      'issues.housing': 1,
      'claims.candidates': 1,
      'waitingList.joined': 3,
      'waitingList.left': 1,
      'waitingList.daysWaited': 12,
      'stock.waitingList.length': 4,
    },
    '2026-27-Q2': {
      'referrals.source.partner': 8,
      'referrals.source.self': 4,
      'referrals.outcome.partner.allocated': 5,
      'referrals.outcome.self.allocated': 2,
      'referrals.outcome.partner.withdrawn': 1,
      'families.engaged': 6,
      'individuals.engaged': 22,
      'assessments.completed': 7,
      'assessments.onTime': 6,
      'issues.looking-after-children': 6,
      'issues.healthy-lifestyle': 5,
      'reviews.held': 4,
      'reviews.onTime': 4,
      'familyStar.readings': 4,
      'familyStar.baseline.home-money': 12,
      'familyStar.latest.home-money': 20,
      'closures.reason.plan-completed': 2,
      'closures.outcome.needs-met': 2,
      'claims.candidates': 1,
      'waitingList.joined': 4,
      'waitingList.left': 2,
      'waitingList.daysWaited': 30,
      'stock.waitingList.length': 6,
    },
    '2026-27-Q3': {
      'referrals.reReferred': 2,
      'referrals.source.partner': 9,
      'referrals.source.self': 2,
      'referrals.source.staff': 1,
      'referrals.stepDowns': 1,
      'referrals.outcome.partner.allocated': 4,
      'referrals.outcome.self.nfa': 1,
      'referrals.outcome.staff.redirected': 1,
      'referrals.outcome.partner.stepped-up': 1,
      'families.engaged': 4,
      'individuals.engaged': 15,
      'assessments.completed': 8,
      'assessments.onTime': 6,
      'issues.looking-after-children': 7,
      'issues.financial-difficulty': 4,
      'issues.violent-child': 2,
      'reviews.held': 5,
      'reviews.onTime': 4,
      'familyStar.readings': 5,
      'familyStar.baseline.home-money': 20,
      'familyStar.latest.home-money': 32,
      'familyStar.baseline.well-being': 25,
      'familyStar.latest.well-being': 30,
      'closures.reason.plan-completed': 3,
      'closures.reason.family-disengaged': 1,
      'closures.reason.stepped-up': 1,
      'closures.outcome.needs-met': 2,
      'closures.outcome.some-needs-met': 1,
      'closures.outcome.not-recorded': 1,
      'closures.outcome.stepped-up': 1,
      'claims.candidates': 2,
      'waitingList.joined': 5,
      'waitingList.left': 3,
      'waitingList.daysWaited': 45,
      'stock.waitingList.length': 9,
      'stock.waitingList.longestWaitDays': 40,
      'stock.families.open': 30,
      'stock.individuals.open': 110,
    },
  };
  return {
    scope: 'charnwood',
    quarter: Q3,
    counters,
    workers: [
      { workerId: 'fsw-b', openCases: 6, loadUnits: 30, capacityUnits: 30 },
      { workerId: 'fsw-a', openCases: 9, loadUnits: 27, capacityUnits: 30 },
      { workerId: 'fsw-c', openCases: 5, loadUnits: 15, capacityUnits: 30 },
    ],
  };
}

describe('a locality’s quarterly figures', () => {
  const { metrics } = computeReport(charnwood(), THRESHOLDS);

  it('counts referrals by source and by outcome, for the quarter and the year to date', () => {
    expect(metrics['referrals.received']).toEqual({ quarter: 12, yearToDate: 39 }); // 9+2+1; 15+12+12
    expect(metrics['referrals.source.partner']).toEqual({ quarter: 9, yearToDate: 27 }); // 10+8+9
    expect(metrics['referrals.outcome.allocated']).toEqual({ quarter: 4, yearToDate: 17 }); // 6; 5+2; 4
    expect(metrics['referrals.outcome.partner.allocated']).toEqual({ quarter: 4, yearToDate: 15 });
    expect(metrics['referrals.outcomes']).toEqual({ quarter: 7, yearToDate: 25 }); // 4+1+1+1; 10+8+7
  });

  it('gives the step-down rate: step-downs from social care as a share of referrals received', () => {
    expect(metrics['referrals.stepDowns']).toEqual({ quarter: 1, yearToDate: 2 });
    expect(metrics['referrals.stepDownPercent']).toEqual({ quarter: 8.3, yearToDate: 5.1 }); // 1/12; 2/39
  });

  it('counts re-referrals within 12 months, and their share of referrals received', () => {
    expect(metrics['referrals.reReferred']).toEqual({ quarter: 2, yearToDate: 5 }); // 2; 3+0+2
    expect(metrics['referrals.reReferredPercent']).toEqual({ quarter: 16.7, yearToDate: 12.8 }); // 2/12; 5/39
  });

  it('counts families and individuals engaged, and those open at quarter end', () => {
    expect(metrics['families.engaged']).toEqual({ quarter: 4, yearToDate: 15 }); // 5+6+4
    expect(metrics['individuals.engaged']).toEqual({ quarter: 15, yearToDate: 56 }); // 19+22+15
    expect(metrics['families.open']).toEqual({ atQuarterEnd: 30 });
    expect(metrics['individuals.open']).toEqual({ atQuarterEnd: 110 });
  });

  it('gives issues at the start as percentages of families assessed', () => {
    expect(metrics['issues.assessed']).toEqual({ quarter: 8, yearToDate: 19 });
    expect(metrics['issues.looking-after-children.percent']).toEqual({ quarter: 87.5, yearToDate: 89.5 }); // 7/8; 17/19
    expect(metrics['issues.healthy-lifestyle.percent']).toEqual({ quarter: 0, yearToDate: 26.3 }); // 5/19
  });

  it('gives assessments and reviews on time as percentages', () => {
    expect(metrics['assessments.onTimePercent']).toEqual({ quarter: 75, yearToDate: 84.2 }); // 6/8; 16/19
    expect(metrics['reviews.onTimePercent']).toEqual({ quarter: 80, yearToDate: 88.9 }); // 4/5; 8/9
  });

  it('gives Family Star change per area between baseline and review', () => {
    expect(metrics['familyStar.home-money.baseline']).toEqual({ quarter: 4, yearToDate: 3.56 }); // 20/5; 32/9
    expect(metrics['familyStar.home-money.latest']).toEqual({ quarter: 6.4, yearToDate: 5.78 }); // 32/5; 52/9
    expect(metrics['familyStar.home-money.change']).toEqual({ quarter: 2.4, yearToDate: 2.22 }); // 12/5; 20/9
    expect(metrics['familyStar.well-being.change']).toEqual({ quarter: 1, yearToDate: 0.56 }); // 5/5; 5/9
  });

  it('counts closures by reason and by outcome, and claims sustained six months', () => {
    expect(metrics['closures.total']).toEqual({ quarter: 5, yearToDate: 7 });
    expect(metrics['closures.byOutcome']).toEqual({ quarter: 5, yearToDate: 7 });
    expect(metrics['closures.outcome.needs-met']).toEqual({ quarter: 2, yearToDate: 4 });
    // Q3 claims: Q1's 1 candidate; year: 2025-26-Q3 (3-1) + 2025-26-Q4 (0) + Q1 (1)
    expect(metrics['claims.eligible']).toEqual({ quarter: 1, yearToDate: 3 });
  });

  it('gives the waiting list, the longest wait and caseload against capacity', () => {
    expect(metrics['waitingList.averageWaitDays']).toEqual({ quarter: 15, yearToDate: 14.5 }); // 45/3; 87/6
    expect(metrics['waitingList.length']).toEqual({ atQuarterEnd: 9 });
    expect(metrics['waitingList.longestWaitDays']).toEqual({ atQuarterEnd: 40 });
    expect(metrics['caseload.openCases']).toEqual({ atQuarterEnd: 20 });
    expect(metrics['caseload.utilisationPercent']).toEqual({ atQuarterEnd: 80 }); // 72/90
    expect(metrics['caseload.worker.fsw-a']).toEqual({
      openCases: 9,
      loadUnits: 27,
      capacityUnits: 30,
      utilisationPercent: 90,
    });
  });

  it('trends the last four quarters, across the year boundary', () => {
    expect(metrics['trend.referrals.received']).toEqual({
      '2025-26-Q4': 20,
      '2026-27-Q1': 15,
      '2026-27-Q2': 12,
      '2026-27-Q3': 12,
    });
    expect(metrics['trend.waitingList.length']).toEqual({
      '2026-27-Q1': 4,
      '2026-27-Q2': 6,
      '2026-27-Q3': 9,
    });
  });

  it('makes every total the sum of its parts, column by column', () => {
    for (const info of METRIC_CATALOGUE.filter((row) => row.sumOf)) {
      for (const column of ['quarter', 'yearToDate']) {
        const parts = info.sumOf!.reduce((sum, key) => sum + (metrics[key]?.[column] ?? 0), 0);
        expect(metrics[info.key]![column], `${info.key}.${column}`).toBe(parts);
      }
    }
  });

  it('reads a fixed window of quarters', () => {
    expect(reportWindow(Q3, THRESHOLDS).map((q) => q.id)).toEqual([
      '2025-26-Q2',
      '2025-26-Q3',
      '2025-26-Q4',
      '2026-27-Q1',
      '2026-27-Q2',
      '2026-27-Q3',
    ]);
  });
});

describe('improvement flags', () => {
  function withQuarter(changes: Record<string, Counters>): ScopeInputs {
    const inputs = charnwood();
    for (const [id, counters] of Object.entries(changes))
      inputs.counters[id] = { ...inputs.counters[id], ...counters };
    return inputs;
  }

  it('flags the fixture on all three rules and proposes the seeds’ options', () => {
    const report = computeReport(charnwood(), THRESHOLDS);
    expect(report.flags.map((flag) => [flag.metric, flag.value, flag.threshold])).toEqual([
      ['assessments.onTimePercent', 75, 86],
      ['reviews.onTimePercent', 80, 90],
      ['waitingList.length', 9, 6],
    ]);
    // Assessments were late in Q2 too (6 of 7 = 85.71%), so referral to the board is proposed.
    expect(report.flags[0]!.message).toContain('referral to the board');
    expect(report.flags[1]!.message).not.toContain('referral to the board');
    // The 86% default is the 2013 audit's baseline (seeds/001 §12), and says so; a set one is a threshold
    expect(report.flags[0]!.message).toContain('below the 86% baseline (the 2013 audit)');
    const set = computeReport(charnwood(), { ...THRESHOLDS, assessmentsOnTimeIsBaseline: false });
    expect(set.flags[0]!.message).toContain('below the 86% threshold');
    expect(report.improvementOptions).toEqual([
      'improvement-plan',
      'additional-capacity',
      'peer-support',
      'amalgamation',
      'referral-to-board',
    ]);
  });

  it('does not flag assessments at exactly 86%, and flags just below', () => {
    const at = computeReport(
      withQuarter({ '2026-27-Q3': { 'assessments.completed': 50, 'assessments.onTime': 43 } }),
      THRESHOLDS,
    );
    const below = computeReport(
      withQuarter({ '2026-27-Q3': { 'assessments.completed': 1000, 'assessments.onTime': 859 } }),
      THRESHOLDS,
    );
    expect(at.flags.map((flag) => flag.metric)).not.toContain('assessments.onTimePercent');
    expect(below.flags.find((flag) => flag.metric === 'assessments.onTimePercent')?.value).toBe(85.9);
  });

  it('does not flag reviews at exactly the target, and flags one short of it', () => {
    const at = computeReport(
      withQuarter({ '2026-27-Q3': { 'reviews.held': 10, 'reviews.onTime': 9 } }),
      THRESHOLDS,
    );
    const short = computeReport(
      withQuarter({ '2026-27-Q3': { 'reviews.held': 10, 'reviews.onTime': 8 } }),
      THRESHOLDS,
    );
    expect(at.flags.map((flag) => flag.metric)).not.toContain('reviews.onTimePercent');
    expect(short.flags.map((flag) => flag.metric)).toContain('reviews.onTimePercent');
  });

  it('needs the waiting list to grow at each of two quarter ends running', () => {
    const flat = computeReport(withQuarter({ '2026-27-Q2': { 'stock.waitingList.length': 4 } }), THRESHOLDS);
    const unknown = charnwood();
    delete unknown.counters['2026-27-Q1']!['stock.waitingList.length'];
    expect(flat.flags.map((flag) => flag.metric)).not.toContain('waitingList.length');
    expect(computeReport(unknown, THRESHOLDS).flags.map((flag) => flag.metric)).not.toContain(
      'waitingList.length',
    );
  });

  it('raises nothing on a quarter with no assessments or reviews', () => {
    const empty: ScopeInputs = { scope: 'melton', quarter: Q3, counters: {}, workers: [] };
    expect(computeReport(empty, THRESHOLDS)).toMatchObject({ flags: [], improvementOptions: [] });
  });
});

describe('the partnership as the sum of its localities', () => {
  it('adds counters and stocks, takes the longest wait, and recomputes the rates from the sums', () => {
    const other: ScopeInputs = {
      scope: 'melton',
      quarter: Q3,
      counters: {
        '2026-27-Q3': {
          'referrals.source.self': 5,
          'assessments.completed': 2,
          'assessments.onTime': 2,
          'stock.waitingList.length': 1,
          'stock.waitingList.longestWaitDays': 55,
          'stock.families.open': 7,
          'stock.individuals.open': 20,
        },
      },
      workers: [{ workerId: 'fsw-m', openCases: 4, loadUnits: 12, capacityUnits: 30 }],
    };
    const { metrics } = computeReport(combineScopes('partnership', [charnwood(), other]), THRESHOLDS);
    expect(metrics['referrals.received']).toEqual({ quarter: 17, yearToDate: 44 });
    expect(metrics['assessments.onTimePercent']).toEqual({ quarter: 80, yearToDate: 85.7 }); // 8/10; 18/21
    expect(metrics['waitingList.length']).toEqual({ atQuarterEnd: 10 });
    expect(metrics['waitingList.longestWaitDays']).toEqual({ atQuarterEnd: 55 });
    expect(metrics['caseload.capacityUnits']).toEqual({ atQuarterEnd: 120 });
    // Melton has no Q2 snapshot, so the partnership's Q2 waiting list is unknown, not short.
    expect(metrics['trend.waitingList.length']).toEqual({ '2026-27-Q3': 10 });
  });
});

describe('the annual report', () => {
  it('shows each quarter and the year, built from the four quarters', () => {
    const year: ScopeInputs = {
      scope: 'charnwood',
      quarter: parseQuarterId('2026-27-Q4'),
      counters: {
        ...charnwood().counters,
        '2026-27-Q4': { 'referrals.source.staff': 6, 'stock.waitingList.length': 3 },
      },
      workers: charnwood().workers,
    };
    const { metrics } = computeAnnualReport(year, THRESHOLDS);
    expect(metrics['referrals.received']).toEqual({
      '2026-27-Q1': 15,
      '2026-27-Q2': 12,
      '2026-27-Q3': 12,
      '2026-27-Q4': 6,
      year: 45,
    });
    expect(metrics['waitingList.length']).toEqual({
      '2026-27-Q1': 4,
      '2026-27-Q2': 6,
      '2026-27-Q3': 9,
      '2026-27-Q4': 3,
      atYearEnd: 3,
    });
  });
});
