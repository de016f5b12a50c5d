import type { ProgressFigure, ProgressReturn } from '../core/schemas/progress-return';
import { figureTables } from './claims';

// The quarterly progress information return as page tables (docs/progress-return.md), shown as the
// claim file is: one table per scope, each figure linked to the families it counts.

/** The return's figures, in the file's order, with their column headings. */
export const PROGRESS_COLUMNS: { figure: ProgressFigure; label: string }[] = [
  { figure: 'workedWith', label: 'Worked with' },
  { figure: 'started', label: 'Started' },
  { figure: 'open', label: 'Open at the end' },
  { figure: 'closed', label: 'Closed' },
  { figure: 'outcomesAchieved', label: 'Outcomes achieved' },
  { figure: 'claimed', label: 'Claimed' },
];

export function progressTables(file: ProgressReturn, scopes: readonly string[]) {
  return figureTables(file.rows, scopes, PROGRESS_COLUMNS, `/progress-returns/${file.quarter}/families`);
}
