import { caseWeight } from '../../core/config';
import type { Actor, Case, Worker } from '../../core/schemas';
import { ConflictError, type Db, NotFoundError, type TransactItem } from './db';
import { applyUpdate, currentFor, type ClaimWatchOption, caseUpdateItems, type MetricsOption } from './cases';
import { transact } from './db';
import { workerKey } from './keys';
import { capacityByLocality, requireWorker } from './workers';

// Allocation never exceeds a worker's capacity, even under concurrent requests: one transaction adds
// the case's weight to the worker's load with ADD, conditional on the load leaving room (checked by
// DynamoDB at commit), and moves the case under its version condition. Release is the mirror image.

export class CapacityError extends ConflictError {
  constructor(readonly workerId: string) {
    super(`worker ${workerId} has no capacity for this case`, 'no-capacity');
    this.name = 'CapacityError';
  }
}

/** Units this case takes from a key worker (complex cases weigh more). */
export function weightOf(record: Pick<Case, 'complex'>): number {
  return caseWeight(record.complex);
}

function takeCapacity(db: Db, worker: Worker, weight: number, now: string): TransactItem {
  return {
    Update: {
      TableName: db.tableName,
      Key: workerKey(worker.id),
      UpdateExpression: 'ADD #load :weight, #openCases :one SET #updatedAt = :now',
      // Capacity is compared as read: if an administrator changed it meanwhile the condition fails
      // and the caller retries with fresh figures.
      ConditionExpression:
        'attribute_exists(pk) AND #active = :true AND #capacity = :capacity AND #load <= :maxLoad AND #area = :area',
      ExpressionAttributeNames: {
        '#load': 'load',
        '#openCases': 'openCases',
        '#updatedAt': 'updatedAt',
        '#active': 'active',
        '#capacity': 'capacity',
        '#area': 'area',
      },
      ExpressionAttributeValues: {
        ':weight': weight,
        ':one': 1,
        ':now': now,
        ':true': true,
        ':capacity': worker.capacity,
        ':maxLoad': worker.capacity - weight,
        ':area': worker.area,
      },
    },
  };
}

function giveBackCapacity(db: Db, workerId: string, weight: number, now: string): TransactItem {
  return {
    Update: {
      TableName: db.tableName,
      Key: workerKey(workerId),
      UpdateExpression: 'ADD #load :minusWeight, #openCases :minusOne SET #updatedAt = :now',
      ConditionExpression: 'attribute_exists(pk) AND #load >= :weight AND #openCases >= :one',
      ExpressionAttributeNames: { '#load': 'load', '#openCases': 'openCases', '#updatedAt': 'updatedAt' },
      ExpressionAttributeValues: {
        ':minusWeight': -weight,
        ':weight': weight,
        ':minusOne': -1,
        ':one': 1,
        ':now': now,
      },
    },
  };
}

export interface AllocationRequest {
  caseId: string;
  expectedVersion: number;
  workerId: string;
  now: string;
  actor: Actor;
  /** A senior may allocate across localities (e.g. a transfer); otherwise the worker must be in the case's locality. */
  allowOtherLocality?: boolean;
  taskId?: string;
  metrics?: MetricsOption;
  /** The case as the caller just read it (`CaseUpdate.known`). */
  known?: Case;
}

/**
 * Allocates a case (HUB_DECISION or WAITING_LIST) to a named worker. Throws CapacityError when the
 * worker has no room, ConflictError when the case moved on.
 */
export async function allocateCase(
  db: Db,
  request: AllocationRequest,
): Promise<{ case: Case; worker: Worker }> {
  const [current, worker] = await Promise.all([
    currentFor(db, { id: request.caseId, ...request }),
    requireWorker(db, request.workerId),
  ]);
  if (worker.role !== 'family-support-worker')
    throw new ConflictError(`${worker.id} is not a family support worker`, 'not-a-key-worker');
  if (!request.allowOtherLocality && worker.area !== current.locality) {
    throw new ConflictError(
      `worker ${worker.id} works in ${worker.area}, not ${current.locality}`,
      'other-locality',
    );
  }
  const weight = weightOf(current);
  if (!worker.active || worker.capacity - worker.load < weight) throw new CapacityError(worker.id);
  const update = {
    id: current.id,
    expectedVersion: request.expectedVersion,
    now: request.now,
    actor: request.actor,
    status: 'ALLOCATED' as const,
    action: 'case.allocated',
    changes: {
      keyWorkerId: worker.id,
      allocatedWeight: weight,
      allocatedAt: request.now,
      remove: ['waitingSince' as const],
    },
    details: { workerId: worker.id, weight },
    ...(request.taskId ? { taskId: request.taskId } : {}),
    ...(request.metrics ? { metrics: request.metrics } : {}),
  };
  const next = applyUpdate(current, update);
  const items = [
    takeCapacity(db, worker, weight, request.now),
    ...caseUpdateItems(db, current, next, update),
  ];
  await transact(db, items, (failed) => {
    if (failed.includes(0)) return new CapacityError(worker.id);
    if (failed.includes(1))
      return new ConflictError(
        `case ${current.id} changed since version ${request.expectedVersion}`,
        'stale-version',
      );
    return undefined;
  });
  return {
    case: next,
    worker: {
      ...worker,
      load: worker.load + weight,
      openCases: worker.openCases + 1,
      updatedAt: request.now,
    },
  };
}

/**
 * Allocates to the worker in the case's locality with the most room, trying the next when one fills
 * up meanwhile. Returns null when nobody has room (the caller puts the case on the waiting list).
 */
