import type { FieldError } from '../../core/schemas/validation-error';
import { ValidationError } from '../../core/schemas/validation-error';
import type { ReviewOutcome } from '../../core/schemas/outcomes';
import type { Task } from '../../core/schemas/task';
import type { FamilyPlan } from '../../core/schemas/family-plan';
import { type Db, NotFoundError, type TransactItem } from '../../adapters/data/db';
import { listPlanVersions } from '../../adapters/data/family-plan';
import type { JourneyActor } from '../tasks/actor';
import { nextPlanVersionWrites } from './plan';

// Every 12-week review goes through the family plan goal by goal (issue #18): how far the family has
// come towards each goal (0-10) and what changes (carries on, achieved, dropped), with a Family Star
// Plus reading for each parent or carer. Completing the review saves the plan as its next version,
// carrying the review, so the plan's history shows each goal and each star area across reviews.
// The version is written in the completing transaction itself (the type's `completionWrites`), so the
// task and the plan land together or not at all: a review that names a goal the plan does not have is
// refused (422) and completes nothing; a retried completion finds the task completed and writes nothing;
// a plan version written by someone else meanwhile fails the transaction, and the completion reads the
// task and the plan again and reviews the newer version (not a 409 for the staff).

/**
 * The plan's next version carrying the review, and its audit event, from the plan read now. Every
 * version is read, not only the latest: `written` is told them as the completing transaction leaves
 * them (with the one it writes), so the sync of the plan's tasks after it need not read them again
 * (as a staff write of the plan hands its sync the versions: shared/domain/family-plan/plan-writes.ts).
 */
export async function planReviewWrites(
  db: Db,
  task: Pick<Task, 'id' | 'caseId'>,
  outcome: ReviewOutcome,
  actor: JourneyActor,
  now: string,
  written?: (versions: readonly FamilyPlan[]) => void,
): Promise<TransactItem[]> {
  const goals = outcome.goals ?? [];
  const carerStars = outcome.carerStars ?? [];
  if (!task.caseId) throw new NotFoundError('case');
  const versions = await listPlanVersions(db, task.caseId);
  const latest = versions.at(-1);
  if (!latest) {
    if (goals.length > 0) {
      throw new ValidationError([
        {
          path: 'goals',
          rule: 'no_plan',
          message: 'the family has no plan yet: there are no goals to review',
        },
      ]);
    }
    // Without a plan the readings stay in the review's outcome only.
    written?.(versions);
    return [];
  }
  // Saved by an earlier completion of this task (one made before the two were written together).
  if (latest.review?.taskId === task.id) {
    written?.(versions);
    return [];
  }
  const errors: FieldError[] = [];
  const known = new Set(latest.goals.map((goal) => goal.id));
  goals.forEach((goal, index) => {
    if (!known.has(goal.goalId)) {
      errors.push({
        path: `goals.${index}.goalId`,
        rule: 'unknown_goal',
        message: 'not a goal of the plan',
      });
    }
  });
  if (errors.length > 0) throw new ValidationError(errors);
  const next = new Map(goals.map((goal) => [goal.goalId, goal.next]));
  const { plan, items } = nextPlanVersionWrites(
    db,
    latest,
    {
      summary: latest.summary,
      goals: latest.goals.map((goal) => {
        const decided = next.get(goal.id);
        return decided === 'achieved' || decided === 'dropped' ? { ...goal, status: decided } : goal;
      }),
      review: { taskId: task.id, heldOn: outcome.heldOn, goals, carerStars },
    },
    {
      record: { id: task.caseId },
      actor,
      at: new Date(now),
      change: 'review',
      details: { taskId: task.id, goalsReviewed: goals.length, carerStars: carerStars.length },
    },
  );
  written?.([...versions, plan]);
  return items;
}
