import type { TaskTypeFacts } from '../../core/schemas/task-type-core';

// What the annual-conversation task type is, apart from what it does: its kind, its wording and who works on it.
// Lists, access rules and escalation read these without loading the behaviour in domain.ts (which
// sends email and answers task tokens), so a handler that only reads them stays small.

export const annualConversationFacts = {
  type: 'annual-conversation',
  kind: 'report',
  label: 'Annual conversation record',
  escalation: ['head-of-service'],
  roles: ['locality-manager', 'head-of-service'],
  overseers: ['head-of-service'],
} as const satisfies TaskTypeFacts;
