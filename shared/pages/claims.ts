import { previousQuarter, quarterOf } from '../core/calendar/financial-year';
import { londonDate } from '../core/calendar/london';
import type { Db } from '../adapters/data/db';
import { getClaimCycle } from '../adapters/data/claims';
import type { ClaimFigure, ClaimFile } from '../core/schemas/claims';
import { scopeLabel } from './reports';
import { HEADLINE_OUTCOMES } from '../core/vocabulary/needs';

// The claim drill-down as pages (docs/claims.md): the claim windows produced, a window's claim file as
// tables (one per scope the caller may read), and each figure linked to the families it counts. The
// figures are the stored file's and the families are listed by the same rule (`claimDrillDown`), so the
// page, the JSON and the CSV never disagree.

/** The figures the page shows, in the file's order, with their column headings. */
export const FIGURE_COLUMNS: { figure: ClaimFigure; label: string }[] = [
  { figure: 'claimable', label: 'Claimable' },
  { figure: 'sampled', label: 'Sampled for audit' },
  { figure: 'audited', label: 'Audited' },
  { figure: 'failedAudit', label: 'Failed audit' },
  { figure: 'claimed', label: 'Claimed' },
];

const CYCLE_STATUS_LABELS: Record<string, string> = {
  audit: 'At internal audit',
  'sign-off': 'Waiting for sign-off',
  claimed: 'Claimed',
  'not-approved': 'Not approved',
  'nothing-to-claim': 'Nothing to claim',
};

export function headlineLabel(headline: string): string {
  if (headline === 'all') return 'All families';
  return HEADLINE_OUTCOMES.find((outcome) => outcome.id === headline)?.label ?? headline;
}

export function figureLabel(figure: string): string {
  return FIGURE_COLUMNS.find((column) => column.figure === figure)?.label ?? figure;
}

/** The windows looked for: the last eight quarters before today's (two years of claims). */
export function recentWindows(now: Date): string[] {
  let quarter = quarterOf(londonDate(now));
  const windows: string[] = [];
  for (let step = 0; step < 8; step += 1) {
    quarter = previousQuarter(quarter);
    windows.push(quarter.id);
  }
  return windows;
}

/** The quarters whose progress return the claims page links: today's (so far) and the last four. */
export function progressQuarters(now: Date): string[] {
  return [quarterOf(londonDate(now)).id, ...recentWindows(now).slice(0, 4)];
}

export interface ClaimWindowListing {
  window: string;
  status: string;
  producedAt?: string;
  approved?: boolean;
}

/** The claim cycles of the recent windows, newest first; a window with a file links to it. */
export async function listClaimWindows(db: Db, now: Date): Promise<ClaimWindowListing[]> {
  const windows = recentWindows(now);
  const cycles = await Promise.all(windows.map((window) => getClaimCycle(db, window)));
  return cycles.flatMap((cycle) =>
    cycle
      ? [
          {
            window: cycle.window,
            status: CYCLE_STATUS_LABELS[cycle.status] ?? cycle.status,
            ...(cycle.file ? { producedAt: cycle.file.producedAt, approved: cycle.file.approved } : {}),
          },
        ]
      : [],
  );
}

/**
 * Figures as one table per scope the caller may read: a row per headline, each figure linked to the
 * families it counts (`familiesPath` + scope, headline and figure). The claim file and the progress
 * return both show their figures this way.
 */
export function figureTables<F extends string>(
  rows: readonly ({ scope: string; headline: string } & Record<F, number>)[],
  scopes: readonly string[],
  columns: readonly { figure: F; label: string }[],
  familiesPath: string,
) {
  return scopes.flatMap((scope) => {
    const scoped = rows.filter((row) => row.scope === scope);
    if (scoped.length === 0) return [];
    return [
      {
        scope,
        label: scopeLabel(scope),
        rows: scoped.map((row) => ({
          headline: headlineLabel(row.headline),
          cells: columns.map(({ figure, label }) => ({
            value: row[figure],
            label,
            href: `${familiesPath}?${new URLSearchParams({ scope, headline: row.headline, figure })}`,
          })),
        })),
      },
    ];
  });
}

/** The claim file's rows as tables (`figureTables`). */
export function claimFileTables(file: ClaimFile, scopes: readonly string[]) {
  return figureTables(file.rows, scopes, FIGURE_COLUMNS, `/claims/${file.window}/families`);
}
