import type { IsoDate } from '../../core/calendar';
import type { Case } from '../../core/schemas/case';
import { FINISHED_ACTION_STATUSES, type FamilyPlan } from '../../core/schemas/family-plan';
import type { Task } from '../../core/schemas/task';
import { ConflictError, type Db, type TransactItem } from '../../adapters/data/db';
import { latestPlanVersion } from '../../adapters/data/family-plan';
import type { JourneyActor } from '../tasks/actor';
import { planVersionWrites, writePlanVersion } from './plan';
import { isOpenStatus } from '../../core/vocabulary/cases';
import { workerOwner } from '../../core/vocabulary/tasks';

// Which staff-owned plan actions are tasks, and what a task's action says now (issue #18). Pure rules
// and plan writes only: this module is reached from the task-type registry (the plan-action type's
// completion and its wake-up check), so it sends no email and starts no execution (plan-tasks.ts does).

/**
 * One task per action and round, however often the plan is saved: the task's `uniqueKey`. Round 0 (the
 * action's first time as a task) keeps the key tasks were always made under; an action reopened after
 * its task ended (`round` n, counted from the plan's versions by `wantedPlanTasksOf`) gets `:r<n>`, so
 * a retried or racing sync of the same plan names the same key and never makes a second task.
 */
export function planActionTaskKey(caseId: string, actionId: string, round = 0): string {
  return round === 0 ? `plan-action:${caseId}:${actionId}` : `plan-action:${caseId}:${actionId}:r${round}`;
}

/** One "hold the next meeting" task per meeting that set a date. */
export function nextMeetingTaskKey(caseId: string, meetingId: string): string {
  return `plan-action:${caseId}:next-meeting:${meetingId}`;
}

/** A plan action the key worker owns and has not finished, under a goal still worked on. */
export interface WantedPlanTask {
  actionId: string;
  dueOn: IsoDate;
  /** How many times the action became a task's again after it was not (finished, not the key worker's, under a finished goal). */
  round: number;
}

/**
 * The key worker's actions that should each have an open task: not done or dropped, under a goal that
 * is neither achieved nor dropped. Family members' and partners' actions are not staff tasks.
 */
export function wantedPlanTasks(plan: Pick<FamilyPlan, 'goals'> | undefined): Map<string, WantedPlanTask> {
  const wanted = new Map<string, WantedPlanTask>();
  for (const goal of plan?.goals ?? []) {
    if (goal.status) continue;
    for (const action of goal.actions) {
      if (action.owner.kind !== 'key-worker' || FINISHED_ACTION_STATUSES.includes(action.status)) continue;
      wanted.set(action.id, { actionId: action.id, dueOn: action.dueOn, round: 0 });
    }
  }
  return wanted;
}

/**
 * Pure: the latest version's wanted actions (`versions` oldest first), each with its round: 0 the first
 * time the action is wanted, one more each time it is wanted again after a version in which it was not
 * (set back to in progress after done or dropped, given back to the key worker, its goal reopened).
 * Counted from the stored versions, which never change, so every sync of the same plan counts the same.
 */
export function wantedPlanTasksOf(
  versions: readonly Pick<FamilyPlan, 'goals'>[],
): Map<string, WantedPlanTask> {
  const rounds = new Map<string, number>();
  let previous = new Map<string, WantedPlanTask>();
  for (const version of versions) {
    const current = wantedPlanTasks(version);
    for (const id of current.keys()) {
      if (previous.has(id)) continue;
      const before = rounds.get(id);
      rounds.set(id, before === undefined ? 0 : before + 1);
    }
    previous = current;
  }
  return new Map(
    [...previous].map(([id, wanted]) => [id, { ...wanted, round: rounds.get(id) ?? 0 }] as const),
  );
}

/** Pure: the actions marked done in `plan` (their open tasks are completed, not cancelled). */
export function doneActionIds(plan: Pick<FamilyPlan, 'goals'> | undefined): Set<string> {
  return new Set(
    (plan?.goals ?? []).flatMap((goal) =>
      goal.actions.filter((action) => action.status === 'done').map((action) => action.id),
    ),
  );
}

/** The outcome a task gets when its action was marked done in the plan rather than through the task. */
export const DONE_IN_PLAN = { note: 'The action was marked done in the family plan.' };

/** What an open plan-action task should become, judged against the case and its latest plan. */
export type PlanTaskCheck =
  | { kind: 'keep' }
  | { kind: 'cancel'; reason: string }
  | { kind: 'complete'; outcome: typeof DONE_IN_PLAN }
  | { kind: 'move'; dueDate?: IsoDate; owner?: string };

