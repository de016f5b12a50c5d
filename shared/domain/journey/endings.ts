import type { Db } from '../../adapters/data';
import { londonDate } from '../../core/calendar';
import { type Actor, type Case, SYSTEM_ACTOR, type Task } from '../../core/schemas';
import { allocateWaiting } from '../allocation/allocate';
import { type CaseChange, endCase } from './case-changes';
import type { Increments } from './metrics';
import { tellDutyTeamOfStepUp, tellReferrer } from './notify';

// Ways a case's journey ends that more than one task type (or a change outside the tasks) shares, and
// the bookkeeping every applied outcome records. A case records the last task it applied, so a
// retried step recognises its own work and only answers the route.

/** The change that marks a task's outcome as applied to the case. */
export const done = (task: Task) => ({ lastTaskApplied: task.id });

export function completedOnTime(task: Task): boolean {
  return londonDate(task.completedAt ?? task.updatedAt) <= task.dueDate;
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
