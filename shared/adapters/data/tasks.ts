import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { newId } from './ids';
import { type Actor, type Case, type Task, taskSchema } from '../../core/schemas';
import { parseOrThrow } from '../../core/schemas/errors';
import { auditPut, buildAuditEvent } from './audit';
import { decodeCursor, encodeCursor, type Page, pageLimit } from './cursor';
import {
  AlreadyExistsError,
  ConflictError,
  type Db,
  NotFoundError,
  stripKeys,
  transact,
  type TransactItem,
  getItem,
  getItems,
  isConditionalCheckFailed,
} from './db';
import { caseKey, taskGuardKey, taskKey, tasksByCase, tasksByOwner, tasksByPeriod } from './keys';
import type { TaskPriority, TaskStatus } from '../../core/vocabulary/tasks';

// Human tasks. The live task token is kept here, server side; every state change is conditional on
// the task still being OPEN, so a second click, a late callback or a retried Lambda finds the task
// already handled (TaskNotOpenError) instead of completing it twice.

export class TaskNotOpenError extends ConflictError {
  constructor(
    readonly taskId: string,
    readonly status: TaskStatus,
  ) {
    super(
      `task ${taskId} is already ${status.toLowerCase().replace('_', ' ')}`,
      `task-${status.toLowerCase()}`,
    );
    this.name = 'TaskNotOpenError';
  }
}

/**
 * An urgent task's owner-list sort key starts `<status>#!#<dueAt>`: '!' sorts before every digit, so
 * an owner's urgent tasks come before the others (`<status>#<dueDate>`, unchanged since before
 * priorities, so stored tasks need no migration), soonest due first within each.
 */
const URGENT_MARK = '!';

function ownerSortKey(task: Task): string {
  return task.priority === 'urgent'
    ? `${task.status}#${URGENT_MARK}#${task.dueAt ?? task.dueDate}#${task.id}`
    : `${task.status}#${task.dueDate}#${task.id}`;
}

function indexKeys(task: Task) {
  return {
    gsi1pk: tasksByOwner(task.owner),
    gsi1sk: ownerSortKey(task),
    ...(task.caseId
      ? { gsi2pk: tasksByCase(task.caseId), gsi2sk: `${task.status}#${task.createdAt}#${task.id}` }
      : task.period
        ? { gsi2pk: tasksByPeriod(task.period), gsi2sk: `${task.status}#${task.createdAt}#${task.id}` }
        : {}),
  };
}

function itemOf(task: Task) {
  return { ...taskKey(task.id), itemType: 'task', ...indexKeys(task), ...task };
}

export type NewTask = Omit<
  Task,
  'id' | 'status' | 'createdAt' | 'updatedAt' | 'remindersSent' | 'escalationLevel' | 'version'
> & {
  id?: string;
};

/**
 * Creates an OPEN task. `uniqueKey` (e.g. `<executionName>#consent` or `report#melton#2026-27-Q1`)
 * makes creation idempotent: a second call with the same key creates nothing and throws
 * AlreadyExistsError carrying the first task's id.
 */
