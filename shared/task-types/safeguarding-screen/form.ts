import { canDecideMatches } from '../../domain/access/rules';
import { possibleMatchesOf } from '../../domain/matching/matches';
import { matchRows } from '../../pages/matches-view';
import { one, optional } from '../../pages/forms';
import { radios } from '../../pages/task-forms/options';
import type { TaskForm } from '../../pages/task-forms/types';

// The duty team's screen: proceed to the hub, or step up to children's social care at once. Beside the
// form, the records held that may be the same family, each linked or dismissed on its own (the
// decision is recorded at once, apart from the screen's outcome: shared/domain/matching/matches.ts).

export const safeguardingScreenForm: TaskForm = {
  fields: {
    decision: { label: 'whether the referral proceeds or is stepped up', kind: 'choice', href: 'decision' },
    reason: { label: 'the reason for your decision', kind: 'text' },
    notes: { label: 'notes', kind: 'text' },
  },
  toOutcome: (values) => ({
    decision: optional(values, 'decision'),
    reason: optional(values, 'reason'),
    notes: optional(values, 'notes'),
  }),
  async viewData({ db, record, caller, task }, values) {
    const matches = record ? await possibleMatchesOf(db, record, caller) : { items: [], total: 0 };
    return {
      decisionItems: radios(one(values, 'decision'), [
        ['proceed', 'Proceed to the locality hub', 'No immediate risk: the hub decides what help fits'],
        ['step-up', "Step up to children's social care", 'Immediate risk: the journey ends here'],
      ]),
      matches: record
        ? {
            caseId: record.id,
            taskId: task.id,
            total: matches.total,
            rows: matchRows(matches.items, caller),
            canDecide: canDecideMatches(caller, record),
          }
        : undefined,
    };
  },
};
