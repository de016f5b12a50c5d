import * as z from 'zod/mini';
import { PARTNER_SCOPES, STAFF_ROLES } from '../vocabulary/roles';

export const staffRoleSchema = z.enum(STAFF_ROLES);
export const partnerScopeSchema = z.enum(PARTNER_SCOPES);
