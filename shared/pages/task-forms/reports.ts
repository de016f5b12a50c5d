import { getLatestReport } from '../../adapters/data/reports';
import { dateFrom, lines, many, optional } from '../forms';
import { reportCharts, reportScopeOfTask, reportTables, scopeLabel } from '../reports';
import type { TaskForm, TaskFormContext } from './types';

/** The report a sign-off task is about, to read beside the form: its figures and links to it. */
async function reportToSignOff({ db, task }: TaskFormContext) {
  const scope = reportScopeOfTask(task);
  const report = task.period ? await getLatestReport(db, scope, task.period) : undefined;
  return {
    reportLinks: task.period
      ? { html: `/reports/${scope}/${task.period}`, csv: `/reports/${scope}/${task.period}/csv` }
      : undefined,
    reportScopeName: scopeLabel(scope),
    reportFlags: report?.flags ?? [],
    reportTables: report ? reportTables(report) : [],
    reportChartSet: report ? reportCharts(report) : { trends: [] },
  };
}

// The reporting cycle's tasks: sign off a quarterly or annual report with commentary, and record the
// annual conversation.

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

export const annualReportForm: TaskForm = {
  fields: { commentary: { label: 'your commentary on the annual report', kind: 'text' } },
  toOutcome: (values) => ({ commentary: optional(values, 'commentary') }),
  viewData: (context) => reportToSignOff(context),
};

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
