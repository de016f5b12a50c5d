import { formatDay } from './labels';
import { relationshipLabel } from './task-forms/options';
import { FAMILY_STAR_AREAS } from '../core/vocabulary/family-star';
import { getNeed, type NeedId } from '../core/vocabulary/needs';

// A completed task's outcome as summary-list rows, in words.

const KEYS: Record<string, string> = {
  decision: 'Decision',
  supportLevel: 'Level of support',
  service: 'Redirected to',
  reason: 'Reason',
  notes: 'Notes',
  workerId: 'Key worker',
  date: 'Date',
  givenBy: 'Given by',
  relationship: 'Relationship',
  attempts: 'Attempts to make contact',
  completedOn: 'Completed on',
  heldOn: 'Held on',
  needs: 'Needs',
  familyStar: 'Family Star',
  summary: 'Summary',
  goals: 'Goals',
  progress: 'Progress',
  needsResolved: 'Needs resolved',
  needsOutstanding: 'Needs outstanding',
  commentary: 'Commentary',
  improvementOptions: 'Improvement options',
  attendees: 'Attendees',
  actions: 'Actions',
  confirmedDuplicates: 'Confirmed duplicates',
};

const DECISIONS: Record<string, string> = {
  proceed: 'Proceed to the hub',
  'step-up': "Step up to children's social care",
  'family-support': 'Family support',
  redirect: 'Redirect to another service',
  nfa: 'No further action',
  given: 'Consent given',
  declined: 'Declined',
  'no-contact': 'No contact',
  continue: 'Continue support',
  close: 'Close the case',
};

function words(key: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (key === 'familyStar' && typeof value === 'object') {
    const star = value as Record<string, number>;
    return FAMILY_STAR_AREAS.map((area) => `${area.label}: ${star[area.id]}`).join('; ');
  }
  if (key === 'goals' && Array.isArray(value)) {
    return value.map((goal: { goal: string }, index) => `${index + 1}. ${goal.goal}`).join('; ');
  }
  if (Array.isArray(value)) {
    return value
      .map((item) =>
        typeof item === 'string' && key.startsWith('needs')
          ? (getNeed(item as NeedId)?.label ?? item)
          : String(item),
      )
      .join('; ');
  }
  if (typeof value === 'string') {
    if (key === 'decision') return DECISIONS[value] ?? value;
    if (key === 'relationship') return relationshipLabel(value);
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDay(value);
    return value;
  }
  return String(value);
}

export function outcomeRows(outcome: unknown): { key: { text: string }; value: { text: string } }[] {
  if (!outcome || typeof outcome !== 'object') return [];
  const rows: { key: { text: string }; value: { text: string } }[] = [];
  const visit = (record: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(record)) {
      if (value && typeof value === 'object' && !Array.isArray(value) && key !== 'familyStar') {
        visit(value as Record<string, unknown>);
        continue;
      }
      const text = words(key, value);
      if (text) rows.push({ key: { text: KEYS[key] ?? key }, value: { text } });
    }
  };
  visit(outcome as Record<string, unknown>);
  // The decision first: it is what a reader looks for.
  return [
    ...rows.filter((row) => row.key.text === 'Decision'),
    ...rows.filter((row) => row.key.text !== 'Decision'),
  ];
}
