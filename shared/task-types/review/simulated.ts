import { actionTime, star, type SimulatedStaff } from '../../../local/simulate/staff-answers';

// How simulated staff answer this type's tasks; only the simulation (local/simulate) imports this file.

export const reviewStaff = {
  kind: 'case',
  plan: ({ random, opened, today, occurrence }) => {
    const delay = random.chance(0.15) ? random.int(11, 18) : random.int(3, 10);
    const at = actionTime(opened, delay, random);
    const decision = random.weighted(['continue', 'close', 'step-up'], [92, 6, 2]);
    return {
      at,
      movesCapacity: decision === 'step-up',
      decision,
      outcome: {
        heldOn: today(at),
        familyStar: star(random, 4 + occurrence),
        progress: 'Simulated progress.',
        decision,
      },
    };
  },
} satisfies SimulatedStaff;
