import { allocation, cases, type Db } from '../../adapters/data';
import type { CaseUpdate } from '../../adapters/data/cases';
import type { TransactItem } from '../../adapters/data/db';
import type { Actor, Case } from '../../core/schemas';
import { claimWatchOnEnding } from '../metrics/claim-watch';
import { type Increments, journeyMetrics } from './metrics';
import type { CaseStatus } from '../../core/vocabulary/cases';

// Every change the journey makes to a case goes through here: one conditional transaction with its
// audit event and its counters (the status entered, and the referral's end by source when it ends).

export interface CaseChange {
  now: string;
  actor: Actor;
  status?: CaseStatus;
  changes?: CaseUpdate['changes'];
  action?: string;
  details?: CaseUpdate['details'];
  taskId?: string;
  /** Journey counters beyond those inferred from the change. */
  increments?: Increments;
  /** The closure task's needs met and outstanding (the closure outcome counters). */
  closureOutcome?: { needsResolved: readonly string[]; needsOutstanding: readonly string[] };
}

function metricsOf(change: CaseChange) {
  return journeyMetrics(change.now, {
    ...(change.increments ? { extra: change.increments } : {}),
    ...(change.closureOutcome ? { closureOutcome: change.closureOutcome as never } : {}),
  });
}

export function changeCase(db: Db, record: Case, change: CaseChange): Promise<Case> {
  return cases.updateCase(db, updateOf(record, change));
}

/**
 * A change's transaction items and the case after it, for a step that writes them with its own in one
 * transaction (open-task: the stage's status and the task it opens). The first item is the case's put,
 * conditional on the version the change starts from.
 */
export function caseChangeItems(
  db: Db,
  record: Case,
  change: CaseChange,
): { next: Case; items: TransactItem[] } {
  const update = updateOf(record, change);
  const next = cases.applyUpdate(record, update);
  return { next, items: cases.caseUpdateItems(db, record, next, update) };
}

function updateOf(record: Case, change: CaseChange): CaseUpdate {
  return {
    id: record.id,
    expectedVersion: record.version,
    now: change.now,
    actor: change.actor,
    ...(change.status ? { status: change.status } : {}),
    ...(change.changes ? { changes: change.changes } : {}),
    ...(change.action ? { action: change.action } : {}),
    ...(change.details ? { details: change.details } : {}),
    ...(change.taskId ? { taskId: change.taskId } : {}),
    metrics: metricsOf(change),
    claimWatch: claimWatchOnEnding(change.now),
    known: record,
  };
}

/**
 * Ends a case (closed, stepped up, withdrawn...) and, when it had a key worker, gives the worker's
 * units back in the same transaction. Returns the locality whose capacity was freed, if any.
 */
export async function endCase(
  db: Db,
  record: Case,
  change: CaseChange & { status: CaseStatus },
): Promise<{ case: Case; freedLocality?: string }> {
  if (!record.keyWorkerId || record.allocatedWeight === undefined) {
    return { case: await changeCase(db, record, change) };
  }
  const released = await allocation.releaseCase(db, {
    caseId: record.id,
    expectedVersion: record.version,
    now: change.now,
    actor: change.actor,
    status: change.status,
    ...(change.changes ? { changes: change.changes } : {}),
    ...(change.action ? { action: change.action } : {}),
    ...(change.details ? { details: change.details } : {}),
    ...(change.taskId ? { taskId: change.taskId } : {}),
    metrics: metricsOf(change),
    claimWatch: claimWatchOnEnding(change.now),
    known: record,
  });
  return { case: released.case, freedLocality: record.locality };
}
