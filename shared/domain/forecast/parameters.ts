// What the forecast model is driven by: how many referrals arrive, how they end, and how long each
// step of the journey takes people in practice. Timescales, capacity and the calendar are not here:
// they are the journey's own configuration (shared/core/config), read by the model directly.

/** How long staff take over a step, in working days from the step opening: mostly on time, some late. */
export interface StepDelay {
  /** Working days when done in the usual time (inclusive range). */
  usual: readonly [number, number];
  /** Working days when late (inclusive range). */
  late: readonly [number, number];
  /** The share done late. */
  lateShare: number;
}

export interface LocalityRates {
  /** Referrals a working day, by calendar month (index 0 is January): seasonal by month. */
  referralsPerWorkingDay: readonly number[];
  /** Share of referrals with five or more needs (a heavier caseload weight). */
  complexShare: number;
  /** Share given enhanced support (up to 12 months rather than 3), complex and not. */
  enhancedShare: { complex: number; standard: number };
}

export interface ForecastParameters {
  localities: Record<string, LocalityRates>;
  /** Shares of referrals ending before allocation; the rest are offered family support. */
  endings: { steppedUpAtScreen: number; redirected: number; nfa: number; withdrawn: number };
  /** What the family says once allocated: given, declined, no contact, or no answer (the task times out). */
  consent: { given: number; declined: number; noContact: number; noAnswer: number };
  /** Each review's decision: close (the closure task opens) or step up; the rest continue. */
  review: { close: number; stepUp: number };
  delays: {
    screen: StepDelay;
    hub: StepDelay;
    consent: StepDelay;
    assessment: StepDelay;
    /** From the review task opening (a set number of working days before its due date). */
    review: StepDelay;
    closure: StepDelay;
  };
}

/**
 * The fallback when the service's own history is short: the shares and delays the county-year
 * simulation's staff work to (local/simulate/staff.ts), which are the seeds' plausible practice, and
 * the referral rate of the seeds' March 2012 counts (a locality's families needing support, referred
 * once a year). docs/decisions.md, "Forecast", says where each comes from.
 */
export const FALLBACK: Omit<ForecastParameters, 'localities'> & {
  enhancedShare: LocalityRates['enhancedShare'];
} = {
  // Screen: 3% urgent of which 30% stepped up, 2% of the rest (step-downs skip the screen)
  endings: { steppedUpAtScreen: 0.027, redirected: 0.08 * 0.973, nfa: 0.04 * 0.973, withdrawn: 0 },
  consent: { given: 0.86, declined: 0.07, noContact: 0.04, noAnswer: 0.03 },
  review: { close: 0.06, stepUp: 0.02 },
  delays: {
    screen: { usual: [0, 1], late: [2, 3], lateShare: 0.05 },
    hub: { usual: [1, 5], late: [6, 9], lateShare: 0.1 },
    consent: { usual: [1, 9], late: [11, 14], lateShare: 0.08 },
    assessment: { usual: [10, 40], late: [46, 55], lateShare: 0.12 },
    review: { usual: [3, 10], late: [11, 18], lateShare: 0.15 },
    closure: { usual: [1, 8], late: [11, 14], lateShare: 0.1 },
  },
  enhancedShare: { complex: 0.85, standard: 0.1 },
};