export async function createTask(
  db: Db,
  input: NewTask,
  options: {
    now: string;
    actor: Actor;
    uniqueKey?: string;
    /** Said in the `task.created` audit event besides the type (and an urgent task's due time). */
    details?: Record<string, string | number | boolean | null>;
    /**
     * The version of the task's case the caller read: the task is created only while the case is still
     * at that version (a ConditionCheck in the same transaction), else CaseChangedError and nothing is
     * written. A withdrawal racing the task's creation is then seen without reading the case again.
     */
    caseVersion?: number;
    /**
     * A change of the task's case written in the same transaction (its items, the first the case's put
     * conditional on `caseVersion`), in place of the ConditionCheck: a stage's status and its task in
     * one write.
     */
    caseChange?: TransactItem[];
  },
): Promise<Task> {
  const task = parseOrThrow(taskSchema, {
    ...input,
    id: input.id ?? newId(new Date(options.now).getTime()),
    status: 'OPEN',
    createdAt: options.now,
    updatedAt: options.now,
    remindersSent: 0,
    escalationLevel: 0,
    version: 1,
  });
  const items: TransactItem[] = [
    { Put: { TableName: db.tableName, Item: itemOf(task), ConditionExpression: 'attribute_not_exists(pk)' } },
  ];
  if (options.uniqueKey) {
    items.push({
      Put: {
        TableName: db.tableName,
        Item: { ...taskGuardKey(options.uniqueKey), itemType: 'guard', taskId: task.id },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
  }
  const caseCheckAt = items.length;
  if (options.caseChange?.length) {
    items.push(...options.caseChange);
  } else if (options.caseVersion !== undefined && task.caseId) {
    items.push({
      ConditionCheck: {
        TableName: db.tableName,
        Key: caseKey(task.caseId),
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':version': options.caseVersion },
      },
    });
  }
  if (task.caseId) {
    const details = {
      ...(task.priority ? { priority: task.priority } : {}),
      ...(task.dueAt ? { dueAt: task.dueAt } : {}),
      ...options.details,
    };
    items.push(auditPut(db, taskAudit(task, options.actor, options.now, 'task.created', details)));
  }
  let guardHit = false;
  await transact(db, items, (failed) => {
    if (failed.includes(1) && options.uniqueKey) {
      guardHit = true;
      return undefined;
    }
    if (failed.includes(0)) return new AlreadyExistsError(`task ${task.id}`, task.id);
    return failed.includes(caseCheckAt) && options.caseVersion !== undefined
      ? new CaseChangedError(task.caseId!, options.caseVersion)
      : undefined;
  }).catch(async (error) => {
    if (!guardHit || !options.uniqueKey) throw error;
    const guard = await db.client.send(
      new GetCommand({ TableName: db.tableName, Key: taskGuardKey(options.uniqueKey), ConsistentRead: true }),
    );
    throw new AlreadyExistsError(
      `task for ${options.uniqueKey}`,
      guard.Item?.taskId as string | undefined,
      guard.Item?.notifiedAt as string | undefined,
    );
  });
  return task;
}

/** The case moved on from the version a task's creation was conditional on: nothing was written. */
export class CaseChangedError extends ConflictError {
  constructor(
    readonly caseId: string,
    readonly expectedVersion: number,
  ) {
    super(`case ${caseId} changed since version ${expectedVersion}`, 'stale-version');
    this.name = 'CaseChangedError';
  }
}

/**
 * Notes on a task's unique-key guard that its owner was told (`notifiedAt`), after the emails went: a
 * retried step that finds the task by the same key (AlreadyExistsError's `notifiedAt`) sends them no
 * more. One conditional update of an item no other writer touches.
 */
export async function markTaskNotified(db: Db, uniqueKey: string, now: string): Promise<void> {
  await db.client.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: taskGuardKey(uniqueKey),
      UpdateExpression: 'SET notifiedAt = :now',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':now': now },
    }),
  );
}

function taskAudit(
  task: Task,
  actor: Actor,
  now: string,
  action: string,
  details?: Record<string, string | number | boolean | null>,
) {
  return buildAuditEvent({
    subject: `case#${task.caseId}`,
    caseId: task.caseId!,
    at: now,
    actor,
    action,
    taskId: task.id,
    details: { type: task.type, ...details },
  });
}

export async function getTask(db: Db, id: string): Promise<Task | undefined> {
  return getItem<Task>(db, taskKey(id));
}

export async function requireTask(db: Db, id: string): Promise<Task> {
  const task = await getTask(db, id);
  if (!task) throw new NotFoundError(`task ${id}`);
  return task;
}

/**
 * A task and its case read together, consistently, in one BatchGetItem (a journey step knows both ids):
 * one request where two GetItems were. NotFoundError as `requireTask` then `requireCase` would throw.
 */
export async function requireTaskAndCase(
  db: Db,
  taskId: string,
  caseId: string,
): Promise<{ task: Task; record: Case }> {
  const items = await getItems<{ id: string }>(db, [taskKey(taskId), caseKey(caseId)], { consistent: true });
  const task = items.find((item) => item.id === taskId) as Task | undefined;
  if (!task) throw new NotFoundError(`task ${taskId}`);
  const record = items.find((item) => item.id === caseId) as Case | undefined;
  if (!record) throw new NotFoundError(`case ${caseId}`);
  return { task, record };
}

