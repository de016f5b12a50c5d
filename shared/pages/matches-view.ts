import { canSeeCase, type StaffCaller } from '../domain/access/rules';
import type { MatchView } from '../domain/matching/matches';

// Possible matches and linked records as the pages list them: facts and outcomes, never names, and a
// link to the other record only for those who may open it.

const KIND_LABELS: Record<string, string> = {
  person: 'same name and date of birth',
  'person-variant': 'name variant or date of birth with day and month swapped',
  'surname-dob': 'same family name and date of birth',
  address: 'same address',
  'surname-postcode': 'same family name and postcode',
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
