import * as z from 'zod/mini';
import { PARTNER_SCOPES, STAFF_ROLES } from '../vocabulary/roles';

export const staffRoleSchema = /* @__PURE__ */ (() => z.enum(STAFF_ROLES))();
export const partnerScopeSchema = /* @__PURE__ */ (() => z.enum(PARTNER_SCOPES))();
