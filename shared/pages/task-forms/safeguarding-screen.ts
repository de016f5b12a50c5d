import { getCase } from '../../adapters/data/cases';
import { many, one, optional } from '../forms';
import { radios } from './options';
import type { TaskForm } from './types';

// The duty team's screen: proceed to the hub, or step up to children's social care at once.

export const safeguardingScreenForm: TaskForm = {
  fields: {
    decision: { label: 'whether the referral proceeds or is stepped up', kind: 'choice', href: 'decision' },
    reason: { label: 'the reason for your decision', kind: 'text' },
    confirmedDuplicates: { label: 'the cases that are the same family', kind: 'choices' },
    notes: { label: 'notes', kind: 'text' },
  },
  toOutcome: (values) => ({
    decision: optional(values, 'decision'),
    reason: optional(values, 'reason'),
    ...(many(values, 'confirmedDuplicates').length > 0
      ? { confirmedDuplicates: many(values, 'confirmedDuplicates') }
      : {}),
    notes: optional(values, 'notes'),
  }),
  async viewData({ db, record }, values) {
    const duplicates = await Promise.all((record?.possibleDuplicates ?? []).map((id) => getCase(db, id)));
    const chosen = new Set(many(values, 'confirmedDuplicates'));
    const shown = record?.possibleDuplicates.length ?? 0;
    const total = record?.possibleDuplicateCount ?? shown;
    return {
      // A refuge's address matches many families: the case keeps the first few, and says how many.
      duplicatesNote: total > shown ? `Showing the first ${shown} of ${total} open cases that match.` : '',
      decisionItems: radios(one(values, 'decision'), [
        ['proceed', 'Proceed to the locality hub', 'No immediate risk: the hub decides what help fits'],
        ['step-up', "Step up to children's social care", 'Immediate risk: the journey ends here'],
      ]),
      duplicateItems: duplicates
        .filter((entry) => entry !== undefined)
        .map((entry) => ({
          value: entry.id,
          text: `${entry.reference} (received ${entry.receivedAt.slice(0, 10)}, ${entry.status.toLowerCase().replaceAll('_', ' ')})`,
          checked: chosen.has(entry.id),
        })),
    };
  },
};
