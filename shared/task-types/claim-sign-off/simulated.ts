import type { SimulatedStaff } from '../../../local/simulate/staff-answers';

// How simulated staff answer this type's tasks; only the simulation (local/simulate) imports this file.

export const claimSignOffStaff = {
  kind: 'report',
  plan: (at) => ({
    at,
    movesCapacity: false,
    decision: 'approved',
    outcome: { approved: true, commentary: 'Simulated sign-off.' },
  }),
} satisfies SimulatedStaff;
