import { dateFrom, lines, optional } from '../../pages/forms';
import type { TaskForm } from '../../pages/task-forms/types';

// The annual conversation with the partnership, recorded: when, who attended, notes and actions.

export const annualConversationForm: TaskForm = {
  fields: {
    heldOn: { label: 'the date of the conversation', kind: 'date', href: 'heldOn-day' },
    attendees: { label: 'who attended', kind: 'text' },
    notes: { label: 'notes of the conversation', kind: 'text' },
    actions: { label: 'the actions agreed', kind: 'text' },
  },
  toOutcome(values) {
    const actions = lines(values, 'actions');
    return {
      heldOn: dateFrom(values, 'heldOn'),
      attendees: lines(values, 'attendees'),
      notes: optional(values, 'notes'),
      ...(actions.length ? { actions } : {}),
    };
  },
  fieldFor: (path) => path.replace(/^(attendees|actions)\.\d+$/, '$1'),
};
