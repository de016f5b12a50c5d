import { many, optional } from '../../pages/forms';
import { reportToSignOff } from '../../pages/task-forms/report-sign-off';
import type { TaskForm } from '../../pages/task-forms/types';

// The head of service signs off a locality's or the partnership's quarterly report with commentary,
// choosing improvement options when the report flags under-performance.

const IMPROVEMENT_OPTIONS = [
  ['improvement-plan', 'An improvement plan'],
  ['additional-capacity', 'Additional capacity'],
  ['peer-support', 'Peer support from another locality'],
  ['amalgamation', 'Amalgamation with another locality'],
  ['referral-to-board', 'Referral to the partnership board'],
] as const;

export const quarterlyReportForm: TaskForm = {
  fields: {
    commentary: { label: 'your commentary on the report', kind: 'text' },
    improvementOptions: { label: 'the improvement options', kind: 'choices' },
  },
  toOutcome(values) {
    const options = many(values, 'improvementOptions');
    return {
      commentary: optional(values, 'commentary'),
      ...(options.length ? { improvementOptions: options } : {}),
    };
  },
  async viewData(context, values) {
    const chosen = new Set(many(values, 'improvementOptions'));
    return {
      ...(await reportToSignOff(context)),
      improvementItems: IMPROVEMENT_OPTIONS.map(([value, text]) => ({
        value,
        text,
        checked: chosen.has(value),
      })),
    };
  },
};
