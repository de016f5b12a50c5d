import { londonDate } from '../../core/calendar';
import type { SimulatedStaff } from '../../../local/simulate/staff-answers';

// How simulated staff answer this type's tasks; only the simulation (local/simulate) imports this file.

export const annualConversationStaff = {
  kind: 'report',
  plan: (at) => ({
    at,
    movesCapacity: false,
    decision: 'held',
    outcome: {
      heldOn: londonDate(at),
      attendees: ['Simulated partner'],
      notes: 'Simulated conversation.',
    },
  }),
} satisfies SimulatedStaff;
