import { actionTime, star, type SimulatedStaff } from '../../../local/simulate/staff-answers';

// How simulated staff answer this type's tasks; only the simulation (local/simulate) imports this file.

export const assessmentStaff = {
  kind: 'case',
  plan: ({ random, opened, today, family }) => {
    const delay = random.chance(0.12) ? random.int(46, 55) : random.int(10, 40);
    const at = actionTime(opened, delay, random);
    return {
      at,
      movesCapacity: false,
      decision: 'assessed',
      outcome: {
        completedOn: today(at),
        needs: family.needs,
        familyStar: star(random, 4),
        plan: {
          summary: 'Simulated plan.',
          goals: [{ need: family.needs[0], goal: 'Simulated goal', actions: 'Simulated actions.' }],
        },
      },
    };
  },
} satisfies SimulatedStaff;
