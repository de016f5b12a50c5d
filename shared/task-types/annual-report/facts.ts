import type { TaskTypeFacts } from '../../core/schemas/task-type-core';

// What the annual-report task type is, apart from what it does: its kind, its wording and who works on it.
// Lists, access rules and escalation read these without loading the behaviour in domain.ts (which
// sends email and answers task tokens), so a handler that only reads them stays small.

export const annualReportFacts = {
  type: 'annual-report',
  kind: 'report',
  label: 'Annual report sign-off',
  // The partnership's reporting duty (seeds/002 §42): an overdue report goes to the head of service at
  // once, who may then complete it.
  escalation: ['head-of-service'],
  roles: ['locality-manager', 'head-of-service'],
  overseers: ['head-of-service'],
} as const satisfies TaskTypeFacts;
