import type { Case } from '../../core/schemas/case';
import type { FamilyPlan, FamilyPlanBody, PlanActionStatusBody } from '../../core/schemas/family-plan';
import { type Db, NotFoundError } from '../../adapters/data/db';
import { listPlanVersions } from '../../adapters/data/family-plan';
import { auditActorOf, type JourneyActor } from '../tasks/actor';
import { goalsFrom, requireLatest, requireWorkable, writePlanVersion } from './plan';
import { syncPlanTasks } from './plan-tasks';

// The key worker's writes of the family plan (the plan's routes and pages): each writes the next
// version (shared/domain/family-plan/plan.ts), then brings the plan's staff tasks in line with it
// (plan-tasks.ts). Kept apart from plan.ts, which the task-type registry reaches (the review and the
// plan-action types write plan versions): the tasks' emails and executions must not be reached from it.

type StaffCaller = Extract<JourneyActor, { kind: 'staff' }>;

/** `PUT /v1/cases/{id}/plan`: the whole plan as its next version. */
export async function writePlan(
  db: Db,
  record: Case,
  caller: StaffCaller,
  body: FamilyPlanBody,
  at: Date,
): Promise<FamilyPlan> {
  requireWorkable(record);
  // Every version, not only the latest: the plan's tasks are synced with them and the one written here.
  const versions = await listPlanVersions(db, record.id);
  const latest = versions.at(-1);
  requireLatest(latest, body.revises);
  const goals = goalsFrom(record, latest, body.goals, at);
  const plan = await writePlanVersion(
    db,
    latest,
    { summary: body.summary, goals },
    { record, actor: { ...caller }, at, change: 'written' },
  );
  await syncPlanTasks(db, record, at.toISOString(), auditActorOf(caller), [...versions, plan]);
  return plan;
}

/**
 * An action's new status as the plan's next version. Setting the status it already has writes nothing
 * and answers the latest version (a second click, a retried request).
 */
export async function setActionStatus(
  db: Db,
  record: Case,
  caller: StaffCaller,
  actionId: string,
  body: PlanActionStatusBody,
  at: Date,
): Promise<{ plan: FamilyPlan; changed: boolean }> {
  requireWorkable(record);
  const versions = await listPlanVersions(db, record.id);
  const latest = versions.at(-1);
  const action = latest?.goals.flatMap((goal) => goal.actions).find((one) => one.id === actionId);
  if (!latest || !action) throw new NotFoundError('action');
  if (action.status === body.status) {
    // A second click, or a retry after the first wrote the version but not its tasks' change.
    await syncPlanTasks(db, record, at.toISOString(), auditActorOf(caller), versions);
    return { plan: latest, changed: false };
  }
  requireLatest(latest, body.revises);
  const goals = latest.goals.map((goal) => ({
    ...goal,
    actions: goal.actions.map((one) => (one.id === actionId ? { ...one, status: body.status } : one)),
  }));
  const plan = await writePlanVersion(
    db,
    latest,
    { summary: latest.summary, goals },
    { record, actor: { ...caller }, at, change: 'action-status', details: { actionId, status: body.status } },
  );
  await syncPlanTasks(db, record, at.toISOString(), auditActorOf(caller), [...versions, plan]);
  return { plan, changed: true };
}
