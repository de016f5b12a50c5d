import {
  allocation,
  cases,
  ConflictError,
  type Db,
  defaultDb,
  NotFoundError,
  TaskNotOpenError,
  tasks,
} from '../../adapters/data';
import { journeyMetrics } from '../journey/metrics';
import { parseTaskOutcome, type Task, type TaskType } from '../../core/schemas';
import { auditActorOf, type JourneyActor, SYSTEM } from './actor';
import { resumeTask } from '../../adapters/workflow/callbacks';
import { CASE_TASK_TYPES, type CaseTaskType } from './due-dates';
import { NotAllowedError, WrongTaskTypeError } from './errors';
import { mayCompleteTask } from './owners';

// Completing a human task: the outcome is validated with its type's schema, the actor's right is
// checked, the task is marked COMPLETED under a condition (so a second click, a completion after a
// cancel or a timeout, or a retried request is answered TaskNotOpenError: 409), and its live wait is
// resumed once. An allocation task also allocates the named worker, under the capacity transaction.

export interface CompletedTask {
  status: 'completed';
  taskId: string;
  type: TaskType;
}

function isCaseTask(type: TaskType): type is CaseTaskType {
  return (CASE_TASK_TYPES as readonly string[]).includes(type);
}

export async function completeTask(
  taskId: string,
  actor: JourneyActor,
  outcome: unknown,
  now: Date | string,
  options: { db?: Db } = {},
): Promise<CompletedTask> {
  const db = options.db ?? defaultDb();
  const at = new Date(now).toISOString();
  const task = await tasks.getTask(db, taskId);
  if (!task) throw new NotFoundError(`task ${taskId}`);
  if (!mayCompleteTask(actor, task)) throw new NotAllowedError(taskId);
  if (task.status !== 'OPEN') throw new TaskNotOpenError(task.id, task.status);
  if (!isCaseTask(task.type)) throw new WrongTaskTypeError(task.id, task.type);
  const parsed = parseTaskOutcome(task.type, outcome);
  if (task.type === 'allocation') {
    await allocateNamedWorker(db, task, (parsed as { workerId: string }).workerId, actor, at);
  }
  await finish(db, task, parsed, actor, at);
  return { status: 'completed', taskId: task.id, type: task.type };
}

async function allocateNamedWorker(db: Db, task: Task, workerId: string, actor: JourneyActor, now: string) {
  const record = await cases.requireCase(db, task.caseId!);
  if (record.status !== 'WAITING_LIST') {
    throw new ConflictError(`case ${record.id} is no longer waiting (it is ${record.status})`, 'not-waiting');
  }
  await allocation.allocateCase(db, {
    caseId: record.id,
    expectedVersion: record.version,
    workerId,
    now,
    actor: auditActorOf(actor),
    taskId: task.id,
    metrics: journeyMetrics(now),
  });
}

async function finish(db: Db, task: Task, outcome: unknown, actor: JourneyActor, now: string): Promise<void> {
  const done = await tasks.completeTask(db, task.id, { actor: auditActorOf(actor), outcome, now });
  // A dead token means the wait is between reminders: its next wait finds the task completed.
  if (done.taskToken) {
    await resumeTask(done.taskToken);
    await tasks.clearTaskToken(db, task.id);
  }
}

/**
 * The system completes a task whose work was done another way: a waiting case allocated automatically
 * the moment capacity freed completes the locality manager's allocation task.
 */
export async function completeAsSystem(db: Db, task: Task, outcome: unknown, now: string): Promise<boolean> {
  try {
    await finish(db, task, parseTaskOutcome(task.type, outcome), SYSTEM, now);
    return true;
  } catch (error) {
    if (error instanceof TaskNotOpenError) return false;
    throw error;
  }
}
