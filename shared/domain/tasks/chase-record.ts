import { type Db, tasks } from '../../adapters/data';
import { SYSTEM_ACTOR, type Task } from '../../core/schemas';
import { notifyTask } from './notify';

// What a wake-up of a human task found due (a reminder, an escalation or both), carried from `Chase`
// to the next `WaitForCompletion` (workflows/human-task.asl.json) when the definition asks for it
// (`recordWithToken`): the wait's `register-task-token` sends the emails and writes the counters with
// the fresh token in one request, where the chase wrote them with one of its own before.

export interface ChaseRecord {
  /** The task as the chase read it: what its emails name, and the version the write expects. */
  task: Pick<
    Task,
    | 'id'
    | 'type'
    | 'owner'
    | 'dueDate'
    | 'version'
    | 'caseId'
    | 'caseReference'
    | 'period'
    | 'priority'
    | 'dueAt'
  >;
  /** The chase's own instant: the audit event's time, as when the chase wrote it. */
  now: string;
  remindersSent: number;
  escalationLevel: number;
  remind: boolean;
  /** The owner or role queue told of the escalation, e.g. `role:senior:melton`. */
  escalatedTo?: string;
}

export function chaseRecordOf(
  task: Task,
  now: string,
  decision: { remind: boolean; progress: { remindersSent: number; escalationLevel: number } },
  escalatedTo: string | undefined,
): ChaseRecord {
  const { id, type, owner, dueDate, version, caseId, caseReference, period, priority, dueAt } = task;
  return {
    task: {
      id,
      type,
      owner,
      dueDate,
      version,
      ...(caseId ? { caseId } : {}),
      ...(caseReference ? { caseReference } : {}),
      ...(period ? { period } : {}),
      ...(priority ? { priority } : {}),
      ...(dueAt ? { dueAt } : {}),
    },
    now,
    remindersSent: decision.progress.remindersSent,
    escalationLevel: decision.progress.escalationLevel,
    remind: decision.remind,
    ...(escalatedTo ? { escalatedTo } : {}),
  };
}

/** The escalation first, then the reminder: the order the chase always sent them in. */
export async function sendChaseEmails(db: Db, record: ChaseRecord): Promise<void> {
  const task = record.task as Task;
  if (record.escalatedTo) await notifyTask(db, 'escalated', task, record.escalatedTo);
  if (record.remind) await notifyTask(db, 'reminder', task);
}

/** The counters and the audit event written by the chase itself (a renewal, or an older definition). */
export async function recordChaseNow(db: Db, task: Task, record: ChaseRecord): Promise<void> {
  await tasks.recordChase(
    db,
    task.id,
    {
      now: record.now,
      actor: SYSTEM_ACTOR,
      remindersSent: record.remindersSent,
      escalationLevel: record.escalationLevel,
      ...(record.escalatedTo ? { escalatedTo: record.escalatedTo } : {}),
    },
    task,
  );
}

/** True once the task's counters hold the record's (the write was made by an earlier attempt). */
export function chaseRecorded(task: Task, record: ChaseRecord): boolean {
  return task.remindersSent >= record.remindersSent && task.escalationLevel >= record.escalationLevel;
}
