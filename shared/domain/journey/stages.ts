import { londonTime } from '../../core/calendar';
import { configuredTimescales } from '../../core/config';
import { AlreadyExistsError, ConflictError, cases, type Db, tasks } from '../../adapters/data';
import { allocateOrWait } from '../allocation/allocate';
import { type Case, SYSTEM_ACTOR, type Task } from '../../core/schemas';
import { cancelOne } from '../tasks/cancel';
import { firstWaitSeconds } from '../tasks/chase';
import { taskDueDate, urgentDue } from '../tasks/due-dates';
import { lookUpOwner, notifyOutOfHours, notifyTask, ownerLookups } from '../tasks/notify';
import { ownerFor } from '../tasks/owners';
import { caseChangeItems } from './case-changes';
import type { TransactItem } from '../../adapters/data/db';
import { CONTINUE_JOURNEY_AFTER_DAYS, olderThan } from './limits';
import { startJourneyExecution } from '../../adapters/workflow/executions';
import {
  CASE_TASK_TYPES,
  type CaseTaskType,
  caseTaskDefinition,
  isCaseTaskType,
  isCaseworkTaskType,
} from '../tasks/types';
import { applyOutcome } from './outcomes';
import { firstAllocatedAt } from './support';
import type { Route } from './route';
import {
  baseState,
  type JourneyPayload,
  type JourneyStage,
  type JourneyState,
  parseJourneyState,
} from './state';
import { reviewOpensOn } from './support';
import { isOpenStatus } from '../../core/vocabulary/cases';

// The steps of workflows/journey.asl.json. Each takes the journey state (any version) with the
// engine's `now` and answers the next state, whose `route` the state machine switches on. Each is
// safe to run twice: it looks at the case before it changes anything.

/** Stages that follow each other inside one execution; an old execution hands over to a fresh one. */
const IN_EXECUTION: readonly string[] = CASE_TASK_TYPES.filter(
  (type) => caseTaskDefinition(type).journey.routedInExecution,
);

function go(
  state: JourneyState,
  route: Route,
  payload: JourneyPayload,
  extra: Partial<JourneyState> = {},
): JourneyState {
  if (
    IN_EXECUTION.includes(route) &&
    olderThan(payload.startedAt, payload.now, CONTINUE_JOURNEY_AFTER_DAYS)
  ) {
    return { ...baseState(state), resumeAt: route as JourneyStage, route: 'continue' };
  }
  return { ...baseState(state), ...extra, route };
}

/**
 * Opens the stage's task (or picks up the one a renewed wait carried over) and emails its owner.
 *
 * Idempotent without Powertools records (docs/decisions.md, "session 12"): the task is created once per
 * step of the execution (its unique key), and the key's guard notes when the owner was told, after the
 * emails; a retried step finds the task by its key and emails only if that note is missing (a step that
 * died between the emails and the note sends them again, as a Powertools step that died did). The task
 * is created only while the case is at the version read (a ConditionCheck in the creation's
 * transaction): a withdrawal or any other change racing the creation fails it, and the step reads the
 * case and decides again, so no task is created for a case that ended meanwhile.
 */
