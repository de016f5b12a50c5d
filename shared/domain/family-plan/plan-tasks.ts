import type { IsoDate } from '../../core/calendar';
import type { Actor, Case, Task } from '../../core/schemas';
import type { FamilyPlan } from '../../core/schemas/family-plan';
import type { TafMeeting } from '../../core/schemas/taf-meeting';
import { AlreadyExistsError, type Db } from '../../adapters/data/db';
import { listPlanVersions } from '../../adapters/data/family-plan';
import { createTask, listOpenTasksForCase, moveTask, requireTask } from '../../adapters/data/tasks';
import { rescheduleWait } from '../../adapters/workflow/callbacks';
import { startHumanTaskExecution } from '../../adapters/workflow/executions';
import { cancelOne } from '../tasks/cancel';
import { firstWaitSeconds } from '../tasks/chase';
import { completeAsSystem } from '../tasks/finish';
import { notifyTask, type OwnerLookups, ownerLookups } from '../tasks/notify';
import {
  checkPlanTask,
  doneActionIds,
  nextMeetingTaskKey,
  planActionTaskKey,
  type WantedPlanTask,
  wantedPlanTasksOf,
} from './plan-task-rules';
import { workerOwner } from '../../core/vocabulary/tasks';

// Staff-owned plan actions and the next Team Around the Family meeting as tasks (issue #18;
// docs/decisions.md, "Staff-owned plan actions and the next TAF meeting as tasks"). After each write of
// the plan the case's plan-action tasks are brought in line with the latest version, whatever the
// write was: a key-worker action without an open task gets one (once per round:
// `plan-action:<caseId>:<actionId>`, then `…:r<n>` for the n-th time it is reopened after its task
// ended), with an email to the key worker and its own human-task execution; a task whose action was
// marked done in the plan is completed as the system; one whose action is dropped, removed or under a
// finished goal is cancelled (its wait answered); a task whose action's
// date changed moves to the new date and its wait is woken to plan again. Every step is idempotent, so
// a repeated or retried sync changes nothing, and a sync lost to a crash is made good by the next write
// of the plan or the task's next wake-up (the type's `check`).

/**
 * The human-task execution of a plan-action task: named by the task (no personal data); its renewals
 * after 60 days are `renewedExecutionName` (shared/domain/tasks/chase.ts).
 */
export function planTaskExecutionName(taskId: string): string {
  return `plan-action-${taskId}`;
}

const NEXT_MEETING_DONE = { note: 'The next Team Around the Family meeting was recorded.' };

interface PlanTaskSpec {
  uniqueKey: string;
  dueOn: IsoDate;
  planActionId?: string;
  tafMeetingId?: string;
}

async function ensurePlanTask(
  db: Db,
  record: Case,
  spec: PlanTaskSpec,
  now: string,
  actor: Actor,
  lookups: OwnerLookups,
): Promise<Task | undefined> {
  if (!record.keyWorkerId) return undefined;
  let task: Task;
  try {
    task = await createTask(
      db,
      {
        type: 'plan-action',
        caseId: record.id,
        caseReference: record.reference,
        area: record.locality,
        owner: workerOwner(record.keyWorkerId),
        dueDate: spec.dueOn,
        ...(spec.planActionId ? { planActionId: spec.planActionId } : {}),
        ...(spec.tafMeetingId ? { tafMeetingId: spec.tafMeetingId } : {}),
      },
      {
        now,
        actor,
        uniqueKey: spec.uniqueKey,
        details: spec.planActionId
          ? { actionId: spec.planActionId }
          : { meetingId: spec.tafMeetingId ?? null },
      },
    );
  } catch (error) {
    if (!(error instanceof AlreadyExistsError) || !error.existingId) throw error;
    // Made before (a second save, a retry): finished ones stay finished. An open one without a live
    // wait may have lost its execution's start to a crash: start it again (a running one is kept).
    const existing = await requireTask(db, error.existingId);
    if (existing.status === 'OPEN' && !existing.taskToken) {
      await startHumanTaskExecution(existing.id, planTaskExecutionName(existing.id), { caseId: record.id });
    }
    return undefined;
  }
  await notifyTask(db, 'assigned', task, task.owner, lookups(task.owner));
  await startHumanTaskExecution(task.id, planTaskExecutionName(task.id), {
    caseId: record.id,
    firstWait: firstWaitSeconds(task, record, now),
  });
  return task;
}

