import { CHECKED_OUTCOME_FRAMEWORK } from './checked.generated';
import type { OutcomeFramework } from './outcome-framework-schema';
import type { HeadlineOutcomeId, NeedId } from '../vocabulary/needs';

// The National Supporting Families Outcome Framework as data (Supporting Families programme guidance
// 2022 to 2025, chapters 3 and 5): the ten headline outcomes, what a positive outcome is under each and
// the named data checks that evidence it, the sustain period (months after closure, per headline, by
// default six), the claim terms, and which headline each need the product records counts under. The
// file carries a version; a claim records the version it was judged under.
//
// The file (outcome-framework.json) is checked by its zod schema (./outcome-framework-schema.ts) when
// `npm run config:write` writes the checked copy handlers read (./checked.generated.ts), and by a unit
// test on every run: no zod at a handler's import or first use.
//
// Not re-exported from ./index: this module reads the need vocabulary (schemas/needs), which reads
// ./index, so re-exporting it there would make an import cycle.

export type { OutcomeFramework } from './outcome-framework-schema';

const FRAMEWORK = CHECKED_OUTCOME_FRAMEWORK as OutcomeFramework;

/** The framework in force (the bundled file, checked when its copy was generated). */
export function outcomeFramework(): OutcomeFramework {
  return FRAMEWORK;
}

/** The headline outcome a need counts under. */
export function headlineOf(
  need: NeedId,
  framework: OutcomeFramework = outcomeFramework(),
): HeadlineOutcomeId {
  return framework.needs[need];
}

/** The distinct headline outcome areas a set of needs touches, sorted. */
export function headlineAreasOf(
  needs: readonly NeedId[],
  framework: OutcomeFramework = outcomeFramework(),
): HeadlineOutcomeId[] {
  return [...new Set(needs.map((need) => headlineOf(need, framework)))].sort();
}

/** Months after closure a positive outcome under the need's headline must hold for a claim. */
export function sustainMonthsFor(need: NeedId, framework: OutcomeFramework = outcomeFramework()): number {
  return framework.headlines[headlineOf(need, framework)].sustainMonthsAfterClosure;
}
