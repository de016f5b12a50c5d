import { annualReportOutcomeSchema } from './core';
import type { ReportTaskDefinition } from '../../domain/tasks/types/definition';
import { reportScopeOwner } from '../../domain/tasks/types/report-scope';

// After the year's last quarter the locality manager (the head of service for the partnership) signs
// off the annual report with commentary.

export const annualReportTask = {
  type: 'annual-report',
  kind: 'report',
  label: 'Annual report sign-off',
  outcomeSchema: annualReportOutcomeSchema,
  owner: reportScopeOwner,
  // The partnership's reporting duty (seeds/002 §42): an overdue report goes to the head of service at
  // once, who may then complete it.
  escalation: ['head-of-service'],
  roles: ['locality-manager', 'head-of-service'],
  overseers: ['head-of-service'],
  due: 'reporting-cycle',
  submission: ({ commentary, preventedEscalations, caseStudies }) => ({
    commentary,
    ...(preventedEscalations ? { preventedEscalations } : {}),
    ...(caseStudies?.length ? { caseStudies } : {}),
  }),
  api: {
    outcomeNote: "The head of service's commentary on the year.",
    outcomeExample: { commentary: 'A year of steady improvement across the partnership.' },
  },
} satisfies ReportTaskDefinition<'annual-report'>;
