import { CLOSURE_REASONS } from '../../core/schemas/outcomes';
import { many, one, optional } from '../../pages/forms';
import { needCheckboxes, radios } from '../../pages/task-forms/options';
import { starFields, starFrom, starRows } from '../../pages/task-forms/star';
import type { TaskForm } from '../../pages/task-forms/types';

// Closing the case: why, which needs were met, a last Family Star reading if there was one.

const REASON_LABELS: Record<(typeof CLOSURE_REASONS)[number], string> = {
  'plan-completed': 'The plan was completed',
  'family-disengaged': 'The family stopped engaging',
  'consent-withdrawn': 'The family withdrew consent',
  'consent-not-given': 'Consent was not given',
  'support-ended': 'The planned support period ended',
  'moved-away': 'The family moved away',
  'stepped-up': "Stepped up to children's social care",
  transferred: 'Transferred to another service',
  other: 'Another reason',
};

export const closureForm: TaskForm = {
  fields: {
    reason: { label: 'why the case is closing', kind: 'choice' },
    needsResolved: { label: 'the needs resolved', kind: 'choices' },
    needsOutstanding: { label: 'the needs still outstanding', kind: 'choices' },
    ...starFields(),
    summary: { label: 'a summary of the outcomes', kind: 'text' },
    notes: { label: 'notes', kind: 'text' },
  },
  toOutcome(values) {
    const star = starFrom(values, { optional: true });
    return {
      reason: optional(values, 'reason'),
      outcomes: {
        needsResolved: many(values, 'needsResolved'),
        needsOutstanding: many(values, 'needsOutstanding'),
        ...(star ? { familyStar: star } : {}),
        summary: optional(values, 'summary'),
      },
      notes: optional(values, 'notes'),
    };
  },
  fieldFor: (path) => path.replace(/^outcomes\./, ''),
  async viewData({ record }, values) {
    return {
      reasonItems: radios(
        one(values, 'reason'),
        CLOSURE_REASONS.map((reason) => [reason, REASON_LABELS[reason]] as const),
      ),
      resolvedItems: needCheckboxes(values, 'needsResolved', record?.needs),
      outstandingItems: needCheckboxes(values, 'needsOutstanding', record?.needs),
      starRows: starRows(values, record?.latestFamilyStar ?? record?.assessment?.familyStar),
    };
  },
};
