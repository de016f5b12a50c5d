import type { TaskTypeFacts } from '../../core/schemas/task-type-core';

// What the allocation task type is, apart from what it does: its kind, its wording and who works on it.
// Lists, access rules and escalation read these without loading the behaviour in domain.ts (which
// sends email and answers task tokens), so a handler that only reads them stays small.

export const allocationFacts = {
  type: 'allocation',
  kind: 'case',
  label: 'Allocate a key worker',
  // The locality manager owns it; only the head of service is above them.
  escalation: ['head-of-service'],
  roles: ['hub-coordinator', 'senior', 'locality-manager', 'head-of-service'],
  overseers: ['hub-coordinator', 'senior', 'locality-manager', 'head-of-service'],
} as const satisfies TaskTypeFacts;
