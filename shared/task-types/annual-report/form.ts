import { lines, optional } from '../../pages/forms';
import { reportToSignOff } from '../../pages/task-forms/report-sign-off';
import type { TaskForm } from '../../pages/task-forms/types';

// The annual report signed off with commentary, the interventions the year prevented and case studies.

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