/**
 * A task and, when it still exists, the case the caller names for it, in one consistent BatchGetItem
 * (a human task's wake-up: its execution's input names the case). The case is read again by the task's
 * own case id if the two differ. NotFoundError as `requireTask` when the task is missing.
 */
export async function getTaskWithCase(
  db: Db,
  taskId: string,
  caseId: string,
): Promise<{ task: Task; record: Case | undefined }> {
  const items = await getItems<{ id: string }>(db, [taskKey(taskId), caseKey(caseId)], { consistent: true });
  const task = items.find((item) => item.id === taskId) as Task | undefined;
  if (!task) throw new NotFoundError(`task ${taskId}`);
  if (!task.caseId) return { task, record: undefined };
  if (task.caseId !== caseId) return { task, record: await getItem<Case>(db, caseKey(task.caseId)) };
  return { task, record: items.find((item) => item.id === caseId) as Case | undefined };
}

/**
 * A case and one of its tasks in one consistent request (a journey step carrying its task over).
 * NotFoundError when the case is missing; `task` undefined when the task is.
 */
export async function getCaseWithTask(
  db: Db,
  caseId: string,
  taskId: string,
): Promise<{ record: Case; task: Task | undefined }> {
  const items = await getItems<{ id: string }>(db, [caseKey(caseId), taskKey(taskId)], { consistent: true });
  const record = items.find((item) => item.id === caseId) as Case | undefined;
  if (!record) throw new NotFoundError(`case ${caseId}`);
  return { record, task: items.find((item) => item.id === taskId) as Task | undefined };
}

type TaskChanges = Partial<
  Pick<Task, 'owner' | 'dueDate' | 'taskToken' | 'remindersSent' | 'escalationLevel' | 'notes'>
> & {
  status?: Exclude<TaskStatus, 'OPEN'>;
  completedAt?: string;
  completedBy?: string;
  outcome?: unknown;
  cancelReason?: string;
};

/**
 * Changes an OPEN task under its version; retried a few times when another writer (a reminder
 * storing a fresh token) got there first, and refused with TaskNotOpenError once it is not open.
 */
async function changeOpenTask(
  db: Db,
  id: string,
  now: string,
  change: (current: Task) => TaskChanges,
  audit?: { actor: Actor; action: string; details?: Record<string, string | number | boolean | null> },
  /** The task as the caller just read it: the first attempt writes under its version without reading again. */
  known?: Task,
  /**
   * Other items written in the same transaction, asked for again at every attempt (what they are
   * conditional on may have changed: any failed condition makes the attempt read the task again).
   */
  also?: () => Promise<TransactItem[]>,
): Promise<Task> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const current = attempt === 0 && known?.id === id ? known : await requireTask(db, id);
    if (current.status !== 'OPEN') throw new TaskNotOpenError(id, current.status);
    const next = parseOrThrow(taskSchema, {
      ...current,
      ...change(current),
      updatedAt: now,
      version: current.version + 1,
    });
    const items: TransactItem[] = [
      {
        Put: {
          TableName: db.tableName,
          Item: itemOf(next),
          ConditionExpression: '#status = :open AND #version = :version',
          ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
          ExpressionAttributeValues: { ':open': 'OPEN', ':version': current.version },
        },
      },
    ];
    if (audit && next.caseId)
      items.push(auditPut(db, taskAudit(next, audit.actor, now, audit.action, audit.details)));
    if (also) items.push(...(await also()));
    try {
      await transact(db, items);
      return next;
    } catch (error) {
      // Lost to another writer: read again and re-check.
      if (error instanceof ConflictError) continue;
      throw error;
    }
  }
  const latest = await requireTask(db, id);
  if (latest.status !== 'OPEN') throw new TaskNotOpenError(id, latest.status);
  throw new ConflictError(`task ${id} kept changing; try again`, 'busy');
}

