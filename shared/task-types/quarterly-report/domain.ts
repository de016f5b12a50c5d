import { quarterlyReportOutcomeSchema } from './core';
import type { ReportTaskDefinition } from '../../domain/tasks/types/definition';
import { reportScopeOwner } from '../../domain/tasks/types/report-scope';
import { quarterlyReportFacts } from './facts';
import { type TaskBehaviour, withFacts } from '../../domain/tasks/types/definition';

// Each quarter the locality manager (the head of service for the partnership) signs off the
// quarter's report with commentary, choosing improvement options when it flags under-performance.

export const quarterlyReportTask = /* @__PURE__ */ withFacts(quarterlyReportFacts, {
  outcomeSchema: quarterlyReportOutcomeSchema,
  owner: reportScopeOwner,
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
} satisfies TaskBehaviour<ReportTaskDefinition<'quarterly-report'>>);
