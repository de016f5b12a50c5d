import type { FamilyStar } from '../../shared/core/schemas';
import { familyStar } from './fixtures';

// Valid task outcomes for journey tests, one builder per task type. Invented text only.

export const screen = {
  proceed: () => ({ decision: 'proceed', reason: 'No immediate risk; suitable for early help.' }),
  stepUp: () => ({ decision: 'step-up', reason: 'Immediate safeguarding concern.' }),
};

export const hub = {
  familySupport: (supportLevel: 'standard' | 'enhanced' = 'standard') => ({
    decision: 'family-support',
    supportLevel,
    reason: 'Several needs at once.',
  }),
  redirect: () => ({ decision: 'redirect', service: 'Children’s centre', reason: 'Better met there.' }),
  nfa: () => ({ decision: 'nfa', reason: 'Needs already met.' }),
};

export const consent = {
  given: (date: string) => ({ decision: 'given', date, givenBy: 'A parent', relationship: 'parent' }),
  declined: (date: string) => ({ decision: 'declined', date, reason: 'The family does not want support.' }),
};

export function assessment(completedOn: string, star: FamilyStar = familyStar(4)) {
  return {
    completedOn,
    needs: ['looking-after-children', 'financial-difficulty', 'missing-education'],
    familyStar: star,
    plan: {
      summary: 'Routines, school attendance and money advice.',
      goals: [
        { need: 'missing-education', goal: 'Full attendance', actions: 'Morning routine; school meetings.' },
      ],
    },
  };
}

export function review(heldOn: string, decision: 'continue' | 'close' | 'step-up', score = 6) {
  return { heldOn, familyStar: familyStar(score), progress: 'Steady progress against the plan.', decision };
}

export function closure(reason = 'plan-completed') {
  return {
    reason,
    outcomes: {
      needsResolved: ['missing-education', 'financial-difficulty'],
      needsOutstanding: ['looking-after-children'],
      familyStar: familyStar(7),
      summary: 'Plan completed; attendance and money much improved.',
    },
  };
}
