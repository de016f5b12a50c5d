import { CLOSURE_REASONS } from '../../core/schemas/outcomes';
import { FAMILY_STAR_AREA_IDS } from '../../core/vocabulary/family-star';
import { HEADLINE_IDS, NEED_IDS } from '../../core/vocabulary/needs';
import { REFERRAL_SOURCES, type ReferralSource } from '../../core/vocabulary/referrals';

// Every counter the reports read, in one place: its name, the case event that moves it, and how it
// aggregates. Counters live per locality and per financial quarter (`METRICS#<locality>#<quarter>`,
// shared/adapters/data/metrics.ts) and are only ever added to; the quarter is the one the event happened in
// (Europe/London). The partnership's figures are the sum of the localities' (never counted twice).
// Names are a contract with stored data: add new ones, never rename.
//
// Stocks (families open, waiting list, caseloads) are not counters: they are read by key when the
// report is computed and kept in the quarter's item under `stock.*` (see gather.ts).

export const REFERRAL_OUTCOMES = ['stepped-up', 'redirected', 'nfa', 'allocated', 'withdrawn'] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

/** How a closure ended for the family's needs (from the closure task's outcomes). */
export const CLOSURE_OUTCOMES = [
  'needs-met',
  'some-needs-met',
  'no-needs-met',
  'stepped-up',
  'not-recorded',
] as const;
export type ClosureOutcome = (typeof CLOSURE_OUTCOMES)[number];

/**
 * Reasons a supported case ends: the closure task's reasons, plus the endings that bypass it
 * (`withdrawn`; `stepped-up` is already a closure reason). Anything unknown counts as `other`.
 */
export const CLOSURE_REASON_KEYS = [...new Set<string>([...CLOSURE_REASONS, 'withdrawn', 'other'])];

export const COUNTERS = {
  referralsReceived: 'referrals.received',
  referralsBySource: (source: ReferralSource) => `referrals.source.${source}`,
  /**
   * Referrals received in one calendar month (1-12, London) of the quarter: the forecast's monthly
   * seasonality (shared/domain/forecast/learn.ts); the quarter's total is `referrals.received`.
   */
  referralsInMonth: (month: number) => `referrals.month.${String(month).padStart(2, '0')}`,
  /** Step-downs from children's social care (staff referrals with route `step-down`), of those received. */
  stepDowns: 'referrals.stepDowns',
  /**
   * A referral for a family whose earlier record ended in the twelve months before it was received
   * (the same child by name and date of birth: shared/domain/matching/re-referral.ts), counted once, at intake.
   */
  reReferrals: 'referrals.reReferred',
  /** The first decisive outcome of a referral, by how it came: stepped up, redirected, NFA, allocated, withdrawn. */
  referralOutcome: (source: ReferralSource, outcome: ReferralOutcome) =>
    `referrals.outcome.${source}.${outcome}`,
  familiesEngaged: 'families.engaged',
  individualsEngaged: 'individuals.engaged',
  assessmentsCompleted: 'assessments.completed',
  assessmentsOnTime: 'assessments.onTime',
  /** Families whose assessment recorded this need: the issues at the start of intervention. */
  issueAtStart: (need: string) => `issues.${need}`,
  reviewsHeld: 'reviews.held',
  reviewsOnTime: 'reviews.onTime',
  familyStarReadings: 'familyStar.readings',
  familyStarBaseline: (area: string) => `familyStar.baseline.${area}`,
  familyStarLatest: (area: string) => `familyStar.latest.${area}`,
  closures: 'closures.total',
  closuresByReason: (reason: string) => `closures.reason.${reason}`,
  closuresByOutcome: (outcome: ClosureOutcome) => `closures.outcome.${outcome}`,
  /** Closed with needs in three or more headline areas, every need met: claimable once sustained six months. */
  claimCandidates: 'claims.candidates',
  /** A candidate that did not last (re-referred or stepped up within six months), counted in its closure quarter. */
  claimLapses: 'claims.lapsed',
  waitingListJoined: 'waitingList.joined',
  waitingListLeft: 'waitingList.left',
  /** Calendar days waited, summed over the cases that left the list in the quarter. */
  waitingListDaysWaited: 'waitingList.daysWaited',
  /** A results claim produced in the quarter (issue #19): the families on its list, audited, failed, claimed. */
  claimsClaimable: 'claims.claimable',
  claimsAudited: 'claims.audited',
  claimsFailedAudit: 'claims.failedAudit',
  claimsClaimed: 'claims.claimed',
  /** Families claimed with an identified need under this headline outcome. */
  claimsClaimedByHeadline: (headline: string) => `claims.claimed.headline.${headline}`,
} as const;