export async function allocateInLocality(
  db: Db,
  request: Omit<AllocationRequest, 'workerId' | 'allowOtherLocality'>,
): Promise<{ case: Case; worker: Worker } | null> {
  const current = await currentFor(db, { id: request.caseId, ...request });
  const weight = weightOf(current);
  const candidates = (await capacityByLocality(db, current.locality)).filter(
    (worker) => worker.free >= weight,
  );
  for (const candidate of candidates) {
    try {
      // A worker found full leaves the case as it was: the next candidate starts from the same read.
      return await allocateCase(db, { ...request, workerId: candidate.workerId, known: current });
    } catch (error) {
      if (error instanceof CapacityError) continue;
      throw error;
    }
  }
  return null;
}

export interface ReleaseRequest {
  caseId: string;
  expectedVersion: number;
  now: string;
  actor: Actor;
  /** Where the case goes: CLOSED, an early end, or WAITING_LIST (worker left). */
  status: Case['status'];
  changes?: Parameters<typeof applyUpdate>[1]['changes'];
  action?: string;
  details?: Record<string, string | number | boolean | null>;
  taskId?: string;
  metrics?: MetricsOption;
  claimWatch?: ClaimWatchOption;
  /** The case as the caller just read it (`CaseUpdate.known`). */
  known?: Case;
}

/** Ends (or un-allocates) a case and gives its weight back to the key worker, atomically. */
export async function releaseCase(
  db: Db,
  request: ReleaseRequest,
): Promise<{ case: Case; freedWorkerId: string }> {
  const current = await currentFor(db, { id: request.caseId, ...request });
  if (!current.keyWorkerId || current.allocatedWeight === undefined) {
    throw new NotFoundError(`key worker of case ${current.id}`);
  }
  const remove = [...(request.changes?.remove ?? []), 'keyWorkerId' as const, 'allocatedWeight' as const];
  const update = {
    id: current.id,
    expectedVersion: request.expectedVersion,
    now: request.now,
    actor: request.actor,
    status: request.status,
    changes: {
      ...request.changes,
      ...(request.status === 'WAITING_LIST' ? { waitingSince: request.now } : {}),
      remove,
    },
    details: { freedWorkerId: current.keyWorkerId, ...request.details },
    ...(request.action ? { action: request.action } : {}),
    ...(request.taskId ? { taskId: request.taskId } : {}),
    ...(request.metrics ? { metrics: request.metrics } : {}),
    ...(request.claimWatch ? { claimWatch: request.claimWatch } : {}),
  };
  const next = applyUpdate(current, update);
  const items = [
    giveBackCapacity(db, current.keyWorkerId, current.allocatedWeight, request.now),
    ...caseUpdateItems(db, current, next, update),
  ];
  await transact(db, items, (failed) =>
    failed.includes(1)
      ? new ConflictError(
          `case ${current.id} changed since version ${request.expectedVersion}`,
          'stale-version',
        )
      : new ConflictError(
          `worker ${current.keyWorkerId}'s load is lower than this case's weight`,
          'load-mismatch',
        ),
  );
  return { case: next, freedWorkerId: current.keyWorkerId };
}

/**
 * Moves an allocated case to another key worker (possibly in another locality, which moves the case
 * there too) in one transaction: the old worker's units are freed and the new worker's taken.
 */
export async function transferCase(
  db: Db,
  request: AllocationRequest & { locality?: string },
): Promise<{ case: Case; worker: Worker }> {
  const [current, worker] = await Promise.all([
    currentFor(db, { id: request.caseId, ...request }),
    requireWorker(db, request.workerId),
  ]);
  if (!current.keyWorkerId || current.allocatedWeight === undefined)
    throw new NotFoundError(`key worker of case ${current.id}`);
  if (current.keyWorkerId === worker.id)
    throw new ConflictError(`case ${current.id} is already with ${worker.id}`, 'same-worker');
  if (worker.role !== 'family-support-worker')
    throw new ConflictError(`${worker.id} is not a family support worker`, 'not-a-key-worker');
  const locality = request.locality ?? current.locality;
  if (worker.area !== locality)
    throw new ConflictError(`worker ${worker.id} works in ${worker.area}, not ${locality}`, 'other-locality');
  const weight = weightOf(current);
  if (!worker.active || worker.capacity - worker.load < weight) throw new CapacityError(worker.id);
  const update = {
    id: current.id,
    expectedVersion: request.expectedVersion,
    now: request.now,
    actor: request.actor,
    action: 'case.transferred',
    changes: { keyWorkerId: worker.id, allocatedWeight: weight, allocatedAt: request.now, locality },
    details: {
      fromWorkerId: current.keyWorkerId,
      toWorkerId: worker.id,
      fromLocality: current.locality,
      toLocality: locality,
    },
    ...(request.taskId ? { taskId: request.taskId } : {}),
    ...(request.metrics ? { metrics: request.metrics } : {}),
  };
  const next = applyUpdate(current, update);
  const items = [
    takeCapacity(db, worker, weight, request.now),
    giveBackCapacity(db, current.keyWorkerId, current.allocatedWeight, request.now),
    ...caseUpdateItems(db, current, next, update),
  ];
  await transact(db, items, (failed) => {
    if (failed.includes(0)) return new CapacityError(worker.id);
    if (failed.includes(2))
      return new ConflictError(
        `case ${current.id} changed since version ${request.expectedVersion}`,
        'stale-version',
      );
    return new ConflictError(
      `worker ${current.keyWorkerId}'s load is lower than this case's weight`,
      'load-mismatch',
    );
  });
  return { case: next, worker: { ...worker, load: worker.load + weight, openCases: worker.openCases + 1 } };
}
