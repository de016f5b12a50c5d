import type { Actor } from '../../core/schemas';
import { COUNTY } from '../../core/vocabulary/areas';
import { STAFF_ROLES, type StaffRole } from '../../core/vocabulary/roles';

// Who is acting on the journey, as the callers know them: the API's authenticated principal
// (partner, staff member, the public for self-referrals) or the system itself (the workflows,
// automatic allocation). Audit events record the narrower audit actor.

export type JourneyActor =
  | { kind: 'staff'; userId: string; role: StaffRole | string; area: string }
  | { kind: 'partner'; partnerId: string }
  | { kind: 'public' }
  | { kind: 'system'; id?: string };

export const SYSTEM: JourneyActor = { kind: 'system' };

function isStaffRole(role: string): role is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(role);
}

/** The audit event's actor: ids and roles only, never a name. */
export function auditActorOf(actor: JourneyActor): Actor {
  switch (actor.kind) {
    case 'staff':
      return { type: 'staff', id: actor.userId, ...(isStaffRole(actor.role) ? { role: actor.role } : {}) };
    case 'partner':
      return { type: 'partner', id: actor.partnerId };
    case 'public':
      return { type: 'family', id: 'self-referral' };
    case 'system':
      return { type: 'system', id: actor.id ?? 'journey' };
  }
}

export function inArea(actor: { area: string }, area: string): boolean {
  return actor.area === COUNTY || actor.area === area;
}
