import { allocateWaiting } from '../allocation/allocate';
import { londonDate } from '../../core/calendar';
import type { Db } from '../../adapters/data';
import {
  type Actor,
  type AssessmentOutcome,
  type Case,
  type ClosureOutcome,
  type ConsentOutcome,
  type HubDecisionOutcome,
  parseTaskOutcome,
  type ReviewOutcome,
  type SafeguardingScreenOutcome,
  SYSTEM_ACTOR,
  type Task,
} from '../../core/schemas';
import { type CaseChange, changeCase, endCase } from './case-changes';
import { type Increments, JOURNEY_COUNTERS } from './metrics';
import { tellDutyTeamOfStepUp, tellReferrer } from './notify';
import { afterConsent, afterHubDecision, afterReview, afterScreen, type Route } from './routing';
import { anotherReviewFits, afterReview as scheduleAfterReview, isDrifting, startSupport } from './support';

// What a completed task's outcome does to the case. A case records the last task it applied, so a
// retried step recognises its own work and only answers the route.

/** Applies a completed task's outcome and answers where the journey goes next. */
export async function applyOutcome(db: Db, record: Case, task: Task, now: string): Promise<Route> {
  const applied = record.lastTaskApplied === task.id;
  switch (task.type) {
    case 'safeguarding-screen':
      return screen(db, record, task, parseTaskOutcome('safeguarding-screen', task.outcome), now, applied);
    case 'hub-decision':
      return hub(db, record, task, parseTaskOutcome('hub-decision', task.outcome), now, applied);
    case 'allocation':
      return record.keyWorkerId ? 'consent' : 'repeat';
    case 'consent':
      return consent(db, record, task, parseTaskOutcome('consent', task.outcome), now, applied);
    case 'assessment':
      return assessment(db, record, task, parseTaskOutcome('assessment', task.outcome), now, applied);
    case 'review':
      return review(db, record, task, parseTaskOutcome('review', task.outcome), now, applied);
    case 'closure':
      return closure(db, record, task, parseTaskOutcome('closure', task.outcome), now, applied);
    default:
      throw new RangeError(`task ${task.id} of type ${task.type} is not a journey task`);
  }
}

const done = (task: Task) => ({ lastTaskApplied: task.id });

async function screen(
  db: Db,
  record: Case,
  task: Task,
  outcome: SafeguardingScreenOutcome,
  now: string,
  applied: boolean,
) {
  const step = afterScreen(outcome);
  if (applied) return step.route;
  const details = {
    decision: outcome.decision,
    confirmedDuplicates: outcome.confirmedDuplicates?.length ?? 0,
  };
  if (step.status === 'STEPPED_UP') {
    await stepUp(db, record, { task, now, details });
  } else {
    await changeCase(db, record, {
      now,
      actor: SYSTEM_ACTOR,
      status: step.status!,
      changes: done(task),
      taskId: task.id,
      details,
    });
  }
  return step.route;
}

/** Steps a case up to children's social care: the duty team and the referrer are told at once. */
export async function stepUp(
  db: Db,
  record: Case,
  options: {
    now: string;
    details: Record<string, string | number | boolean | null>;
    task?: Task;
    actor?: Actor;
    changes?: CaseChange['changes'];
    increments?: Increments;
  },
): Promise<Case> {
  const { now, task } = options;
  const ended = await endCase(db, record, {
    now,
    actor: options.actor ?? SYSTEM_ACTOR,
    status: 'STEPPED_UP',
    action: 'case.stepped-up',
    details: options.details,
    changes: { ...options.changes, ...(task ? done(task) : {}) },
    ...(task ? { taskId: task.id } : {}),
    ...(options.increments ? { increments: options.increments } : {}),
  });
  await tellDutyTeamOfStepUp(db, ended.case);
  await tellReferrer(ended.case, 'stepped-up');
  if (ended.freedLocality) await allocateWaiting(db, ended.freedLocality, now);
  return ended.case;
}

async function hub(
  db: Db,
  record: Case,
  task: Task,
  outcome: HubDecisionOutcome,
  now: string,
  applied: boolean,
) {
  const step = afterHubDecision(outcome);
  if (applied) return step.route;
  const increments = { [JOURNEY_COUNTERS.hubDecision(outcome.decision)]: 1 };
  if (step.supportLevel) {
    const updated = await changeCase(db, record, {
      now,
      actor: SYSTEM_ACTOR,
      changes: { supportLevel: step.supportLevel, ...done(task) },
      action: 'case.updated',
      details: { decision: outcome.decision, supportLevel: step.supportLevel },
      taskId: task.id,
      increments: { ...increments, [JOURNEY_COUNTERS.supportLevel(step.supportLevel)]: 1 },
    });
    await tellReferrer(updated, 'family-support');
  } else {
    const ended = await endCase(db, record, {
      now,
      actor: SYSTEM_ACTOR,
      status: step.status!,
      changes: done(task),
      details: { decision: outcome.decision },
      taskId: task.id,
      increments,
    });
    await tellReferrer(ended.case, step.status === 'REDIRECTED' ? 'redirected' : 'nfa');
  }
  return step.route;
}

