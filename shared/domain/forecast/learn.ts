import {
  type IsoDate,
  previousQuarter,
  type Quarter,
  quarterOf,
  workingDaysBetween,
  addDays,
} from '../../core/calendar';
import { configuredTimescales, getConfig, type TimescalesConfig } from '../../core/config';
import { COUNTERS, type REFERRAL_OUTCOMES } from '../metrics/definitions';
import type { OpenCaseStart } from './model';
import { FALLBACK, type ForecastParameters, type LocalityRates, type StepDelay } from './parameters';
import { REFERRAL_SOURCES } from '../../core/vocabulary/referrals';

// The rates the forecast learns from the service's own aggregates: the counters of the last four
// complete quarters (a year, seasonal by month: each month's referrals per working day from the monthly
// counters kept in each quarter, or, for quarters counted before those began, the quarter's rate) and
// the shape of today's open cases. Where history is
// short the documented fallback (parameters.ts) stands in, and the basis says which figures did.

/** Enough to learn a share from; below it the fallback is used. */
export const MINIMUM_TO_LEARN = 30;

export interface LocalityAggregates {
  locality: string;
  /** Counters by quarter id, for the quarters asked for (missing: no counters were kept). */
  counters: Record<string, Record<string, number>>;
  open: readonly OpenCaseStart[];
}

export interface ForecastBasis {
  /** The quarters read (the last four complete before the first day). */
  quarters: string[];
  /** Per locality, the months (1-12) whose referral rate was learned; the rest fell back. */
  monthsLearned: Record<string, number[]>;
  /** Which shares and delays were learned from the counters, and from how many. */
  learned: { endings: number; consent: number; assessments: number; reviews: number; openCases: number };
  fallbacks: string[];
}

/** The four complete quarters before `today`, oldest first. */
export function lastFourQuarters(today: IsoDate): Quarter[] {
  let quarter = previousQuarter(quarterOf(today));
  const quarters: Quarter[] = [];
  for (let n = 0; n < 4; n += 1) {
    quarters.unshift(quarter);
    quarter = previousQuarter(quarter);
  }
  return quarters;
}

function monthsOf(quarter: Quarter): number[] {
  const first = Number(quarter.start.slice(5, 7));
  return [first, first + 1, first + 2];
}

/** A month's first and last day (a quarter's months are in one calendar year). */
function monthBounds(quarter: Quarter, month: number): { first: IsoDate; last: IsoDate } {
  const year = Number(quarter.start.slice(0, 4));
  const first = `${year}-${String(month).padStart(2, '0')}-01` as IsoDate;
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return { first, last: addDays(next as IsoDate, -1) };
}

/** The step delays of the fallback, with the assessment's and review's set from the configured timescales. */
export function configuredDelays(timescales: TimescalesConfig): ForecastParameters['delays'] {
  const assessment = timescales.tasks.assessment.dueInWorkingDays ?? 45;
  const opens = timescales.reviewOpensWorkingDaysBefore;
  return {
    ...FALLBACK.delays,
    assessment: {
      usual: [Math.min(10, assessment), Math.max(Math.min(10, assessment), assessment - 5)],
      late: [assessment + 1, assessment + 10],
      lateShare: FALLBACK.delays.assessment.lateShare,
    },
    review: {
      usual: [Math.min(3, opens), opens],
      late: [opens + 1, opens + 8],
      lateShare: FALLBACK.delays.review.lateShare,
    },
  };
}

const withLateShare = (step: StepDelay, lateShare: number): StepDelay => ({ ...step, lateShare });

