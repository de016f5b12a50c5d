import * as z from 'zod/mini';
import {
  caseReferenceSchema,
  instantSchema,
  isoDateSchema,
  longText,
  slugIdSchema,
  text,
  ulidSchema,
} from './common';
import { PLAN_ACTION_STATUSES } from './family-plan';

// What a partner agency's practitioner sees and says of the plan actions they own (issue #18, Team
// Around the Family): the action itself and its updates, nothing else of the case, and only while the
// family's consent to share plan actions with the agency is in force and the case is open.

/** The body of `POST /v1/shared/plan-actions/{caseId}/{actionId}`: a new status, a note, or both. */
export const planActionUpdateBodySchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      status: z.optional(z.enum(PLAN_ACTION_STATUSES)),
      note: z.optional(longText(2000)),
    })
    .check(
      z.superRefine((body, context) => {
        if (body.status === undefined && body.note === undefined) {
          context.addIssue({
            code: 'custom',
            message: 'an update gives a status, a note or both',
            path: ['note'],
            params: { rule: 'required' },
          });
        }
      }),
    ))();

/** One update, as stored and answered. */
export const planActionUpdateSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    id: ulidSchema,
    caseId: ulidSchema,
    actionId: ulidSchema,
    partnerId: slugIdSchema,
    at: instantSchema,
    status: z.optional(z.enum(PLAN_ACTION_STATUSES)),
    note: z.optional(longText(2000)),
  }))();

/** An action as its owning agency sees it. */
export const sharedPlanActionSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    caseId: ulidSchema,
    reference: caseReferenceSchema,
    /** The plan version read: name it as nothing else; a status change always applies to the latest. */
    planVersion: z.number().check(z.int(), z.gte(1)),
    actionId: ulidSchema,
    what: text(500),
    dueOn: isoDateSchema,
    status: z.enum(PLAN_ACTION_STATUSES),
    late: z.boolean(),
    /** The practitioner the action names (their role; the name as the plan has it). */
    owner: z.strictObject({ name: text(100), role: text(100) }),
    updates: z.array(planActionUpdateSchema),
  }))();

export const sharedPlanActionListSchema = /* @__PURE__ */ (() =>
  z.strictObject({ items: z.array(sharedPlanActionSchema) }))();

export type PlanActionUpdateBody = z.infer<typeof planActionUpdateBodySchema>;
export type PlanActionUpdate = z.infer<typeof planActionUpdateSchema>;
export type SharedPlanAction = z.infer<typeof sharedPlanActionSchema>;
