import type { SimulatedStaff } from '../../../local/simulate/staff-answers';

// How simulated staff answer this type's tasks; only the simulation (local/simulate) imports this file.
// The claim cycle's audit passes every sampled family; the sign-off approves (local/simulate/claims.ts
// fails a share of audits where it models them).

export const claimAuditStaff = {
  kind: 'report',
  plan: (at) => ({ at, movesCapacity: false, decision: 'audited', outcome: { failed: [] } }),
} satisfies SimulatedStaff;
