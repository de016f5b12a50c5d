import * as z from 'zod/mini';
import { listCasesByLocalityStatus } from '../../adapters/data/cases';
import { getClaimCycle } from '../../adapters/data/claims';
import type { Db } from '../../adapters/data/db';
import { isQuarterId, parseQuarterId } from '../../core/calendar';
import { configuredLocalities, LOCALITY_IDS } from '../../core/config';
import { outcomeFramework } from '../../core/config/outcome-framework';
import type { Case } from '../../core/schemas/case';
import {
  PROGRESS_FIGURES,
  type ProgressFamily,
  type ProgressReturn,
} from '../../core/schemas/progress-return';
import { PARTNERSHIP } from '../tasks/types/report-scope';
import { type ProgressCase, progressCaseOf, progressFamilies, progressRows } from './figures';
import { CASE_STATUSES } from '../../core/vocabulary/cases';
import { HEADLINE_IDS } from '../../core/vocabulary/needs';

// The quarterly progress information as readers get it (docs/progress-return.md): JSON or CSV of the
// same rows, and the drill-down from any figure to the case references it counts (authorised staff).

export const progressQuarterSchema = /* @__PURE__ */ (() =>
  z.string().check(z.maxLength(12), z.refine(isQuarterId, 'a quarter such as 2026-27-Q3')))();

export const progressReturnQuerySchema = /* @__PURE__ */ (() =>
  z.strictObject({ format: z.optional(z.enum(['json', 'csv'])) }))();

export const progressDrillDownQuerySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    scope: z.enum([...LOCALITY_IDS, PARTNERSHIP]),
    headline: z._default(z.enum(['all', ...HEADLINE_IDS]), 'all'),
    figure: z.enum(PROGRESS_FIGURES),
  }))();

const CSV_COLUMNS = [
  'quarter',
  'scope',
  'headline',
  'worked_with',
  'started',
  'open',
  'closed',
  'outcomes_achieved',
  'claimed',
];

export function progressReturnCsv(file: ProgressReturn): string {
  const rows = file.rows.map((row) =>
    [
      file.quarter,
      row.scope,
      row.headline,
      row.workedWith,
      row.started,
      row.open,
      row.closed,
      row.outcomesAchieved,
      row.claimed,
    ].join(','),
  );
  return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

async function casesOf(db: Db, localities: readonly string[]): Promise<ProgressCase[]> {
  const found: ProgressCase[] = [];
  for (const locality of localities) {
    for (const status of CASE_STATUSES) {
      let cursor: string | undefined;
      do {
        const page = await listCasesByLocalityStatus(db, locality, status, {
          limit: 100,
          ...(cursor ? { cursor } : {}),
        });
        for (const record of page.items as Case[]) {
          if (record.allocatedAt) found.push(progressCaseOf(record));
        }
        cursor = page.nextCursor;
      } while (cursor);
    }
  }
  return found;
}

function localitiesFor(scope: string): string[] {
  return scope === PARTNERSHIP ? configuredLocalities().map((locality) => locality.id) : [scope];
}

/**
 * The return of a quarter: every locality and the partnership, or one locality's rows for its manager.
 * Worked out when asked from the cases and the quarter's claim list, so it is always current.
 */
export async function readProgressReturn(
  db: Db,
  quarterId: string,
  now: Date,
  scope?: string,
): Promise<ProgressReturn> {
  const quarter = parseQuarterId(quarterId);
  const scopes = scope ? [scope] : [...configuredLocalities().map((locality) => locality.id), PARTNERSHIP];
  const cases = await casesOf(db, localitiesFor(scope ?? PARTNERSHIP));
  const cycle = await getClaimCycle(db, quarterId);
  return {
    schemaVersion: 1,
    quarter: quarterId,
    frameworkVersion: cycle?.frameworkVersion ?? outcomeFramework().version,
    producedAt: now.toISOString(),
    claimProduced: cycle?.file !== undefined,
    rows: progressRows(cases, cycle?.families ?? [], quarter, scopes, HEADLINE_IDS),
  };
}

/** The families one figure of the return counts (the same rule as its counts). */
export async function progressDrillDown(
  db: Db,
  quarterId: string,
  query: z.output<typeof progressDrillDownQuerySchema>,
): Promise<ProgressFamily[]> {
  const quarter = parseQuarterId(quarterId);
  const cases = await casesOf(db, localitiesFor(query.scope));
  const cycle = await getClaimCycle(db, quarterId);
  return progressFamilies(cases, cycle?.families ?? [], quarter, query);
}
