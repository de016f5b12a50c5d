import { claimAuditOutcomeSchema } from './core';
import type { ReportTaskDefinition } from '../../domain/tasks/types/definition';
import { claimAuditFacts } from './facts';
import { type TaskBehaviour, withFacts } from '../../domain/tasks/types/definition';
import { COUNTY } from '../../core/vocabulary/areas';
import { roleOwner } from '../../core/vocabulary/tasks';

// The internal audit of a claim window's sample (issue #19; Supporting Families programme guidance 2022
// to 2025, chapter 5: results are checked before they are claimed): the locality's senior checks each
// sampled family's evidence, laid out on the task page, and names each family that fails with the
// reason. Opened by the claim cycle (workflows/claim-cycle.asl.json) with the reporting cycle's task
// steps; a late audit goes to the head of service, who may complete it (as may the locality manager).

export const claimAuditTask = /* @__PURE__ */ withFacts(claimAuditFacts, {
  outcomeSchema: claimAuditOutcomeSchema,
  owner: (scope: string) =>
    scope === 'partnership'
      ? { owner: roleOwner('head-of-service', COUNTY), area: COUNTY }
      : { owner: roleOwner('senior', scope), area: scope },
  due: 'reporting-cycle',
  api: {
    outcomeNote:
      'Each sampled family that fails the audit, by case reference, with the reason; the others pass.',
    outcomeExample: {
      failed: [{ reference: 'SLF-2026-00042', reason: 'No school attendance data for the sustain period' }],
      notes: 'Nine families checked against the evidence.',
    },
  },
} satisfies TaskBehaviour<ReportTaskDefinition<'claim-audit'>>);
