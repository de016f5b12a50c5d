import type { FieldError } from '../../core/schemas/validation-error';
import { ValidationError } from '../../core/schemas/validation-error';
import type { ReviewOutcome } from '../../core/schemas/outcomes';
import type { Task } from '../../core/schemas/task';
import { ConflictError, type Db, NotFoundError } from '../../adapters/data/db';
import { latestPlanVersion } from '../../adapters/data/family-plan';
import type { JourneyActor } from '../tasks/actor';
import { writePlanVersion } from './plan';

// Every 12-week review goes through the family plan goal by goal (issue #18): how far the family has
// come towards each goal (0-10) and what changes (carries on, achieved, dropped), with a Family Star
// Plus reading for each parent or carer. Completing the review saves the plan as its next version,
// carrying the review, so the plan's history shows each goal and each star area across reviews.
// Runs with the staff completion, before the task is marked completed (the type's onComplete): a
// review that names a goal the plan does not have is refused (422) and completes nothing; a retried
// completion finds its version already saved and writes nothing more; a plan version written by someone
// else meanwhile is read and reviewed in its turn (not a 409 for the staff).

export async function savePlanReview(
  db: Db,
  task: Pick<Task, 'id' | 'caseId'>,
  outcome: ReviewOutcome,
  actor: JourneyActor,
  now: string,
): Promise<void> {
  const goals = outcome.goals ?? [];
  const carerStars = outcome.carerStars ?? [];
  if (!task.caseId) throw new NotFoundError('case');
  // A plan written meanwhile (a meeting, an action's status recorded the same minute) takes the version
  // this review was to write: read the plan again and review that one, a few times, as a plan action's
  // completion does (plan-task-rules.ts), rather than fail the staff's completion with a 409.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const latest = await latestPlanVersion(db, task.caseId);
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
      return;
    }
    if (latest.review?.taskId === task.id) return;
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
    try {
      await writePlanVersion(
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
      return;
    } catch (error) {
      if (error instanceof ConflictError) continue;
      throw error;
    }
  }
  throw new ConflictError('the plan kept changing; try again', 'busy');
}
