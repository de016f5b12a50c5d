import { annualReportOutcomeSchema } from './core';
import type { ReportTaskDefinition } from '../../domain/tasks/types/definition';
import { reportScopeOwner } from '../../domain/tasks/types/report-scope';
import { annualReportFacts } from './facts';
import { type TaskBehaviour, withFacts } from '../../domain/tasks/types/definition';

// After the year's last quarter the locality manager (the head of service for the partnership) signs
// off the annual report with commentary.

export const annualReportTask = /* @__PURE__ */ withFacts(annualReportFacts, {
  outcomeSchema: annualReportOutcomeSchema,
  owner: reportScopeOwner,
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
} satisfies TaskBehaviour<ReportTaskDefinition<'annual-report'>>);
