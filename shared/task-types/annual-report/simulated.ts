import type { SimulatedStaff } from '../../../local/simulate/staff-answers';

// How simulated staff answer this type's tasks; only the simulation (local/simulate) imports this file.

export const annualReportStaff = {
  kind: 'report',
  plan: (at) => ({
    at,
    movesCapacity: false,
    decision: 'submitted',
    outcome: { commentary: 'Simulated commentary.' },
  }),
} satisfies SimulatedStaff;
