import { claimSignOffOutcomeSchema } from '../../../core/schemas/outcomes';
import type { ReportTaskDefinition } from './definition';
import { reportScopeOwner } from './report-scope';

// The head of service signs off a claim window's results claim once the audits are done (issue #19):
// approved, the claim file is produced and each family claimed once; not approved, nothing is claimed.

export { claimSignOffOutcomeSchema };

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
  form: { template: 'claim-sign-off' },
  api: {
    outcomeNote: "The head of service's sign-off of the claim (approved or not) with commentary.",
    outcomeExample: { approved: true, commentary: 'Audit sample checked; two families removed.' },
  },
} satisfies ReportTaskDefinition<'claim-sign-off'>;
