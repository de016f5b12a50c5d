import { allocation, cases, ConflictError, type Db, tasks, workers } from '../../adapters/data';
import { journeyMetrics } from '../journey/metrics';
import { type Actor, type Case, SYSTEM_ACTOR } from '../../core/schemas';
import { completeAsSystem } from '../tasks/finish';
import { nextPlacement } from './waiting-list';

// Allocation at the hub's decision, and the automatic allocation of the waiting list the moment
// capacity frees. The capacity transaction itself is the data layer's (shared/adapters/data/allocation.ts);
// this decides who goes where and in what order (waiting-list.ts).

export type AllocationResult = { allocated: true; case: Case } | { allocated: false; case: Case };

/**
 * Allocates a case the hub decided to support to the worker in its locality with the most room, or
 * puts it on the locality's waiting list. A case never jumps the queue: while others wait, it joins them.
 */
export async function allocateOrWait(
  db: Db,
  record: Case,
  now: string,
  actor: Actor = SYSTEM_ACTOR,
): Promise<AllocationResult> {
  const waiting = await cases.listWaitingList(db, record.locality, { limit: 1 });
  if (waiting.items.length === 0) {
    const placed = await allocation.allocateInLocality(db, {
      caseId: record.id,
      expectedVersion: record.version,
      now,
      actor,
      metrics: journeyMetrics(now),
      known: record,
    });
    if (placed) return { allocated: true, case: placed.case };
  }
  // Nothing was written since the step read the case (allocateInLocality writes only when it places),
  // so that read is the listing's base; the version condition catches a writer meanwhile, and then the
  // case is read again as before.
  const listed = await listOnWaitingList(db, record, now, actor).catch(async (error: unknown) => {
    if (!(error instanceof ConflictError) || error.reason !== 'stale-version') throw error;
    return listOnWaitingList(db, await cases.requireCase(db, record.id), now, actor);
  });
  // Capacity may have freed while this case was joining: let the list move. Placed by that, the case is
  // as allocateWaiting wrote it; otherwise as listed. (A concurrent step placing it meanwhile leaves it
  // to the allocation task, whose first wake-up finds the work done: doneElsewhere.)
  const placedNow = (await allocateWaiting(db, listed.locality, now)).find((one) => one.id === listed.id);
  return { allocated: false, case: placedNow ?? listed };
}

function listOnWaitingList(db: Db, current: Case, now: string, actor: Actor): Promise<Case> {
  return cases.updateCase(db, {
    id: current.id,
    expectedVersion: current.version,
    now,
    actor,
    status: 'WAITING_LIST',
    changes: { waitingSince: now },
    metrics: journeyMetrics(now),
    known: current,
  });
}

/**
 * Allocates waiting cases of a locality, longest waiting first, while the head of the list fits a
 * worker; each allocated case's open allocation task is completed by the system, which resumes its
 * journey. Safe to run concurrently: the loser of a race on a case just looks again.
 */
export async function allocateWaiting(db: Db, locality: string, now: string): Promise<Case[]> {
  const allocated: Case[] = [];
  for (let round = 0; round < 50; round += 1) {
    const waiting = await cases.listWaitingList(db, locality, { limit: 1 });
    const rooms = (await workers.capacityByLocality(db, locality)).map((worker) => ({
      workerId: worker.workerId,
      free: worker.free,
    }));
    const placement = nextPlacement(waiting.items, rooms);
    if (!placement) break;
    const head = await cases.requireCase(db, placement.caseId);
    if (head.status !== 'WAITING_LIST') continue;
    try {
      const result = await allocation.allocateCase(db, {
        caseId: head.id,
        expectedVersion: head.version,
        workerId: placement.workerId,
        now,
        actor: SYSTEM_ACTOR,
        metrics: journeyMetrics(now),
        known: head,
      });
      allocated.push(result.case);
    } catch (error) {
      if (error instanceof ConflictError) continue;
      throw error;
    }
    for (const task of await tasks.listOpenTasksForCase(db, head.id)) {
      if (task.type !== 'allocation') continue;
      await completeAsSystem(
        db,
        task,
        { workerId: placement.workerId, reason: 'Allocated automatically when a place became free' },
        now,
      );
    }
  }
  return allocated;
}
