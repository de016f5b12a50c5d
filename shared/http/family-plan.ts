import * as z from 'zod/mini';
import { ulidSchema } from '../core/schemas/common';
import { PLAN_CHANGES, planActionSchema, storedFamilyPlanSchema } from '../core/schemas/family-plan';
import { planActionUpdateSchema } from '../core/schemas/plan-action-update';
import { notFound } from './problem';

// What `GET /v1/cases/{id}/plan` answers: the latest version with what is late marked, every version's
// when, who and why, and the late actions in due order (shared/domain/family-plan/plan.ts).

const actionViewSchema = /* @__PURE__ */ (() =>
  z.extend(planActionSchema, {
    late: z.boolean().check(z.describe('not done or dropped, and due before today (London)')),
  }))();

export const planViewSchema = /* @__PURE__ */ (() =>
  z.object({
    plan: z
      .nullable(
        z.extend(storedFamilyPlanSchema, {
          goals: z.array(
            z.extend(storedFamilyPlanSchema.shape.goals.def.element, { actions: z.array(actionViewSchema) }),
          ),
        }),
      )
      .check(z.describe('the latest version; null while the family has no plan')),
    versions: z.array(
      z.object({
        version: z.number().check(z.int(), z.gte(1)),
        change: z.enum(PLAN_CHANGES),
        writtenBy: z.string(),
        writtenAt: z.string(),
      }),
    ),
    late: z.array(z.extend(actionViewSchema, { goalId: ulidSchema })),
    partnerUpdates: z
      .array(planActionUpdateSchema)
      .check(z.describe("partner practitioners' updates on the actions their agency owns, oldest first")),
  }))();

/** The action id in the path, checked like the case id. */
export function actionIdOf(pathParameters: Record<string, string>): string {
  const parsed = ulidSchema.safeParse(pathParameters.actionId);
  if (!parsed.success) throw notFound('No such action');
  return parsed.data;
}
