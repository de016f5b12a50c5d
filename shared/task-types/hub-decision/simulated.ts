import { actionTime, type SimulatedStaff } from '../../../local/simulate/staff-answers';

// How simulated staff answer this type's tasks; only the simulation (local/simulate) imports this file.

export const hubDecisionStaff = {
  kind: 'case',
  plan: ({ random, opened, family }) => {
    const delay = random.chance(0.1) ? random.int(6, 9) : random.int(1, 5);
    const decision = random.weighted(['family-support', 'redirect', 'nfa'], [88, 8, 4]);
    const enhanced = family.complex ? random.chance(0.85) : random.chance(0.1);
    const outcome =
      decision === 'family-support'
        ? {
            decision,
            supportLevel: enhanced ? 'enhanced' : 'standard',
            reason: 'Simulated: several needs.',
          }
        : decision === 'redirect'
          ? { decision, service: 'Children’s centre', reason: 'Simulated: better met there.' }
          : { decision, reason: 'Simulated: needs already met.' };
    return {
      at: actionTime(opened, delay, random),
      movesCapacity: decision === 'family-support',
      decision,
      outcome,
    };
  },
} satisfies SimulatedStaff;