/** Stock figures kept in a quarter's item when its report is computed (not incremented by cases). */
export const STOCKS = {
  familiesOpen: 'stock.families.open',
  individualsOpen: 'stock.individuals.open',
  waitingListLength: 'stock.waitingList.length',
  waitingListLongestDays: 'stock.waitingList.longestWaitDays',
} as const;

/** How a stock combines across localities: the longest wait is the longest of any, the rest add up. */
export const STOCK_AGGREGATION: Record<string, 'sum' | 'max'> = {
  [STOCKS.familiesOpen]: 'sum',
  [STOCKS.individualsOpen]: 'sum',
  [STOCKS.waitingListLength]: 'sum',
  [STOCKS.waitingListLongestDays]: 'max',
};

export type Aggregation = 'sum';

export interface CounterDefinition {
  name: string;
  /** The case event that adds to it, and by how much. */
  event: string;
  /** Quarters add up to the year to date; localities add up to the partnership. */
  aggregation: Aggregation;
}

/** Every counter name, expanded over its dimensions (sources, outcomes, needs, areas, reasons). */
export function counterDefinitions(): CounterDefinition[] {
  const sum = (name: string, event: string): CounterDefinition => ({ name, event, aggregation: 'sum' });
  return [
    sum(COUNTERS.referralsReceived, 'case created: +1'),
    ...Array.from({ length: 12 }, (_, index) =>
      sum(COUNTERS.referralsInMonth(index + 1), `case created in month ${index + 1} (London): +1`),
    ),
    ...REFERRAL_SOURCES.map((source) =>
      sum(COUNTERS.referralsBySource(source), `case created from a ${source} referral: +1`),
    ),
    sum(COUNTERS.stepDowns, "case created from a step-down from children's social care: +1"),
    ...REFERRAL_SOURCES.flatMap((source) =>
      REFERRAL_OUTCOMES.map((outcome) =>
        sum(
          COUNTERS.referralOutcome(source, outcome),
          outcome === 'allocated'
            ? `${source} referral first allocated a key worker: +1`
            : `${source} referral ended ${outcome} before any allocation: +1`,
        ),
      ),
    ),
    sum(COUNTERS.familiesEngaged, 'consent given (case first enters ASSESSMENT): +1'),
    sum(COUNTERS.individualsEngaged, 'consent given: + the household members on the referral'),
    sum(COUNTERS.assessmentsCompleted, 'assessment recorded: +1'),
    sum(COUNTERS.assessmentsOnTime, 'assessment recorded within its timescale: +1'),
    ...NEED_IDS.map((need) => sum(COUNTERS.issueAtStart(need), `assessment records the need ${need}: +1`)),
    sum(COUNTERS.reviewsHeld, 'review recorded: +1'),
    sum(COUNTERS.reviewsOnTime, 'review held on or before its 12-week due date: +1'),
    sum(COUNTERS.familyStarReadings, 'review recorded with a Family Star reading: +1'),
    ...FAMILY_STAR_AREA_IDS.flatMap((area) => [
      sum(COUNTERS.familyStarBaseline(area), `review recorded: + the baseline ${area} score`),
      sum(COUNTERS.familyStarLatest(area), `review recorded: + the review's ${area} score`),
    ]),
    sum(COUNTERS.closures, 'an allocated case ends (closed, stepped up or withdrawn): +1'),
    ...CLOSURE_REASON_KEYS.map((reason) =>
      sum(COUNTERS.closuresByReason(reason), `an allocated case ends for the reason ${reason}: +1`),
    ),
    ...CLOSURE_OUTCOMES.map((outcome) =>
      sum(COUNTERS.closuresByOutcome(outcome), `an allocated case ends with the outcome ${outcome}: +1`),
    ),
    sum(COUNTERS.claimCandidates, 'closed with 3+ headline needs, every need met: +1'),
    sum(COUNTERS.claimLapses, 'a claim candidate re-referred or stepped up within six months: +1'),
    sum(COUNTERS.waitingListJoined, 'case enters WAITING_LIST: +1'),
    sum(COUNTERS.waitingListLeft, 'case leaves WAITING_LIST: +1'),
    sum(COUNTERS.waitingListDaysWaited, 'case leaves WAITING_LIST: + calendar days it waited'),
    sum(COUNTERS.claimsClaimable, "a results claim produced: + the families on the window's list"),
    sum(COUNTERS.claimsAudited, 'a results claim produced: + the families whose audit was completed'),
    sum(COUNTERS.claimsFailedAudit, 'a results claim produced: + the families that failed their audit'),
    sum(COUNTERS.claimsClaimed, 'a results claim produced: + the families claimed'),
    ...HEADLINE_IDS.map((headline) =>
      sum(
        COUNTERS.claimsClaimedByHeadline(headline),
        `a results claim produced: + the families claimed with a need under ${headline}`,
      ),
    ),
  ];
}
