import type { TaskTypeFacts } from '../../core/schemas/task-type-core';

// What the assessment task type is, apart from what it does: its kind, its wording and who works on it.
// Lists, access rules and escalation read these without loading the behaviour in domain.ts (which
// sends email and answers task tokens), so a handler that only reads them stays small.

export const assessmentFacts = {
  type: 'assessment',
  kind: 'case',
  label: 'Single family assessment',
  escalation: ['senior', 'locality-manager'],
  roles: ['family-support-worker', 'senior', 'locality-manager'],
  overseers: ['senior', 'locality-manager'],
} as const satisfies TaskTypeFacts;
