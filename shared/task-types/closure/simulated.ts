import { actionTime, type SimulatedStaff } from '../../../local/simulate/staff-answers';

// How simulated staff answer this type's tasks; only the simulation (local/simulate) imports this file.

export const closureStaff = {
  kind: 'case',
  plan: ({ random, opened, family }) => {
    const delay = random.chance(0.1) ? random.int(11, 14) : random.int(1, 8);
    const reason = random.weighted(
      ['plan-completed', 'support-ended', 'family-disengaged', 'moved-away', 'consent-withdrawn', 'other'],
      [60, 15, 12, 6, 4, 3],
    );
    const resolved = family.needs.slice(0, Math.max(1, family.needs.length - random.int(0, 2)));
    return {
      at: actionTime(opened, delay, random),
      movesCapacity: true,
      decision: reason,
      outcome: {
        reason,
        outcomes: {
          needsResolved: resolved,
          needsOutstanding: family.needs.filter((need) => !resolved.includes(need)),
          summary: 'Simulated closure.',
        },
      },
    };
  },
} satisfies SimulatedStaff;