async function consent(
  db: Db,
  record: Case,
  task: Task,
  outcome: ConsentOutcome,
  now: string,
  applied: boolean,
) {
  const step = afterConsent(outcome);
  if (applied) return step.route;
  if (outcome.decision === 'given') {
    await changeCase(db, record, {
      now,
      actor: SYSTEM_ACTOR,
      status: 'ASSESSMENT',
      changes: { consentGivenOn: outcome.date, ...done(task) },
      details: { decision: 'given' },
      taskId: task.id,
    });
  } else {
    await closeForConsentNotGiven(db, record, task, now, outcome.decision);
  }
  return step.route;
}

/** Consent declined, no contact, or no answer in time: the case closes and its place is freed. */
export async function closeForConsentNotGiven(
  db: Db,
  record: Case,
  task: Task,
  now: string,
  why: 'declined' | 'no-contact' | 'timed-out' = 'timed-out',
): Promise<void> {
  if (record.lastTaskApplied === task.id) return;
  const ended = await endCase(db, record, {
    now,
    actor: SYSTEM_ACTOR,
    status: 'CLOSED',
    changes: { closure: { on: londonDate(now), reason: 'consent-not-given' }, ...done(task) },
    details: { decision: why },
    taskId: task.id,
  });
  if (ended.freedLocality) await allocateWaiting(db, ended.freedLocality, now);
}

function completedOnTime(task: Task): boolean {
  return londonDate(task.completedAt ?? task.updatedAt) <= task.dueDate;
}

async function assessment(
  db: Db,
  record: Case,
  task: Task,
  outcome: AssessmentOutcome,
  now: string,
  applied: boolean,
) {
  if (applied) return 'support' as const;
  const onTime = completedOnTime(task);
  await changeCase(db, record, {
    now,
    actor: SYSTEM_ACTOR,
    status: 'SUPPORT',
    changes: {
      assessment: {
        completedOn: outcome.completedOn,
        dueDate: task.dueDate,
        onTime,
        needs: outcome.needs,
        familyStar: outcome.familyStar,
      },
      needs: outcome.needs,
      latestFamilyStar: outcome.familyStar,
      support: startSupport(londonDate(now), record.supportLevel ?? 'standard'),
      ...done(task),
    },
    details: { onTime, needs: outcome.needs.length },
    taskId: task.id,
  });
  return 'support' as const;
}

async function review(
  db: Db,
  record: Case,
  task: Task,
  outcome: ReviewOutcome,
  now: string,
  applied: boolean,
) {
  if (applied) return afterReview(outcome, record.support ? anotherReviewFits(record.support) : false).route;
  if (!record.support) throw new RangeError(`case ${record.id} has a review but no support record`);
  const support = scheduleAfterReview(record.support, londonDate(task.completedAt ?? now));
  const step = afterReview(outcome, anotherReviewFits(support));
  const onTime = completedOnTime(task);
  const reviewed = { reviewCount: record.reviewCount + 1, latestFamilyStar: outcome.familyStar, support };
  if (step.status === 'STEPPED_UP') {
    await stepUp(db, record, {
      task,
      now,
      details: { decision: 'step-up', onTime },
      changes: reviewed,
    });
    return step.route;
  }
  await changeCase(db, record, {
    now,
    actor: SYSTEM_ACTOR,
    changes: { ...reviewed, ...done(task) },
    action: 'case.reviewed',
    details: {
      decision: outcome.decision,
      onTime,
      drifting: isDrifting({ ...record, reviewCount: reviewed.reviewCount }, now),
      nextReviewDue: step.route === 'review' ? (support.nextReviewDue ?? null) : null,
    },
    taskId: task.id,
  });
  return step.route;
}

async function closure(
  db: Db,
  record: Case,
  task: Task,
  outcome: ClosureOutcome,
  now: string,
  applied: boolean,
) {
  if (applied) return 'end' as const;
  const ended = await endCase(db, record, {
    now,
    actor: SYSTEM_ACTOR,
    status: 'CLOSED',
    changes: {
      closure: { on: londonDate(now), reason: outcome.reason, summary: outcome.outcomes.summary },
      ...(outcome.outcomes.familyStar ? { latestFamilyStar: outcome.outcomes.familyStar } : {}),
      ...done(task),
    },
    details: {
      reason: outcome.reason,
      needsResolved: outcome.outcomes.needsResolved.length,
      needsOutstanding: outcome.outcomes.needsOutstanding.length,
    },
    taskId: task.id,
    closureOutcome: {
      needsResolved: outcome.outcomes.needsResolved,
      needsOutstanding: outcome.outcomes.needsOutstanding,
    },
  });
  if (ended.freedLocality) await allocateWaiting(db, ended.freedLocality, now);
  return 'end' as const;
}
