import * as z from 'zod';
import { LOCALITY_IDS } from '../core/config';
import { isoDateSchema } from '../core/schemas/common';
import { caseStatusSchema, leadProfessionalSchema } from '../core/schemas/case';

// Bodies of the staff's case actions (POST /v1/cases/{id}/...): the course of a case changed outside
// its tasks, as DESIGN.md allows at any point (step up, withdraw, transfer, extend support).

export const caseActionReasonSchema = z.strictObject({
  reason: z.string().trim().min(1).max(1000).describe('why, in a sentence or two (kept in the audit trail)'),
});

export const caseTransferSchema = z
  .strictObject({
    toWorkerId: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe("a named worker (their area becomes the case's)"),
    toLocality: z
      .enum(LOCALITY_IDS)
      .optional()
      .describe('a locality: its worker with the most room takes the case'),
  })
  .refine((body) => body.toWorkerId !== undefined || body.toLocality !== undefined, {
    path: ['toWorkerId'],
    message: 'name a worker (toWorkerId) or a locality (toLocality)',
  });

export const supportExtensionSchema = z.strictObject({
  until: isoDateSchema.describe('the new planned end of support, YYYY-MM-DD, after the current one'),
});

export const caseActionResultSchema = z.object({
  caseId: z.string(),
  status: caseStatusSchema,
  locality: z.string(),
  keyWorkerId: z.string().optional(),
  leadProfessional: leadProfessionalSchema.optional(),
  supportEndsOn: z.string().optional(),
});
