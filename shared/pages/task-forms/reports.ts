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

/** `Title: the story` per line: the anonymised case studies a manager chose (seeds/002 §43). */
function caseStudiesFrom(values: Record<string, string | string[]>) {
  return lines(values, 'caseStudies').map((line) => {
    const at = line.indexOf(':');
    return at < 0
      ? { title: line, story: '' }
      : { title: line.slice(0, at).trim(), story: line.slice(at + 1).trim() };
  });
}

export const annualReportForm: TaskForm = {
  fields: {
    commentary: { label: 'your commentary on the annual report', kind: 'text' },
    preventedEscalations: { label: 'the interventions the year prevented', kind: 'text' },
    caseStudies: { label: 'the case studies', kind: 'text' },
    'caseStudies.*.title': { label: 'the title of case study {n}', kind: 'text' },
    'caseStudies.*.story': { label: 'the story of case study {n}', kind: 'text' },
  },
  toOutcome: (values) => {
    const caseStudies = caseStudiesFrom(values);
    return {
      commentary: optional(values, 'commentary'),
      ...(optional(values, 'preventedEscalations')
        ? { preventedEscalations: optional(values, 'preventedEscalations') }
        : {}),
      ...(caseStudies.length ? { caseStudies } : {}),
    };
  },
  fieldFor: (path) => (path.startsWith('caseStudies') ? 'caseStudies' : path),
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