/** Learns the forecast's parameters from the localities' aggregates; `today` is the forecast's first day. */
export function learnParameters(
  aggregates: readonly LocalityAggregates[],
  today: IsoDate,
  timescales: TimescalesConfig = configuredTimescales(),
): { parameters: ForecastParameters; basis: ForecastBasis } {
  const quarters = lastFourQuarters(today);
  const fallbacks: string[] = [];
  const sum = (name: string) =>
    aggregates.reduce(
      (total, locality) =>
        total + quarters.reduce((inner, quarter) => inner + (locality.counters[quarter.id]?.[name] ?? 0), 0),
      0,
    );
  const outcome = (which: (typeof REFERRAL_OUTCOMES)[number]) =>
    REFERRAL_SOURCES.reduce((total, source) => total + sum(COUNTERS.referralOutcome(source, which)), 0);

  // Referral rates, by month, per locality
  const monthsLearned: Record<string, number[]> = {};
  const localities: Record<string, LocalityRates> = {};
  const config = getConfig();
  for (const locality of aggregates) {
    const seeds = config.localities.find((known) => known.id === locality.locality);
    const seedsRate = (seeds?.march2012.total ?? 0) / workingDaysBetween(addDays(today, -365), today);
    const byMonth = new Array<number | undefined>(12).fill(undefined);
    const quarterOnly: string[] = [];
    for (const quarter of quarters) {
      const counters = locality.counters[quarter.id];
      const received = counters?.[COUNTERS.referralsReceived];
      if (received === undefined) continue;
      const months = monthsOf(quarter);
      // Quarters counted since the monthly counters began give each month its own rate (a month with
      // no referral has no counter: zero); older ones give their three months the quarter's rate.
      const monthly = months.some((month) => counters?.[COUNTERS.referralsInMonth(month)] !== undefined);
      const quarterRate = received / workingDaysBetween(addDays(quarter.start, -1), quarter.end);
      for (const month of months) {
        const { first, last } = monthBounds(quarter, month);
        byMonth[month - 1] = monthly
          ? (counters?.[COUNTERS.referralsInMonth(month)] ?? 0) /
            Math.max(1, workingDaysBetween(addDays(first, -1), last))
          : quarterRate;
      }
      if (!monthly) quarterOnly.push(quarter.id);
    }
    if (quarterOnly.length > 0)
      fallbacks.push(
        `${locality.locality}: ${quarterOnly.join(', ')} counted before the monthly counters: each month takes its quarter's rate`,
      );
    const learned = byMonth.flatMap((rate, index) => (rate === undefined ? [] : [index + 1]));
    monthsLearned[locality.locality] = learned;
    const known = byMonth.filter((rate): rate is number => rate !== undefined);
    // A month without history takes the mean of the months learned, or the seeds' yearly count
    const stand = known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : seedsRate;
    if (learned.length < 12)
      fallbacks.push(
        `${locality.locality}: ${12 - learned.length} months without history take ${known.length > 0 ? 'the mean of the months learned' : "the seeds' March 2012 count a year"}`,
      );
    const allocated = locality.open.filter((item) => item.stage !== 'referred');
    const complexShare =
      allocated.length >= MINIMUM_TO_LEARN
        ? allocated.filter((item) => item.complex).length / allocated.length
        : seeds && seeds.march2012.total > 0
          ? seeds.march2012.highRisk / seeds.march2012.total
          : 0.4;
    localities[locality.locality] = {
      referralsPerWorkingDay: byMonth.map((rate) => rate ?? stand),
      complexShare,
      enhancedShare: FALLBACK.enhancedShare,
    };
  }

  // Enhanced support, by complexity, from today's open cases of every locality asked for
  const supported = aggregates.flatMap((locality) =>
    locality.open.filter((item) => item.stage !== 'referred' && item.stage !== 'waiting'),
  );
  const enhancedShare = { ...FALLBACK.enhancedShare };
  for (const complex of [true, false]) {
    const group = supported.filter((item) => item.complex === complex);
    if (group.length >= MINIMUM_TO_LEARN)
      enhancedShare[complex ? 'complex' : 'standard'] =
        group.filter((item) => item.enhanced).length / group.length;
  }
  for (const rates of Object.values(localities)) rates.enhancedShare = enhancedShare;
  if (supported.length < MINIMUM_TO_LEARN)
    fallbacks.push("complex and enhanced shares: too few open cases, the seeds' shares");

  // How referrals end before allocation: the counters' first decisive outcomes, plus those still waiting
  const stillWaiting = Math.max(0, sum(COUNTERS.waitingListJoined) - sum(COUNTERS.waitingListLeft));
  const ends = {
    steppedUpAtScreen: outcome('stepped-up'),
    redirected: outcome('redirected'),
    nfa: outcome('nfa'),
    withdrawn: outcome('withdrawn'),
  };
  const allocatedOutcomes = outcome('allocated');
  const decisions = Object.values(ends).reduce((a, b) => a + b, 0) + allocatedOutcomes + stillWaiting;
  let endings = FALLBACK.endings;
  if (decisions >= MINIMUM_TO_LEARN) {
    endings = {
      steppedUpAtScreen: ends.steppedUpAtScreen / decisions,
      redirected: ends.redirected / decisions,
      nfa: ends.nfa / decisions,
      withdrawn: ends.withdrawn / decisions,
    };
  } else fallbacks.push('referral outcomes: too few decided, the fallback mix');

  // Consent given, of first allocations
  let consent = FALLBACK.consent;
  const engaged = sum(COUNTERS.familiesEngaged);
  if (allocatedOutcomes >= MINIMUM_TO_LEARN) {
    const given = Math.min(1, engaged / allocatedOutcomes);
    const rest = 1 - FALLBACK.consent.given;
    const scale = (1 - given) / rest;
    consent = {
      given,
      declined: FALLBACK.consent.declined * scale,
      noContact: FALLBACK.consent.noContact * scale,
      noAnswer: FALLBACK.consent.noAnswer * scale,
    };
  } else fallbacks.push('consent: too few allocations, the fallback shares');

  // How often assessments and reviews run late
  const delays = configuredDelays(timescales);
  const assessments = sum(COUNTERS.assessmentsCompleted);
  if (assessments >= MINIMUM_TO_LEARN)
    delays.assessment = withLateShare(delays.assessment, 1 - sum(COUNTERS.assessmentsOnTime) / assessments);
  else fallbacks.push('assessments on time: too few assessments, the fallback share');
  const reviews = sum(COUNTERS.reviewsHeld);
  if (reviews >= MINIMUM_TO_LEARN)
    delays.review = withLateShare(delays.review, 1 - sum(COUNTERS.reviewsOnTime) / reviews);
  else fallbacks.push('reviews at 12 weeks: too few reviews, the fallback share');

  return {
    parameters: { localities, endings, consent, review: FALLBACK.review, delays },
    basis: {
      quarters: quarters.map((quarter) => quarter.id),
      monthsLearned,
      learned: {
        endings: decisions,
        consent: allocatedOutcomes,
        assessments,
        reviews,
        openCases: supported.length,
      },
      fallbacks,
    },
  };
}
