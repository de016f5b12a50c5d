import type { SimulatedStaff } from '../../../local/simulate/staff-answers';

// How simulated staff answer this type's tasks; only the simulation (local/simulate) imports this file.
// Allocation waits for a free place (the journey allocates it when one frees).

export const allocationStaff = { kind: 'case', plan: () => undefined } satisfies SimulatedStaff;
