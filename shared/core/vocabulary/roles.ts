// Staff roles and partner scopes as plain values: the zod schemas (schemas/roles.ts) are built from
// them, and handlers that only compare roles read them from here without loading zod.

export const STAFF_ROLES = [
  'duty-social-worker',
  'duty-manager',
  'hub-coordinator',
  'family-support-worker',
  'senior',
  'locality-manager',
  'head-of-service',
  'administrator',
] as const;

export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * Roles that work for the whole county (their area is `county`): First Response's duty social workers
 * and duty manager (seeds/001 §6, seeds/004 §12: the single front door), the head of service and the
 * administrators. The other roles belong to one locality.
 */
export const COUNTY_WIDE_ROLES = [
  'duty-social-worker',
  'duty-manager',
  'head-of-service',
  'administrator',
] as const satisfies readonly StaffRole[];

export function isCountyWideRole(role: StaffRole): boolean {
  return (COUNTY_WIDE_ROLES as readonly StaffRole[]).includes(role);
}

/** The partner API's OAuth scopes (`<resource server>/<scope>`). */
export const PARTNER_SCOPES = ['referrals/read', 'referrals/write', 'team/read', 'team/write'] as const;
export type PartnerScope = (typeof PARTNER_SCOPES)[number];

/** What each scope allows, as the OpenAPI document and the user pool's resource servers describe it. */
export const PARTNER_SCOPE_DESCRIPTIONS: Record<PartnerScope, string> = {
  'referrals/read': 'read own referrals',
  'referrals/write': 'submit and withdraw referrals',
  'team/read': 'read the family plan actions the agency owns, on cases whose family consented to share them',
  'team/write': 'post updates on those actions',
};