/** Moves an open task (new due date or owner) and wakes its wait to plan from the new date. */
async function movePlanTask(
  db: Db,
  task: Task,
  move: { dueDate?: IsoDate; owner?: string },
  now: string,
  actor: Actor,
  lookups: OwnerLookups,
): Promise<void> {
  const moved = await moveTask(db, task.id, { ...move, now, actor }, task);
  if (move.owner) await notifyTask(db, 'assigned', moved, moved.owner, lookups(moved.owner));
  if (moved.taskToken) await rescheduleWait(moved.taskToken);
}

export interface PlanTaskChanges {
  created: Task[];
  cancelled: Task[];
  completed: number;
  moved: number;
  /** The case's open tasks of every type as the sync listed them, before its own changes. */
  listed: Task[];
  /** The owners' addresses the sync's emails looked up, for more emails of the same step. */
  lookups: OwnerLookups;
}

/**
 * Brings the case's plan-action tasks in line with its latest plan (read now, so a sync that runs late
 * never undoes a newer version). `actor` is who made the change (audited on the tasks). `written`: every
 * version as the calling step read them and then wrote the next one under its condition, one round trip
 * ago (the plan's writes and TAF meetings), which a second read would find again but for a writer in
 * that round trip; whose own sync follows its write, as it would have followed ours.
 */
export async function syncPlanTasks(
  db: Db,
  record: Case,
  now: string,
  actor: Actor,
  written?: readonly FamilyPlan[],
): Promise<PlanTaskChanges> {
  const versions = written ?? (await listPlanVersions(db, record.id));
  const wanted = wantedPlanTasksOf(versions);
  const done = doneActionIds(versions.at(-1));
  const listed = await listOpenTasksForCase(db, record.id);
  // Every task the sync opens or moves is the key worker's: one lookup serves all their emails.
  const lookups = ownerLookups(db);
  const changes: PlanTaskChanges = { created: [], cancelled: [], completed: 0, moved: 0, listed, lookups };
  const open = listed.filter((task) => task.type === 'plan-action');
  const covered = new Set<string>();
  for (const task of open) {
    if (task.planActionId) covered.add(task.planActionId);
    const check = checkPlanTask(task, record, wanted, done);
    if (check.kind === 'cancel') {
      changes.cancelled.push(
        ...(await cancelOne(db, task.id, { actor, reason: check.reason, now, lookups, known: task })),
      );
    } else if (check.kind === 'complete') {
      // Marked done in the plan: the task's work is done (no afterComplete: the plan already says so).
      if (await completeAsSystem(db, task, check.outcome, now)) changes.completed += 1;
    } else if (check.kind === 'move') {
      await movePlanTask(db, task, check, now, actor, lookups);
      changes.moved += 1;
    }
  }
  const missing: WantedPlanTask[] = [...wanted.values()].filter((action) => !covered.has(action.actionId));
  for (const action of missing) {
    const task = await ensurePlanTask(
      db,
      record,
      {
        uniqueKey: planActionTaskKey(record.id, action.actionId, action.round),
        dueOn: action.dueOn,
        planActionId: action.actionId,
      },
      now,
      actor,
      lookups,
    );
    if (task) changes.created.push(task);
  }
  return changes;
}

/**
 * After a Team Around the Family meeting is recorded: the earlier meeting's "hold the next meeting"
 * task is done (this meeting is it), and this meeting's next date becomes a task of its own.
 * `listed`: the case's open tasks as a plan sync of the same meeting has just listed them (one Query
 * fewer). The plan sync never completes a meeting's task, and a task it moved (a new key worker) is
 * written under a version it no longer has, so its completion reads it again (changeOpenTask).
 */
export async function syncMeetingTasks(
  db: Db,
  record: Case,
  meeting: Pick<TafMeeting, 'id' | 'nextMeetingOn'>,
  now: string,
  actor: Actor,
  listed?: readonly Task[],
  /** A plan sync's of the same meeting: its email to the key worker looked up that owner already. */
  lookups: OwnerLookups = ownerLookups(db),
): Promise<void> {
  for (const task of listed ?? (await listOpenTasksForCase(db, record.id))) {
    if (task.type !== 'plan-action' || !task.tafMeetingId || task.tafMeetingId === meeting.id) continue;
    await completeAsSystem(db, task, NEXT_MEETING_DONE, now);
  }
  if (!meeting.nextMeetingOn) return;
  await ensurePlanTask(
    db,
    record,
    {
      uniqueKey: nextMeetingTaskKey(record.id, meeting.id),
      dueOn: meeting.nextMeetingOn,
      tafMeetingId: meeting.id,
    },
    now,
    actor,
    lookups,
  );
}
