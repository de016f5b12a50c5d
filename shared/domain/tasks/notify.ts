import type { Db } from '../../adapters/data';
import { pagesBaseUrl, sendEmail, type TaskEmailKind, taskEmail } from '../../adapters/email';
import type { Task } from '../../core/schemas';
import { emailsOfOwner } from './recipients';
import { TASK_TYPE_LABELS } from './types';

/** Emails `owner` (the task's own owner unless told) about the task; returns how many were sent. */
export async function notifyTask(
  db: Db,
  kind: TaskEmailKind,
  task: Task,
  owner: string = task.owner,
): Promise<number> {
  const to = await emailsOfOwner(db, owner);
  if (to.length === 0) return 0;
  return sendEmail(
    to,
    taskEmail(
      kind,
      {
        taskId: task.id,
        taskName: TASK_TYPE_LABELS[task.type],
        dueDate: task.dueDate,
        ...(task.caseReference ? { caseReference: task.caseReference } : {}),
        ...(task.period ? { period: task.period } : {}),
      },
      pagesBaseUrl(),
    ),
  );
}
