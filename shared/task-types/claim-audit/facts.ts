import type { TaskTypeFacts } from '../../core/schemas/task-type-core';

// What the claim-audit task type is, apart from what it does: its kind, its wording and who works on it.
// Lists, access rules and escalation read these without loading the behaviour in domain.ts (which
// sends email and answers task tokens), so a handler that only reads them stays small.

export const claimAuditFacts = {
  type: 'claim-audit',
  kind: 'report',
  label: 'Results claim audit',
  escalation: ['head-of-service'],
  roles: ['senior', 'locality-manager', 'head-of-service'],
  overseers: ['locality-manager', 'head-of-service'],
} as const satisfies TaskTypeFacts;