export async function openStageTask(payload: JourneyPayload, db: Db): Promise<JourneyState> {
  const state = parseJourneyState(payload.journey);
  const type = payload.type;
  if (!type) throw new RangeError('open-task needs the task type');
  const now = payload.now;
  const here = { ...baseState(state), resumeAt: type };
  // A renewed wait carries its task: the case and the task are read in one request.
  const read = state.taskId
    ? await tasks.getCaseWithTask(db, state.caseId, state.taskId)
    : { record: await cases.requireCase(db, state.caseId), task: undefined };
  let record = read.record;
  if (!isOpenStatus(record.status)) return { ...here, route: 'end' };

  const carried = read.task;
  if (carried?.status === 'OPEN' && carried.type === type && carried.caseId === record.id) {
    // A renewed wait. Its first wake-up would read this task and case again only to decide what is
    // due now; the same decision from what was just read waits straight away when nothing is, and
    // chases first (0) when anything is (firstWaitSeconds, as for a fresh task).
    return {
      ...here,
      taskId: carried.id,
      childName: `${carried.id}-${state.generation}`,
      route: 'wait',
      firstWait: firstWaitSeconds(carried, record, now),
    };
  }

  const { journey } = caseTaskDefinition(type);
  // One task per step of this execution: a retried step finds the first one.
  const uniqueKey = `${payload.execution ?? record.id}#${type}#${state.step ?? 0}`;
  for (let attempt = 1; ; attempt += 1) {
    const skip = journey.skipOpen?.(record);
    if (skip) return { ...here, route: skip };
    // The stage's status (a screen opens SCREENING) is written in the task's own transaction.
    const change =
      journey.statusOnOpen && record.status === journey.statusOnOpen.from
        ? caseChangeItems(db, record, { now, actor: SYSTEM_ACTOR, status: journey.statusOnOpen.to })
        : undefined;
    // The owner's addresses are looked up while the task is created: the email needs both, and
    // neither request waits on the other (the owner is the one createOnce gives the task).
    const early = lookUpOwner(db, ownerFor(type, change?.next ?? record).owner);
    const opened = await createOnce(db, change?.next ?? record, type, payload, uniqueKey, {
      version: record.version,
      ...(change ? { items: change.items } : {}),
    });
    if (opened.kind === 'case-changed') {
      // The case changed between reading it and creating the task: read it and decide again.
      if (attempt >= OPEN_ATTEMPTS) throw new ConflictError(`case ${record.id} kept changing`, 'busy');
      record = await cases.requireCase(db, record.id);
      if (!isOpenStatus(record.status)) return { ...here, route: 'end' };
      continue;
    }
    const { task } = opened;
    // Created: the case is the one the transaction checked (or wrote). Found (a retried step): read it.
    const current =
      opened.kind === 'created' ? (change?.next ?? record) : await cases.requireCase(db, record.id);
    if (opened.kind === 'found' && !isOpenStatus(current.status)) {
      // The first attempt's task met a withdrawal it did not see: tidy it up (nothing if already done).
      await cancelOne(db, task.id, {
        actor: SYSTEM_ACTOR,
        reason: `case ${current.status.toLowerCase()}`,
        now,
        known: task,
      });
      return { ...here, route: 'end' };
    }
    if (task.status === 'OPEN' && !(opened.kind === 'found' && opened.notifiedAt)) {
      await notifyTask(db, 'assigned', task, task.owner, early);
      // An urgent task the duty team cannot do within today's working hours: the out-of-hours team at once.
      if (task.priority === 'urgent' && urgentDue(type, task.createdAt).outOfHours) {
        await notifyOutOfHours(task);
      }
      await tasks.markTaskNotified(db, uniqueKey, now);
    }
    // A task no longer open (a retried step's, settled meanwhile) is waited on all the same: the
    // child's first chase finds it settled and ends as the first answer's child would have.
    return {
      ...here,
      taskId: task.id,
      childName: `${task.id}-${state.generation}`,
      route: 'wait',
      firstWait: firstWaitSeconds(task, current, now),
    };
  }
}

/** Reads of the case before open-task gives up to Step Functions' ConflictError retry. */
const OPEN_ATTEMPTS = 3;

type Opened =
  | { kind: 'created'; task: Task }
  | { kind: 'found'; task: Task; notifiedAt: string | undefined }
  | { kind: 'case-changed' };

async function createOnce(
  db: Db,
  record: Case,
  type: CaseTaskType,
  payload: JourneyPayload,
  uniqueKey: string,
  /** The case's version read, and its change to write with the task (the first item conditional on it). */
  expected: { version: number; items?: TransactItem[] },
): Promise<Opened> {
  const { owner, area } = ownerFor(type, record);
  // An urgent task (an immediate safeguarding concern) is due in working hours, not working days.
  const urgent = caseTaskDefinition(type).urgent?.(record) ? urgentDue(type, payload.now) : undefined;
  const dueDate =
    urgent?.dueDate ??
    taskDueDate(type, {
      openedAt: payload.now,
      ...(firstAllocatedAt(record) ? { allocatedAt: firstAllocatedAt(record)! } : {}),
      ...(record.support?.nextReviewDue ? { reviewDue: record.support.nextReviewDue } : {}),
    });
  try {
    const task = await tasks.createTask(
      db,
      {
        type,
        caseId: record.id,
        caseReference: record.reference,
        area,
        owner,
        dueDate,
        ...(urgent ? { priority: 'urgent' as const, dueAt: urgent.dueAt } : {}),
      },
      {
        now: payload.now,
        actor: SYSTEM_ACTOR,
        ...(urgent ? { details: { outOfHours: urgent.outOfHours } } : {}),
        uniqueKey,
        caseVersion: expected.version,
        ...(expected.items ? { caseChange: expected.items } : {}),
      },
    );
    return { kind: 'created', task };
  } catch (error) {
    if (error instanceof AlreadyExistsError && error.existingId)
      return {
        kind: 'found',
        task: await tasks.requireTask(db, error.existingId),
        notifiedAt: error.notifiedAt,
      };
    if (error instanceof tasks.CaseChangedError) return { kind: 'case-changed' };
    throw error;
  }
}

