import * as z from 'zod/mini';
import type { Db } from '../../adapters/data/db';
import { getClaimCycle } from '../../adapters/data/claims';
import { isQuarterId } from '../../core/calendar';
import { LOCALITY_IDS } from '../../core/config';
import { CLAIM_FIGURES, type ClaimFamily, type ClaimFile } from '../../core/schemas/claims';
import { PARTNERSHIP } from '../tasks/types/report-scope';
import { countsIn } from './figures';
import { HEADLINE_IDS } from '../../core/vocabulary/needs';

// The claim file as readers get it (docs/claims.md): JSON or CSV from the same stored file, and the
// drill-down from any figure to the families it counts (case ids and references, for authorised staff
// only: the file itself holds counts alone).

export const claimWindowSchema = /* @__PURE__ */ (() =>
  z.string().check(z.maxLength(12), z.refine(isQuarterId, 'a quarter such as 2026-27-Q3')))();

export const claimFileQuerySchema = /* @__PURE__ */ (() =>
  z.strictObject({ format: z.optional(z.enum(['json', 'csv'])) }))();

export const claimDrillDownQuerySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    scope: z.enum([...LOCALITY_IDS, PARTNERSHIP]),
    headline: z._default(z.enum(['all', ...HEADLINE_IDS]), 'all'),
    figure: z.enum(CLAIM_FIGURES),
  }))();

const CSV_COLUMNS = [
  'window',
  'scope',
  'headline',
  'claimable',
  'sampled',
  'audited',
  'failed_audit',
  'claimed',
];

export function claimFileCsv(file: ClaimFile): string {
  const rows = file.rows.map((row) =>
    [
      file.window,
      row.scope,
      row.headline,
      row.claimable,
      row.sampled,
      row.audited,
      row.failedAudit,
      row.claimed,
    ].join(','),
  );
  return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

/** The stored claim file of a window, narrowed to one locality's rows for a locality reader. */
export async function readClaimFile(db: Db, window: string, scope?: string): Promise<ClaimFile | undefined> {
  const file = (await getClaimCycle(db, window))?.file;
  if (!file || !scope) return file;
  return { ...file, rows: file.rows.filter((row) => row.scope === scope) };
}

/** The families one figure of the file counts (the same rule as the file's counts). */
export async function claimDrillDown(
  db: Db,
  window: string,
  query: z.output<typeof claimDrillDownQuerySchema>,
): Promise<ClaimFamily[] | undefined> {
  const cycle = await getClaimCycle(db, window);
  if (!cycle) return undefined;
  return cycle.families.filter(
    (family) =>
      (query.scope === PARTNERSHIP || family.locality === query.scope) &&
      (query.headline === 'all' || family.headlines.includes(query.headline)) &&
      countsIn(family, query.figure),
  );
}
