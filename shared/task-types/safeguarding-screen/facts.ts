import type { TaskTypeFacts } from '../../core/schemas/task-type-core';

// What the safeguarding-screen task type is, apart from what it does: its kind, its wording and who works on it.
// Lists, access rules and escalation read these without loading the behaviour in domain.ts (which
// sends email and answers task tokens), so a handler that only reads them stays small.

export const safeguardingScreenFacts = {
  type: 'safeguarding-screen',
  kind: 'case',
  label: 'Safeguarding screen',
  // Late screens stay inside First Response (seeds/001 §6, seeds/004 §12): its duty manager, then the
  // head of service. Both may complete a screen, so the one told can act on it.
  escalation: ['duty-manager', 'head-of-service'],
  roles: ['duty-social-worker', 'duty-manager', 'head-of-service'],
  overseers: ['duty-manager', 'head-of-service'],
} as const satisfies TaskTypeFacts;
