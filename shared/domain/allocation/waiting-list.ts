import { caseWeight } from '../../core/config';
import type { Case } from '../../core/schemas';

// Who gets the next free place: the waiting list is first come, first served, without overtaking.
// The case that has waited longest is allocated as soon as one worker has room for its weight; a
// complex case at the head waits for its larger place rather than be overtaken by lighter cases
// behind it, so no family waits for ever. The locality manager's allocation task (a senior may
// choose the worker) is the way round this order when there is a reason to depart from it.

export interface FreeRoom {
  workerId: string;
  free: number;
}

export interface Placement {
  caseId: string;
  workerId: string;
  weight: number;
}

/** The worker with the most room that fits `weight` (ties by id), or undefined. */
export function roomiestFitting(workers: readonly FreeRoom[], weight: number): FreeRoom | undefined {
  return [...workers]
    .filter((worker) => worker.free >= weight)
    .sort((a, b) => b.free - a.free || a.workerId.localeCompare(b.workerId))[0];
}

/** The next placement from a waiting list in joining order, or null when its head does not fit yet. */
export function nextPlacement(
  waitingInOrder: readonly Pick<Case, 'id' | 'complex'>[],
  workers: readonly FreeRoom[],
): Placement | null {
  const head = waitingInOrder[0];
  if (!head) return null;
  const weight = caseWeight(head.complex);
  const worker = roomiestFitting(workers, weight);
  return worker ? { caseId: head.id, workerId: worker.workerId, weight } : null;
}
