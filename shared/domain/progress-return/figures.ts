import { londonDate, type Quarter } from '../../core/calendar';
import { headlineAreasOf } from '../../core/config/outcome-framework';
import type { Case } from '../../core/schemas/case';
import type { ClaimFamily } from '../../core/schemas/claims';
import type { ProgressFamily, ProgressFigure, ProgressRow } from '../../core/schemas/progress-return';
import { countsIn } from '../claims/figures';
import { PARTNERSHIP } from '../tasks/types/report-scope';
import type { HeadlineOutcomeId } from '../../core/vocabulary/needs';

// The quarterly progress information's rule (docs/progress-return.md): one function decides whether a
// family counts in a figure, so the return's counts and the drill-down to the cases always agree.
// A family is "worked with" from its allocation to a key worker until its case ends; the outcome
// figures come from the quarter's claim list (the claim file's own rule, claims/figures.ts).

/** What the rule needs of a case: dates and headline areas, nothing that names or describes a family. */
export interface ProgressCase extends ProgressFamily {
  /** The London day the case was first allocated; undefined: never worked with. */
  allocatedOn?: string;
  /** The London day the case ended (closed, stepped up, withdrawn...). */
  endedOn?: string;
}

export function progressCaseOf(record: Case): ProgressCase {
  return {
    caseId: record.id,
    reference: record.reference,
    locality: record.locality,
    headlines: headlineAreasOf(record.assessment?.needs ?? []),
    ...(record.allocatedAt ? { allocatedOn: londonDate(record.allocatedAt) } : {}),
    ...(record.endedAt ? { endedOn: londonDate(record.endedAt) } : {}),
  };
}

/** Whether a case counts in a case figure of the quarter (the outcome figures are the claim list's). */
export function caseCountsIn(family: ProgressCase, figure: ProgressFigure, quarter: Quarter): boolean {
  const { allocatedOn, endedOn } = family;
  if (!allocatedOn || allocatedOn > quarter.end) return false;
  const endedBefore = endedOn !== undefined && endedOn < quarter.start;
  const endedIn = endedOn !== undefined && endedOn >= quarter.start && endedOn <= quarter.end;
  switch (figure) {
    case 'workedWith':
      return !endedBefore;
    case 'started':
      return allocatedOn >= quarter.start;
    case 'open':
      return endedOn === undefined || endedOn > quarter.end;
    case 'closed':
      return endedIn;
    case 'outcomesAchieved':
    case 'claimed':
      return false;
  }
}

/** Whether a family of the quarter's claim list counts in an outcome figure. */
export function claimCountsIn(family: ClaimFamily, figure: ProgressFigure): boolean {
  if (figure === 'outcomesAchieved') return countsIn(family, 'claimable');
  if (figure === 'claimed') return countsIn(family, 'claimed');
  return false;
}

function inScope(
  family: { locality: string; headlines: readonly string[] },
  scope: string,
  headline: string,
): boolean {
  return (
    (scope === PARTNERSHIP || family.locality === scope) &&
    (headline === 'all' || family.headlines.includes(headline))
  );
}

/** The families one figure counts in a scope and headline area: the drill-down. */
export function progressFamilies(
  cases: readonly ProgressCase[],
  claims: readonly ClaimFamily[],
  quarter: Quarter,
  query: { scope: string; headline: string; figure: ProgressFigure },
): ProgressFamily[] {
  const { scope, headline, figure } = query;
  const fromCases = cases
    .filter((family) => inScope(family, scope, headline) && caseCountsIn(family, figure, quarter))
    .map(({ caseId, reference, locality, headlines }) => ({ caseId, reference, locality, headlines }));
  const fromClaims = claims
    .filter((family) => inScope(family, scope, headline) && claimCountsIn(family, figure))
    .map(({ caseId, reference, locality, headlines }) => ({ caseId, reference, locality, headlines }));
  return [...fromCases, ...fromClaims].sort((a, b) => a.reference.localeCompare(b.reference));
}

/** The return's rows: each scope, then `all` and each headline area; counts only. */
export function progressRows(
  cases: readonly ProgressCase[],
  claims: readonly ClaimFamily[],
  quarter: Quarter,
  scopes: readonly string[],
  headlines: readonly HeadlineOutcomeId[],
): ProgressRow[] {
  const rows: ProgressRow[] = [];
  for (const scope of scopes) {
    for (const headline of ['all', ...headlines] as const) {
      const count = (figure: ProgressFigure) =>
        progressFamilies(cases, claims, quarter, { scope, headline, figure }).length;
      rows.push({
        scope,
        headline,
        workedWith: count('workedWith'),
        started: count('started'),
        open: count('open'),
        closed: count('closed'),
        outcomesAchieved: count('outcomesAchieved'),
        claimed: count('claimed'),
      });
    }
  }
  return rows;
}
