import { claimSignOffOutcomeSchema } from './core';
import type { ReportTaskDefinition } from '../../domain/tasks/types/definition';
import { reportScopeOwner } from '../../domain/tasks/types/report-scope';

// The head of service signs off a claim window's results claim once the audits are done (issue #19):
// approved, the claim file is produced and each family claimed once; not approved, nothing is claimed.

export const claimSignOffTask = {
  type: 'claim-sign-off',
  kind: 'report',
  label: 'Results claim sign-off',
  outcomeSchema: claimSignOffOutcomeSchema,
  owner: reportScopeOwner,
  escalation: ['head-of-service'],
  roles: ['head-of-service'],
  overseers: ['head-of-service'],
  due: 'reporting-cycle',
  api: {
    outcomeNote: "The head of service's sign-off of the claim (approved or not) with commentary.",
    outcomeExample: { approved: true, commentary: 'Audit sample checked; two families removed.' },
  },
} satisfies ReportTaskDefinition<'claim-sign-off'>;
