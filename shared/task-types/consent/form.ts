import { dateFrom, one, optional, wholeNumber } from '../../pages/forms';
import { radios, relationshipSelect } from '../../pages/task-forms/options';
import type { TaskForm } from '../../pages/task-forms/types';

// The key worker records whether the family agreed to work with the service.

export const consentForm: TaskForm = {
  fields: {
    decision: { label: 'what the family said', kind: 'choice' },
    givenOn: { label: 'the date consent was given', kind: 'date', href: 'givenOn-day' },
    givenBy: { label: 'who gave consent', kind: 'text' },
    relationship: { label: 'their relationship to the family', kind: 'choice' },
    declinedOn: { label: 'the date the family declined', kind: 'date', href: 'declinedOn-day' },
    declinedReason: { label: 'the reason the family gave', kind: 'text' },
    attempts: { label: 'how many times you tried to make contact', kind: 'number' },
    notes: { label: 'notes', kind: 'text' },
  },
  toOutcome(values) {
    const decision = optional(values, 'decision');
    const notes = optional(values, 'notes');
    if (decision === 'given') {
      return {
        decision,
        date: dateFrom(values, 'givenOn'),
        givenBy: optional(values, 'givenBy'),
        relationship: optional(values, 'relationship'),
        notes,
      };
    }
    if (decision === 'declined') {
      return {
        decision,
        date: dateFrom(values, 'declinedOn'),
        reason: optional(values, 'declinedReason'),
        notes,
      };
    }
    if (decision === 'no-contact') return { decision, attempts: wholeNumber(values, 'attempts'), notes };
    return { decision, notes };
  },
  fieldFor(path, values) {
    const decision = one(values, 'decision');
    if (path === 'date') return decision === 'declined' ? 'declinedOn' : 'givenOn';
    if (path === 'reason') return 'declinedReason';
    return path;
  },
  async viewData(_context, values) {
    return {
      decisionItems: radios(one(values, 'decision'), [
        ['given', 'The family agreed to work with us'],
        ['declined', 'The family declined'],
        ['no-contact', 'We could not make contact'],
      ]),
      relationshipItems: relationshipSelect(one(values, 'relationship'), true),
    };
  },
};
