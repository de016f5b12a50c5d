import type { Db } from '../../adapters/data';
import {
  outOfHoursEmail,
  pagesBaseUrl,
  sendEmail,
  type TaskEmailKind,
  taskEmail,
} from '../../adapters/email';
import { configuredTimescales } from '../../core/config';
import type { Task } from '../../core/schemas';
import { emailsOfOwner } from './recipients';
import { TASK_TYPE_LABELS } from './types';

/** An owner's addresses, being looked up: what notifyTask takes instead of reading them itself. */
export interface OwnerLookup {
  owner: string;
  to: Promise<string[]>;
}

/**
 * The addresses behind `owner`, looked up now so the lookup overlaps the caller's next request: pass it to
 * notifyTask for the same owner. A failed lookup fails that notifyTask, not before.
 */
export function lookUpOwner(db: Db, owner: string): OwnerLookup {
  const to = emailsOfOwner(db, owner);
  // Awaited by notifyTask; a caller that returns before (nothing to tell) must not leave it unhandled.
  to.catch(() => undefined);
  return { owner, to };
}

export type OwnerLookups = (owner: string) => OwnerLookup;

/**
 * Lookups for the emails of one step that may tell the same owner of several tasks (a plan saved with
 * three of the key worker's actions): each owner's addresses are read once, when first asked for, and
 * serve the step's later emails to that owner. Made per step, never kept beyond it, so what it serves
 * is as fresh as a step sending those emails together would have: a change of the role queue or the
 * worker after the step is seen by the next step.
 */
export function ownerLookups(db: Db): OwnerLookups {
  const seen = new Map<string, OwnerLookup>();
  return (owner) => {
    let found = seen.get(owner);
    if (!found) {
      found = lookUpOwner(db, owner);
      seen.set(owner, found);
    }
    return found;
  };
}

/**
 * Emails `owner` (the task's own owner unless told) about the task; returns how many were sent.
 * `early`: the owner's addresses looked up beforehand (lookUpOwner), used only if for the same owner.
 */
export async function notifyTask(
  db: Db,
  kind: TaskEmailKind,
  task: Task,
  owner: string = task.owner,
  early?: OwnerLookup,
): Promise<number> {
  const to = await (early?.owner === owner ? early.to : emailsOfOwner(db, owner));
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
        ...(task.priority === 'urgent' && task.dueAt ? { urgent: { dueAt: task.dueAt } } : {}),
      },
      pagesBaseUrl(),
    ),
  );
}

/** Emails the out-of-hours team (timescales.outOfHours) about an urgent case task, at once. */
export async function notifyOutOfHours(task: Task): Promise<number> {
  if (!task.dueAt || !task.caseReference) throw new RangeError(`task ${task.id} is not an urgent case task`);
  const { outOfHours } = configuredTimescales();
  return sendEmail(
    [outOfHours.address],
    outOfHoursEmail(
      {
        taskId: task.id,
        taskName: TASK_TYPE_LABELS[task.type],
        caseReference: task.caseReference,
        dueAt: task.dueAt,
        team: outOfHours.team,
      },
      pagesBaseUrl(),
    ),
  );
}
