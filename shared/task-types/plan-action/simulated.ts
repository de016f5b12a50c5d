import { actionTime, type SimulatedStaff } from '../../../local/simulate/staff-answers';

// How simulated staff answer this type's tasks; only the simulation (local/simulate) imports this file.
// A key worker's plan action (or the next meeting): done within a few working days of its email,
// one in ten a week or two late.

export const planActionStaff = {
  kind: 'case',
  plan: ({ random, opened }) => ({
    at: actionTime(opened, random.chance(0.1) ? random.int(10, 20) : random.int(2, 8), random),
    movesCapacity: false,
    decision: 'done',
    outcome: { note: 'Simulated: done.' },
  }),
} satisfies SimulatedStaff;
