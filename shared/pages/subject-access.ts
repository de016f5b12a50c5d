import type { Redaction, SubjectAccessExport } from '../domain/case-record/subject-access';
import { renderPage } from './render';

// The subject access export as a printable page: every field of every part, as path and value, with
// what may concern a third party highlighted and its reason beside it, for the person answering the
// request to review before disclosing (nothing is left out).

interface Row {
  path: string;
  value: string;
  redaction?: string;
}

function flatten(value: unknown, path: string, rows: Row[]): void {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value)
      ? value.map((item, index) => [String(index), item] as const)
      : Object.entries(value);
    if (entries.length === 0) rows.push({ path, value: Array.isArray(value) ? '(none)' : '(empty)' });
    for (const [key, item] of entries) flatten(item, path ? `${path}.${key}` : key, rows);
    return;
  }
  rows.push({ path, value: value === undefined ? '' : String(value) });
}

function reasonFor(path: string, redactions: readonly Redaction[]): string | undefined {
  return redactions.find((redaction) => path === redaction.path || path.startsWith(`${redaction.path}.`))
    ?.reason;
}

const PARTS = [
  ['case', 'The case and its referral'],
  ['tasks', 'Tasks and their outcomes'],
  ['chronology', 'The case record (every version of every entry)'],
  ['sharingConsents', 'What the family agreed to share, with which agency'],
  ['plan', 'The family plan (every version)'],
  ['tafMeetings', 'Team Around the Family meetings'],
  ['documents', 'Documents (what each file is; the files are sent apart)'],
  ['audit', 'Audit trail: who changed what'],
  ['views', 'Who viewed the case'],
] as const;

export function subjectAccessPage(data: SubjectAccessExport): string {
  const sections = PARTS.map(([part, heading]) => {
    const rows: Row[] = [];
    flatten(data[part], part, rows);
    return {
      heading,
      rows: rows.map((row) => {
        const reason = reasonFor(row.path, data.redactions);
        return reason ? { ...row, redaction: reason } : row;
      }),
    };
  });
  return renderPage('subject-access', {
    reference: data.case.reference,
    exportedAt: data.exportedAt,
    exportedBy: data.exportedBy,
    subject: data.subject,
    marked: data.redactions.length,
    sections,
  });
}