/**
 * Marks the task COMPLETED with its (already validated) outcome and returns it, token included, so
 * the caller can send the one SendTaskSuccess. A second completion throws TaskNotOpenError.
 */
export function completeTask(
  db: Db,
  id: string,
  completion: { actor: Actor; outcome: unknown; now: string },
  known?: Task,
  /** Written with the completion, in its transaction (see `changeOpenTask`). */
  also?: () => Promise<TransactItem[]>,
): Promise<Task> {
  return changeOpenTask(
    db,
    id,
    completion.now,
    () => ({
      status: 'COMPLETED',
      completedAt: completion.now,
      completedBy: completion.actor.id,
      outcome: completion.outcome,
    }),
    { actor: completion.actor, action: 'task.completed' },
    known,
    also,
  );
}

/** Cancels an open task (case withdrawn, stepped up, transferred); returns it with the token to fail or stop. */
export function cancelTask(
  db: Db,
  id: string,
  cancel: { actor: Actor; reason: string; now: string },
  /** The task as the caller just read or listed it (see `changeOpenTask`). */
  known?: Task,
): Promise<Task> {
  return changeOpenTask(
    db,
    id,
    cancel.now,
    () => ({ status: 'CANCELLED', cancelReason: cancel.reason }),
    { actor: cancel.actor, action: 'task.cancelled', details: { reason: cancel.reason } },
    known,
  );
}

/**
 * Moves an open task to a new due date or owner (a plan action's date changed in a new version of the
 * plan, or the case moved to another key worker). A new due date starts its reminders and escalations
 * afresh. Conditional like every task change; TaskNotOpenError once it is not open.
 */
export function moveTask(
  db: Db,
  id: string,
  move: { dueDate?: string; owner?: string; now: string; actor: Actor },
  known?: Task,
): Promise<Task> {
  return changeOpenTask(
    db,
    id,
    move.now,
    (current) => ({
      ...(move.owner && move.owner !== current.owner ? { owner: move.owner } : {}),
      ...(move.dueDate && move.dueDate !== current.dueDate
        ? { dueDate: move.dueDate, remindersSent: 0, escalationLevel: 0 }
        : {}),
    }),
    {
      actor: move.actor,
      action: 'task.moved',
      details: {
        ...(move.dueDate ? { dueDate: move.dueDate } : {}),
        ...(move.owner ? { owner: move.owner } : {}),
      },
    },
    known,
  );
}

/** The task's final timeout: the journey takes its documented path. */
export function timeOutTask(db: Db, id: string, now: string, actor: Actor): Promise<Task> {
  return changeOpenTask(db, id, now, () => ({ status: 'TIMED_OUT' }), { actor, action: 'task.timed-out' });
}

/**
 * Keeps the fresh token of a human task's wait on the task: one conditional update (the most frequent
 * write of all, one per wake-up), no audit event (a wait is not something a person did). The version
 * moves on so a completion that read the task before it re-reads and answers this token.
 */
export async function storeTaskToken(db: Db, id: string, token: string, now: string): Promise<void> {
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: taskKey(id),
        UpdateExpression: 'SET taskToken = :token, updatedAt = :now, #version = #version + :one',
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
        ExpressionAttributeValues: { ':token': token, ':now': now, ':one': 1, ':open': 'OPEN' },
      }),
    );
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    const task = await requireTask(db, id);
    throw new TaskNotOpenError(id, task.status);
  }
}

/**
 * Records what a wake-up of the task's workflow did: the reminder and escalation counters after it,
 * and an audit event naming the escalation level and who was told (a role, never a person's name).
 * Conditional like every task change, so a wake-up racing a completion changes nothing.
 */
export function recordChase(
  db: Db,
  id: string,
  chase: {
    now: string;
    actor: Actor;
    remindersSent: number;
    escalationLevel: number;
    /** The owner or role queue told of the escalation, e.g. `role:senior:melton`. */
    escalatedTo?: string;
  },
  known?: Task,
): Promise<Task> {
  return changeOpenTask(
    db,
    id,
    chase.now,
    () => ({ remindersSent: chase.remindersSent, escalationLevel: chase.escalationLevel }),
    chase.escalatedTo
      ? {
          actor: chase.actor,
          action: 'task.escalated',
          details: { level: chase.escalationLevel, notified: chase.escalatedTo },
        }
      : { actor: chase.actor, action: 'task.reminded', details: { reminder: chase.remindersSent } },
    known,
  );
}

