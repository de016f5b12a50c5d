import { type Db, TaskNotOpenError, tasks } from '../../adapters/data';
import { cancelWait, resumeTask } from '../../adapters/workflow/callbacks';
import { SYSTEM_ACTOR, type Task } from '../../core/schemas';
import { type ChaseRecord, chaseRecorded, sendChaseEmails } from './chase-record';

// Each wait of a human task's workflow hands its fresh token here. The token is stored on the task
// (server side only) under the condition that the task is still open; if the task was completed or
// cancelled while no wait was live (between a timeout and this call), the answer is sent at once to
// the new token, so a completion racing a reminder is never lost and never applied twice.
//
// A wait after a wake-up that found a reminder or an escalation due also carries that wake-up's
// `record` (chase-record.ts): its emails are sent here, then the counters and the audit event are
// written with the token in one request. Emails first, so a failure in between repeats an email
// rather than losing one, as in the wake-up before; a retried call (`retryCount` > 0: the first may
// have sent and written all and only its answer was lost) reads the task first and sends nothing
// its counters say was recorded.

const ATTEMPTS = 5;

export async function registerTaskToken(
  db: Db,
  input: { taskId: string; taskToken: string; now: string; record?: ChaseRecord; retryCount?: number },
): Promise<{ registered: boolean }> {
  try {
    if (input.record) await storeWithRecord(db, input, input.record);
    else await tasks.storeTaskToken(db, input.taskId, input.taskToken, input.now);
    return { registered: true };
  } catch (error) {
    if (!(error instanceof TaskNotOpenError)) throw error;
    if (error.status === 'COMPLETED') await resumeTask(input.taskToken);
    else await cancelWait(input.taskToken, `task ${error.status.toLowerCase()}`);
    return { registered: false };
  }
}

async function storeWithRecord(
  db: Db,
  input: { taskId: string; taskToken: string; now: string; retryCount?: number },
  record: ChaseRecord,
): Promise<void> {
  let expected: Pick<Task, 'id' | 'type' | 'caseId' | 'version'> = record.task;
  if (input.retryCount) {
    const current = await tasks.requireTask(db, input.taskId);
    if (current.status !== 'OPEN') throw new TaskNotOpenError(current.id, current.status);
    if (chaseRecorded(current, record)) {
      await tasks.storeTaskToken(db, input.taskId, input.taskToken, input.now);
      return;
    }
    expected = current;
  }
  await sendChaseEmails(db, record);
  const chase = {
    now: record.now,
    actor: SYSTEM_ACTOR,
    remindersSent: record.remindersSent,
    escalationLevel: record.escalationLevel,
    ...(record.escalatedTo ? { escalatedTo: record.escalatedTo } : {}),
  };
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const changed = await tasks.storeTaskTokenWithChase(db, expected, input.taskToken, input.now, chase);
    if (!changed) return;
    // Written meanwhile by an earlier attempt of this call: the token alone is left to store.
    if (chaseRecorded(changed, record)) {
      await tasks.storeTaskToken(db, input.taskId, input.taskToken, input.now);
      return;
    }
    expected = changed;
  }
  // Never seen: the wait still gets its token (its Retry names no ConflictError); the next wake-up
  // finds the counters short and sends this reminder again, repeated rather than lost.
  await tasks.storeTaskToken(db, input.taskId, input.taskToken, input.now);
}
