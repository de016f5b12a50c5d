import { describe, expect, it } from 'vitest';
import { workingDaysBetween } from '../../../shared/core/calendar';
import { getConfig } from '../../../shared/core/config';
import {
  lastFourQuarters,
  learnParameters,
  type LocalityAggregates,
} from '../../../shared/domain/forecast/learn';
import { FALLBACK } from '../../../shared/domain/forecast/parameters';
import { forecastQuerySchema, whatIfOf } from '../../../shared/domain/forecast/request';
import { parseOrThrow, ValidationError } from '../../../shared/core/schemas/errors';

// What the forecast learns from the service's own counters, and the fallback while history is short.

const TODAY = '2026-12-03'; // in 2026-27 Q3: the last four complete quarters are 2025-26 Q3 to 2026-27 Q2

describe('learning the forecast from aggregates', () => {
  it('reads the four complete quarters before today', () => {
    expect(lastFourQuarters(TODAY).map((quarter) => quarter.id)).toEqual([
      '2025-26-Q3',
      '2025-26-Q4',
      '2026-27-Q1',
      '2026-27-Q2',
    ]);
  });

  it("falls back to the seeds' yearly count and the documented shares with no history", () => {
    const { parameters, basis } = learnParameters([{ locality: 'blaby', counters: {}, open: [] }], TODAY);
    const blaby = getConfig().localities.find((locality) => locality.id === 'blaby')!;
    const perDay = blaby.march2012.total / workingDaysBetween('2025-12-03', TODAY);
    expect(parameters.localities.blaby!.referralsPerWorkingDay).toEqual(new Array(12).fill(perDay));
    expect(parameters.localities.blaby!.complexShare).toBeCloseTo(80 / 252);
    expect(parameters.endings).toEqual(FALLBACK.endings);
    expect(parameters.consent).toEqual(FALLBACK.consent);
    expect(basis.monthsLearned.blaby).toEqual([]);
    expect(basis.fallbacks.length).toBeGreaterThanOrEqual(5);
  });

  it('learns each month from its quarter (seasonal), the rest from the mean of those learned', () => {
    const q1Days = workingDaysBetween('2026-03-31', '2026-06-30');
    const q2Days = workingDaysBetween('2026-06-30', '2026-09-30');
    const aggregates: LocalityAggregates[] = [
      {
        locality: 'charnwood',
        open: [],
        counters: {
          '2026-27-Q1': { 'referrals.received': 2 * q1Days },
          '2026-27-Q2': { 'referrals.received': 4 * q2Days },
        },
      },
    ];
    const { parameters, basis } = learnParameters(aggregates, TODAY);
    const rates = parameters.localities.charnwood!.referralsPerWorkingDay;
    expect(rates.slice(3, 6)).toEqual([2, 2, 2]); // April to June
    expect(rates.slice(6, 9)).toEqual([4, 4, 4]); // July to September
    expect(rates[0]).toBe(3); // January: no history, the mean of the months learned
    expect(basis.monthsLearned.charnwood).toEqual([4, 5, 6, 7, 8, 9]);
  });

  it('learns each month from its own counter where the quarter kept monthly counters', () => {
    // 2026-27 Q2 (July to September) counted by month; Q1 before the monthly counters began
    const q1Days = workingDaysBetween('2026-03-31', '2026-06-30');
    const july = workingDaysBetween('2026-06-30', '2026-07-31');
    const september = workingDaysBetween('2026-08-31', '2026-09-30');
    const aggregates: LocalityAggregates[] = [
      {
        locality: 'charnwood',
        open: [],
        counters: {
          '2026-27-Q1': { 'referrals.received': 2 * q1Days },
          '2026-27-Q2': {
            'referrals.received': 5 * july + 1 * september,
            'referrals.month.07': 5 * july,
            'referrals.month.09': 1 * september,
          },
        },
      },
    ];
    const { parameters, basis } = learnParameters(aggregates, TODAY);
    const rates = parameters.localities.charnwood!.referralsPerWorkingDay;
    expect(rates.slice(3, 6)).toEqual([2, 2, 2]); // April to June: their quarter's rate
    expect(rates.slice(6, 9)).toEqual([5, 0, 1]); // July, August (no referral), September
    expect(
      basis.fallbacks.some((text) => text.includes('2026-27-Q1 counted before the monthly counters')),
    ).toBe(true);
  });

  it('learns how referrals end, consent and timeliness once there are enough', () => {
    const counters = {
      'referrals.received': 200,
      'referrals.outcome.partner.stepped-up': 10,
      'referrals.outcome.partner.redirected': 20,
      'referrals.outcome.partner.nfa': 10,
      'referrals.outcome.partner.withdrawn': 0,
      'referrals.outcome.partner.allocated': 100,
      'waitingList.joined': 80,
      'waitingList.left': 20,
      'families.engaged': 80,
      'assessments.completed': 50,
      'assessments.onTime': 40,
      'reviews.held': 40,
      'reviews.onTime': 30,
    };
    const { parameters } = learnParameters(
      [{ locality: 'melton', counters: { '2026-27-Q2': counters }, open: [] }],
      TODAY,
    );
    // 200 decided: 10 stepped up, 20 redirected, 10 NFA, 100 allocated, 60 still waiting
    expect(parameters.endings).toEqual({ steppedUpAtScreen: 0.05, redirected: 0.1, nfa: 0.05, withdrawn: 0 });
    expect(parameters.consent.given).toBeCloseTo(0.8);
    expect(
      parameters.consent.given +
        parameters.consent.declined +
        parameters.consent.noContact +
        parameters.consent.noAnswer,
    ).toBeCloseTo(1);
    expect(parameters.delays.assessment.lateShare).toBeCloseTo(0.2);
    expect(parameters.delays.review.lateShare).toBeCloseTo(0.25);
  });
});

describe('a forecast request', () => {
  it('takes a scope, 13 or 26 weeks and a what-if', () => {
    const query = parseOrThrow(forecastQuerySchema, {
      locality: 'charnwood',
      weeks: '26',
      workers: 'charnwood:+2:2027-01-04,charnwood:-1:2027-02-01',
      referralRate: '120',
      assessmentDays: '20',
    });
    expect(query.weeks).toBe(26);
    expect(whatIfOf(query)).toEqual({
      workers: [
        { locality: 'charnwood', change: 2, from: '2027-01-04' },
        { locality: 'charnwood', change: -1, from: '2027-02-01' },
      ],
      referralRate: { factor: 1.2 },
      timescales: { assessmentWorkingDays: 20 },
    });
    expect(whatIfOf(parseOrThrow(forecastQuerySchema, {}))).toBeUndefined();
  });

  it('refuses bad input naming the field', () => {
    for (const [field, value] of [
      ['weeks', '12'],
      ['workers', 'nowhere:+2:2027-01-04'],
      ['workers', 'charnwood:0:2027-01-04'],
      ['referralRate', '1000'],
      ['assessmentDays', 'soon'],
      ['locality', 'atlantis'],
    ] as const) {
      try {
        parseOrThrow(forecastQuerySchema, { [field]: value });
        expect.unreachable(`${field}=${value} was accepted`);
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).errors.map((e) => e.path)).toEqual([field]);
      }
    }
  });
});
