import { actionTime, type SimulatedStaff } from '../../../local/simulate/staff-answers';

// How simulated staff answer this type's tasks; only the simulation (local/simulate) imports this file.

export const safeguardingScreenStaff = {
  kind: 'case',
  plan: ({ random, opened, family }) => {
    const delay = random.chance(0.05) ? random.int(2, 3) : random.int(0, 1);
    // The duty team screens an urgent referral within its hour, one in ten late; more are stepped up
    const stepUp = random.chance(family.urgent ? 0.3 : 0.02);
    const minutes = () => (random.chance(0.1) ? random.int(70, 110) : random.int(10, 50));
    return {
      at: family.urgent ? new Date(opened.getTime() + minutes() * 60_000) : actionTime(opened, delay, random),
      movesCapacity: false,
      decision: stepUp ? 'step-up' : 'proceed',
      outcome: stepUp
        ? { decision: 'step-up', reason: 'Simulated: immediate safeguarding concern.' }
        : { decision: 'proceed', reason: 'Simulated: suitable for early help.' },
    };
  },
} satisfies SimulatedStaff;
