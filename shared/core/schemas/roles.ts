import * as z from 'zod';

export const STAFF_ROLES = [
  'duty-social-worker',
  'hub-coordinator',
  'family-support-worker',
  'senior',
  'locality-manager',
  'head-of-service',
  'administrator',
] as const;

export type StaffRole = (typeof STAFF_ROLES)[number];
export const staffRoleSchema = z.enum(STAFF_ROLES);

/** The partner API's OAuth scopes (`<resource server>/<scope>`). */
export const PARTNER_SCOPES = ['referrals/read', 'referrals/write'] as const;
export type PartnerScope = (typeof PARTNER_SCOPES)[number];
export const partnerScopeSchema = z.enum(PARTNER_SCOPES);
