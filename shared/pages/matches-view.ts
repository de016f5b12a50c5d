import { canSeeCase, type StaffCaller } from '../domain/access/rules';
import type { FieldSpec } from './forms';
import type { MatchView } from '../domain/matching/matches';

// Possible matches and linked records as the pages list them: facts and outcomes, never names, and a
// link to the other record only for those who may open it.

const KIND_LABELS: Record<string, string> = {
  person: 'same name and date of birth',
  'person-variant': 'name variant or date of birth with day and month swapped',
  'surname-dob': 'same family name and date of birth',
  address: 'same address',
  'surname-postcode': 'same family name and postcode',
  name: 'same name',
  postcode: 'same postcode',
};

function statusText(view: MatchView): string {
  const status = view.status.toLowerCase().replaceAll('_', ' ');
  return view.closureReason ? `${status}: ${view.closureReason}` : status;
}

export function matchRows(views: readonly MatchView[], caller: StaffCaller) {
  return views.map((view) => ({
    caseId: view.caseId,
    reference: view.reference,
    href: canSeeCase(caller, view) ? `/cases/${view.caseId}` : undefined,
    received: view.receivedAt.slice(0, 10),
    ended: view.endedAt?.slice(0, 10),
    status: statusText(view),
    strong: view.strength === 'strong',
    why: view.kinds.map((kind) => KIND_LABELS[kind] ?? kind).join('; '),
    decision: view.decision,
  }));
}

/** The search form's fields, for its error messages. */
export const SEARCH_FIELDS: Record<string, FieldSpec> = {
  reference: { label: 'the case reference', kind: 'text' },
  givenName: { label: 'the given name', kind: 'text' },
  familyName: { label: 'the family name', kind: 'text' },
  dateOfBirth: { label: 'the date of birth', kind: 'date', href: 'dateOfBirth-day' },
  postcode: { label: 'the postcode', kind: 'text' },
};

/** Search results: every one is a record the caller may open (the search filters by the same rule). */
export function searchRows(views: readonly MatchView[], caller: StaffCaller) {
  return matchRows(views, caller).map(({ decision: _decision, ...row }) => ({
    ...row,
    href: `/cases/${row.caseId}`,
  }));
}