/**
 * Removes a stored token found on a completed task by a later request, once that request has answered
 * it (shared/domain/tasks/finish.ts `resumeLeftWait`). A completion or a cancellation leaves the token
 * it answered in place: it is dead from then on, and removing it was a write per task for nothing.
 */
export async function clearTaskToken(db: Db, id: string): Promise<void> {
  await db.client.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: taskKey(id),
      UpdateExpression: 'REMOVE taskToken',
      ConditionExpression: 'attribute_exists(pk)',
    }),
  );
}

export interface TaskListOptions {
  status?: TaskStatus;
  /**
   * Only tasks due on or before this date (`YYYY-MM-DD`), e.g. today for "due and overdue". Urgent
   * tasks are always included: they are due within working hours of opening.
   */
  dueOnOrBefore?: string;
  /** Only urgent tasks, or only the others; both (urgent first) unless told. */
  priority?: TaskPriority;
  limit?: number;
  cursor?: string;
}

/** An owner's tasks in a status (OPEN unless told): urgent first, then soonest due first. */
export async function listTasksByOwner(
  db: Db,
  owner: string,
  options: TaskListOptions = {},
): Promise<Page<Task>> {
  const status = options.status ?? 'OPEN';
  const partition = tasksByOwner(owner);
  const query = `tasks-owner:${partition}:${status}:${options.dueOnOrBefore ?? ''}${options.priority ? `:${options.priority}` : ''}`;
  const values: Record<string, unknown> = { ':pk': partition };
  let condition: string;
  if (options.priority === 'urgent') {
    values[':prefix'] = `${status}#${URGENT_MARK}#`;
    condition = 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)';
  } else if (options.dueOnOrBefore || options.priority === 'normal') {
    // A normal task's key goes on with its due date, which starts with a digit: '0' skips the urgent ones.
    values[':from'] = options.priority === 'normal' ? `${status}#0` : `${status}#`;
    // '~' sorts after every id character, so the whole due day is included.
    values[':to'] = options.dueOnOrBefore ? `${status}#${options.dueOnOrBefore}#~` : `${status}#~`;
    condition = 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to';
  } else {
    values[':prefix'] = `${status}#`;
    condition = 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)';
  }
  const result = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: condition,
      ExpressionAttributeValues: values,
      Limit: pageLimit(options.limit),
      ExclusiveStartKey: decodeCursor(query, options.cursor, ['gsi1pk', partition]),
    }),
  );
  return {
    items: (result.Items ?? []).map((item) => stripKeys<Task>(item)),
    nextCursor: encodeCursor(query, result.LastEvaluatedKey),
  };
}

async function tasksUnder(db: Db, partition: string, status?: TaskStatus): Promise<Task[]> {
  const tasks: Task[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const result = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: status ? 'gsi2pk = :pk AND begins_with(gsi2sk, :prefix)' : 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': partition, ...(status ? { ':prefix': `${status}#` } : {}) },
        ExclusiveStartKey: start,
      }),
    );
    tasks.push(...(result.Items ?? []).map((item) => stripKeys<Task>(item)));
    start = result.LastEvaluatedKey;
  } while (start);
  return tasks;
}

/** A case's open tasks (normally at most one), oldest first: what a withdrawal must cancel. */
export function listOpenTasksForCase(db: Db, caseId: string): Promise<Task[]> {
  return tasksUnder(db, tasksByCase(caseId), 'OPEN');
}

/** Every task a case has had, grouped by status, oldest first within each. */
export function listTasksForCase(db: Db, caseId: string): Promise<Task[]> {
  return tasksUnder(db, tasksByCase(caseId));
}

/** Report tasks of a period (`2026-27-Q4`, `2026-27`). */
export function listTasksForPeriod(db: Db, period: string, status?: TaskStatus): Promise<Task[]> {
  return tasksUnder(db, tasksByPeriod(period), status);
}