/** Applies what the task's child execution answered: the outcome, a cancel, a timeout, or a renewal. */
export async function recordStageOutcome(payload: JourneyPayload, db: Db): Promise<JourneyState> {
  const state = parseJourneyState(payload.journey);
  if (!state.taskId || !state.child) throw new RangeError('record-task-outcome needs taskId and child');
  if (state.child.status === 'renew') {
    // A renewed wait only hands the task over to a fresh execution, which reads the case and the task
    // itself (open-task). Nothing here needs them: the state names the task, and its stage is the
    // task's type (open-task set `resumeAt` to the type of the task it answered), so no read.
    return { ...baseState(state), taskId: state.taskId, route: 'renew' };
  }
  const { task, record } = await tasks.requireTaskAndCase(db, state.taskId, state.caseId);
  const here = { ...state, resumeAt: task.type as JourneyStage };

  switch (state.child.status) {
    case 'cancelled':
      return go(here, isOpenStatus(record.status) ? 'repeat' : 'end', payload);
    case 'timed-out': {
      // The type's timeout path (consent: the case closes, consent not given), else the task again.
      const onTimeout = isCaseTaskType(task.type)
        ? caseTaskDefinition(task.type).journey.onTimeout
        : undefined;
      if (onTimeout && isOpenStatus(record.status)) {
        return go(here, await onTimeout(db, record, task, payload.now), payload);
      }
      return go(here, isOpenStatus(record.status) ? 'repeat' : 'end', payload);
    }
    case 'completed': {
      if (!isOpenStatus(record.status)) {
        await cancelCaseworkTasks(db, record.id, payload.now, record);
        return go(here, 'end', payload);
      }
      const next = await applyOutcome(db, record, task, payload.now);
      if (next === 'end') await cancelCaseworkTasks(db, record.id, payload.now);
      const resumeAt = next === 'support' || next === 'review' ? 'review' : here.resumeAt;
      return go({ ...here, resumeAt }, next, payload);
    }
  }
}

/**
 * A case the journey ended (closed, stepped up) keeps no plan-action task open: each is cancelled
 * (its wait answered, its owner told). A retried step finds none left. The case is read (when the
 * caller has not) only if there is a task to cancel: most endings have none.
 */
async function cancelCaseworkTasks(db: Db, caseId: string, now: string, known?: Case): Promise<void> {
  const open = (await tasks.listOpenTasksForCase(db, caseId)).filter((task) => isCaseworkTaskType(task.type));
  if (open.length === 0) return;
  const record = known ?? (await cases.requireCase(db, caseId));
  if (isOpenStatus(record.status)) return;
  const reason = `case ${record.status.toLowerCase().replace('_', ' ')}`;
  const lookups = ownerLookups(db);
  for (const task of open) {
    await cancelOne(db, task.id, { actor: SYSTEM_ACTOR, reason, now, lookups, known: task });
  }
}

/** Allocates the case the hub decided to support, or puts it on the waiting list. */
/**
 * Allocates a key worker or joins the waiting list. Idempotent without Powertools records (docs/decisions.md,
 * "The county-year, session 16"): every write is conditional on the case's version, and a retry after a
 * lost answer reads the case first: allocated by the first attempt, it goes on to consent; listed, it
 * waits; ended meanwhile, it ends. That is the first answer, or a later one that the case now calls for.
 */
export async function allocateStage(payload: JourneyPayload, db: Db): Promise<JourneyState> {
  const state = { ...parseJourneyState(payload.journey), resumeAt: 'allocation' as const };
  const record = await cases.requireCase(db, state.caseId);
  if (!isOpenStatus(record.status)) return go(state, 'end', payload);
  if (record.keyWorkerId) return go(state, 'consent', payload);
  // A renewed wait carries its allocation task over: keep waiting on it rather than open another.
  if (record.status === 'WAITING_LIST')
    return go(state, 'waiting', payload, state.taskId ? { taskId: state.taskId } : {});
  const result = await allocateOrWait(db, record, payload.now);
  return go(state, result.allocated || result.case.keyWorkerId ? 'consent' : 'waiting', payload);
}

/** Works out when the next review task opens; the journey waits until then. */
export async function scheduleReview(payload: JourneyPayload, db: Db): Promise<JourneyState> {
  const state = { ...parseJourneyState(payload.journey), resumeAt: 'review' as const };
  const record = await cases.requireCase(db, state.caseId);
  if (!isOpenStatus(record.status)) return go(state, 'end', payload);
  const due = record.support?.nextReviewDue;
  if (record.status !== 'SUPPORT' || !due) {
    throw new RangeError(`case ${record.id} is ${record.status} without a review scheduled`);
  }
  const opens = londonTime(reviewOpensOn(due), configuredTimescales().chase.time);
  const opensAt = opens.getTime() > new Date(payload.now).getTime() ? opens.toISOString() : payload.now;
  return { ...baseState(state), opensAt, route: 'wait' };
}

/** Hands the journey over to a fresh execution (renewed wait, next review cycle, or an old execution). */
export async function continueJourney(
  payload: JourneyPayload,
): Promise<{ executionArn: string; generation: number }> {
  const state = parseJourneyState(payload.journey);
  const next: JourneyState = {
    schemaVersion: 2,
    caseId: state.caseId,
    resumeAt: state.resumeAt,
    generation: state.generation + 1,
    ...(state.route === 'renew' && state.taskId ? { taskId: state.taskId } : {}),
  };
  return { executionArn: await startJourneyExecution(next), generation: next.generation };
}
