import type { TaskTypeFacts } from '../../core/schemas/task-type-core';

// What the claim-sign-off task type is, apart from what it does: its kind, its wording and who works on it.
// Lists, access rules and escalation read these without loading the behaviour in domain.ts (which
// sends email and answers task tokens), so a handler that only reads them stays small.

export const claimSignOffFacts = {
  type: 'claim-sign-off',
  kind: 'report',
  label: 'Results claim sign-off',
  escalation: ['head-of-service'],
  roles: ['head-of-service'],
  overseers: ['head-of-service'],
} as const satisfies TaskTypeFacts;
