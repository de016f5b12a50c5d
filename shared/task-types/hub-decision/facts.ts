import type { TaskTypeFacts } from '../../core/schemas/task-type-core';

// What the hub-decision task type is, apart from what it does: its kind, its wording and who works on it.
// Lists, access rules and escalation read these without loading the behaviour in domain.ts (which
// sends email and answers task tokens), so a handler that only reads them stays small.

export const hubDecisionFacts = {
  type: 'hub-decision',
  kind: 'case',
  label: 'Hub decision',
  // The locality manager runs the locality's hub and may make its decision when the hub is late.
  escalation: ['locality-manager'],
  roles: ['hub-coordinator', 'locality-manager'],
  overseers: ['locality-manager'],
} as const satisfies TaskTypeFacts;
