import * as z from 'zod';

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
export const staffRoleSchema = z.enum(STAFF_ROLES);

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
export const PARTNER_SCOPES = ['referrals/read', 'referrals/write'] as const;
export type PartnerScope = (typeof PARTNER_SCOPES)[number];
export const partnerScopeSchema = z.enum(PARTNER_SCOPES);
