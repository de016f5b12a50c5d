import * as z from 'zod/mini';
import { areaSchema, emailSchema, instantSchema, slugIdSchema, text } from './common';
import { staffRoleSchema } from './roles';

/**
 * A member of staff. Caseload figures are in units (config staffing.caseload) so loads add up exactly.
 * `load <= capacity` is a rule about state, kept by conditional writes (shared/adapters/data/allocation.ts),
 * not by this schema.
 */
export const workerSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    id: slugIdSchema,
    name: text(120),
    email: emailSchema,
    role: staffRoleSchema,
    area: areaSchema,
    active: z.boolean(),
    /** Caseload capacity in units (30 = ten standard families); 0 for roles that hold no cases. */
    capacity: z.number().check(z.int(), z.gte(0), z.lte(1000)),
    /** Units currently allocated. Changed only by the allocation transaction and its release. */
    load: z.number().check(z.int(), z.gte(0), z.lte(1000)),
    openCases: z.number().check(z.int(), z.gte(0), z.lte(1000)),
    createdAt: instantSchema,
    updatedAt: instantSchema,
  }))();

export type Worker = z.infer<typeof workerSchema>;