/**
 * Pure: the check for `task` given the case and its plan's wanted actions: an action marked done in the
 * plan (`done`) completes its task (the work was done); dropped, removed, no longer the key worker's or
 * under a finished goal cancels it.
 */
export function checkPlanTask(
  task: Pick<Task, 'planActionId' | 'dueDate' | 'owner'>,
  record: Pick<Case, 'status' | 'keyWorkerId'>,
  wanted: ReadonlyMap<string, WantedPlanTask>,
  done: ReadonlySet<string> = new Set(),
): PlanTaskCheck {
  if (!isOpenStatus(record.status)) return { kind: 'cancel', reason: `case ${record.status.toLowerCase()}` };
  const owner = record.keyWorkerId ? workerOwner(record.keyWorkerId) : undefined;
  const moveOwner = owner && owner !== task.owner ? { owner } : {};
  if (task.planActionId === undefined) {
    // The next meeting's task: it stays until done or a later meeting is recorded (plan-tasks.ts).
    return owner && owner !== task.owner ? { kind: 'move', owner } : { kind: 'keep' };
  }
  const action = wanted.get(task.planActionId);
  if (!action && done.has(task.planActionId)) return { kind: 'complete', outcome: DONE_IN_PLAN };
  if (!action) return { kind: 'cancel', reason: 'plan action finished' };
  const moveDue = action.dueOn !== task.dueDate ? { dueDate: action.dueOn } : {};
  return Object.keys(moveOwner).length + Object.keys(moveDue).length > 0
    ? { kind: 'move', ...moveOwner, ...moveDue }
    : { kind: 'keep' };
}

/** The check for `task` against the case's latest plan (read now). */
export async function readPlanTaskCheck(db: Db, task: Task, record: Case): Promise<PlanTaskCheck> {
  const latest = await latestPlanVersion(db, record.id);
  return checkPlanTask(task, record, wantedPlanTasks(latest), doneActionIds(latest));
}

/**
 * A completed plan-action task marks its action `done` as the plan's next version. Nothing is written
 * when the action is already done or dropped, or no longer in the plan (a retried completion writes
 * once); a plan written meanwhile by someone else is read again (a few times) rather than overwritten.
 */
export async function markPlanActionDone(
  db: Db,
  task: Pick<Task, 'id' | 'caseId' | 'planActionId'>,
  actor: JourneyActor,
  now: string,
): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const done = await actionDoneVersion(db, task, actor, now);
    if (!done) return false;
    try {
      await writePlanVersion(db, done.latest, done.fields, done.write);
      return true;
    } catch (error) {
      if (error instanceof ConflictError) continue;
      throw error;
    }
  }
  throw new ConflictError('the plan kept changing; try again', 'busy');
}

/**
 * The writes that mark a plan-action task's action `done` (the plan's next version and its audit
 * event), read from the latest plan now, for the task's completing transaction: the task is completed
 * and its action marked done together, or neither. None when there is nothing to mark (the action is
 * done or dropped already, or gone from the plan). A plan written meanwhile fails the transaction, and
 * the completion reads the task and this again (shared/adapters/data/tasks.ts `changeOpenTask`).
 */
export async function planActionDoneWrites(
  db: Db,
  task: Pick<Task, 'id' | 'caseId' | 'planActionId'>,
  actor: JourneyActor,
  now: string,
): Promise<TransactItem[]> {
  const done = await actionDoneVersion(db, task, actor, now);
  return done ? planVersionWrites(db, done.latest, done.fields, done.write) : [];
}

/**
 * The plan's next version with the task's action marked `done`, from the latest plan read now; none
 * when the task names no action, or the action is done, dropped or gone from the plan.
 */
async function actionDoneVersion(
  db: Db,
  task: Pick<Task, 'id' | 'caseId' | 'planActionId'>,
  actor: JourneyActor,
  now: string,
) {
  if (!task.caseId || !task.planActionId) return undefined;
  const latest = await latestPlanVersion(db, task.caseId);
  const action = latest?.goals.flatMap((goal) => goal.actions).find((one) => one.id === task.planActionId);
  if (!latest || !action || FINISHED_ACTION_STATUSES.includes(action.status)) return undefined;
  const goals = latest.goals.map((goal) => ({
    ...goal,
    actions: goal.actions.map((one) => (one.id === action.id ? { ...one, status: 'done' as const } : one)),
  }));
  return {
    latest,
    fields: { summary: latest.summary, goals },
    write: {
      record: { id: task.caseId },
      actor,
      at: new Date(now),
      change: 'action-status' as const,
      details: { actionId: action.id, status: 'done', taskId: task.id },
    },
  };
}
