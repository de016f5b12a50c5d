import { claimSignOffOutcomeSchema } from './core';
import type { ReportTaskDefinition } from '../../domain/tasks/types/definition';
import { reportScopeOwner } from '../../domain/tasks/types/report-scope';
import { claimSignOffFacts } from './facts';
import { type TaskBehaviour, withFacts } from '../../domain/tasks/types/definition';

// The head of service signs off a claim window's results claim once the audits are done (issue #19):
// approved, the claim file is produced and each family claimed once; not approved, nothing is claimed.

export const claimSignOffTask = /* @__PURE__ */ withFacts(claimSignOffFacts, {
  outcomeSchema: claimSignOffOutcomeSchema,
  owner: reportScopeOwner,
  due: 'reporting-cycle',
  api: {
    outcomeNote: "The head of service's sign-off of the claim (approved or not) with commentary.",
    outcomeExample: { approved: true, commentary: 'Audit sample checked; two families removed.' },
  },
} satisfies TaskBehaviour<ReportTaskDefinition<'claim-sign-off'>>);
