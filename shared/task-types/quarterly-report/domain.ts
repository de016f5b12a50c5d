import { quarterlyReportOutcomeSchema } from './core';
import type { ReportTaskDefinition } from '../../domain/tasks/types/definition';
import { reportScopeOwner } from '../../domain/tasks/types/report-scope';

// Each quarter the locality manager (the head of service for the partnership) signs off the
// quarter's report with commentary, choosing improvement options when it flags under-performance.

export const quarterlyReportTask = {
  type: 'quarterly-report',
  kind: 'report',
  label: 'Quarterly report sign-off',
  outcomeSchema: quarterlyReportOutcomeSchema,
  owner: reportScopeOwner,
  // The partnership's reporting duty (seeds/002 §42): an overdue report goes to the head of service at
  // once, who may then complete it.
  escalation: ['head-of-service'],
  roles: ['locality-manager', 'head-of-service'],
  overseers: ['head-of-service'],
  due: 'reporting-cycle',
  submission: ({ commentary, improvementOptions }) => ({
    commentary,
    ...(improvementOptions ? { improvementOptions } : {}),
  }),
  api: {
    outcomeNote: "The head of service's commentary, and improvement options when the report flags a drop.",
    outcomeExample: {
      commentary: 'Assessments on time improved; the waiting list is down to two families.',
      improvementOptions: ['peer-support'],
    },
  },
} satisfies ReportTaskDefinition<'quarterly-report'>;
