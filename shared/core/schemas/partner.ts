import * as z from 'zod/mini';
import { emailSchema, instantSchema, slugIdSchema, text } from './common';
import { partnerScopeSchema } from './roles';
import { PARTNER_SCOPES } from '../vocabulary/roles';

export const PARTNER_TYPES = ['police', 'school', 'housing', 'health', 'district-council', 'other'] as const;

/** An organisation that refers through the API with its own client credentials. */
export const partnerSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    id: slugIdSchema,
    name: text(120),
    organisationType: z.enum(PARTNER_TYPES),
    clientId: text(128),
    scopes: z.array(partnerScopeSchema).check(z.minLength(1), z.maxLength(PARTNER_SCOPES.length)),
    active: z.boolean(),
    contactEmail: z.optional(emailSchema),
    /** Local stack only: a salted hash of the client secret (Cognito keeps it in AWS). */
    secretHash: z.optional(z.string().check(z.maxLength(512))),
    createdAt: instantSchema,
    updatedAt: instantSchema,
  }))();

export type Partner = z.infer<typeof partnerSchema>;
