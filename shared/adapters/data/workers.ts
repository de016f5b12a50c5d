import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Worker, workerSchema } from '../../core/schemas';
import { parseOrThrow } from '../../core/schemas/errors';
import { decodeCursor, encodeCursor, type Page, pageLimit } from './cursor';
import {
  AlreadyExistsError,
  ConflictError,
  type Db,
  isConditionalCheckFailed,
  NotFoundError,
  stripKeys,
  getItem,
} from './db';
import { workerKey, workersByAreaRole } from './keys';
import type { StaffRole } from '../../core/vocabulary/roles';

// Staff records. `load` and `openCases` move only through allocation.ts (ADD under a condition);
// administrators change the rest here, under conditions that keep the caseload consistent.

function itemOf(worker: Worker) {
  return {
    ...workerKey(worker.id),
    itemType: 'worker',
    gsi1pk: workersByAreaRole(worker.area, worker.role),
    gsi1sk: worker.id,
    ...worker,
  };
}

export type NewWorker = Omit<Worker, 'load' | 'openCases' | 'createdAt' | 'updatedAt'>;

export async function createWorker(db: Db, input: NewWorker, now: string): Promise<Worker> {
  const worker = parseOrThrow(workerSchema, {
    ...input,
    load: 0,
    openCases: 0,
    createdAt: now,
    updatedAt: now,
  });
  try {
    await db.client.send(
      new PutCommand({
        TableName: db.tableName,
        Item: itemOf(worker),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (isConditionalCheckFailed(error)) throw new AlreadyExistsError(`worker ${input.id}`, input.id);
    throw error;
  }
  return worker;
}

export async function getWorker(db: Db, id: string): Promise<Worker | undefined> {
  return getItem<Worker>(db, workerKey(id));
}

export async function requireWorker(db: Db, id: string): Promise<Worker> {
  const worker = await getWorker(db, id);
  if (!worker) throw new NotFoundError(`worker ${id}`);
  return worker;
}

export type WorkerChanges = Partial<Pick<Worker, 'name' | 'email' | 'role' | 'area' | 'active' | 'capacity'>>;

/**
 * Changes a worker's details. Refused (ConflictError) when it would leave cases stranded: a worker
 * with open cases cannot be deactivated or moved to another area or role, and capacity cannot drop
 * below the current load. The conditions are checked by DynamoDB, not only here, so a concurrent
 * allocation cannot slip between the check and the write.
 */
export async function updateWorker(db: Db, id: string, changes: WorkerChanges, now: string): Promise<Worker> {
  const current = await requireWorker(db, id);
  const next = parseOrThrow(workerSchema, { ...current, ...changes, updatedAt: now });
  const strands = next.active === false || next.area !== current.area || next.role !== current.role;
  if (changes.capacity !== undefined && changes.capacity < current.load) {
    throw new ConflictError(`worker ${id}'s capacity cannot go below the current load`, 'below-load');
  }
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  for (const [field, value] of Object.entries({ ...changes, updatedAt: now })) {
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    sets.push(`#${field} = :${field}`);
  }
  names['#gsi1pk'] = 'gsi1pk';
  values[':gsi1pk'] = workersByAreaRole(next.area, next.role);
  sets.push('#gsi1pk = :gsi1pk');
  const conditions = ['attribute_exists(pk)'];
  if (strands) {
    names['#openCases'] = 'openCases';
    conditions.push('#openCases = :zero');
    values[':zero'] = 0;
  }
  if (changes.capacity !== undefined) {
    names['#load'] = 'load';
    conditions.push('#load <= :capacity');
  }
  try {
    const result = await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: workerKey(id),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return stripKeys<Worker>(result.Attributes!);
  } catch (error) {
    if (isConditionalCheckFailed(error)) {
      throw new ConflictError(
        strands
          ? `worker ${id} has open cases: reallocate them first`
          : `worker ${id}'s capacity cannot go below the current load`,
        strands ? 'worker-has-cases' : 'below-load',
      );
    }
    throw error;
  }
}

/** Workers of a role in an area (a locality or `county`), by id. */
export async function listWorkers(
  db: Db,
  area: string,
  role: StaffRole,
  options: { limit?: number; cursor?: string } = {},
): Promise<Page<Worker>> {
  const partition = workersByAreaRole(area, role);
  const query = `workers:${partition}`;
  const result = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': partition },
      Limit: pageLimit(options.limit, 100, 500),
      ExclusiveStartKey: decodeCursor(query, options.cursor, ['gsi1pk', partition]),
    }),
  );
  return {
    items: (result.Items ?? []).map((item) => stripKeys<Worker>(item)),
    nextCursor: encodeCursor(query, result.LastEvaluatedKey),
  };
}

/** Every worker of a role in an area, all pages. */
export async function allWorkers(db: Db, area: string, role: StaffRole): Promise<Worker[]> {
  const workers: Worker[] = [];
  let cursor: string | undefined;
  do {
    const page = await listWorkers(db, area, role, { limit: 500, ...(cursor ? { cursor } : {}) });
    workers.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return workers;
}

export interface WorkerCapacity {
  workerId: string;
  capacity: number;
  load: number;
  free: number;
  openCases: number;
}

/**
 * The active family support workers of a locality with their caseload, most room first (ties by id).
 * Read from the index, so it can be a moment stale: allocation re-checks capacity in its transaction.
 */
export async function capacityByLocality(db: Db, locality: string): Promise<WorkerCapacity[]> {
  return (await allWorkers(db, locality, 'family-support-worker'))
    .filter((worker) => worker.active)
    .map((worker) => ({
      workerId: worker.id,
      capacity: worker.capacity,
      load: worker.load,
      free: worker.capacity - worker.load,
      openCases: worker.openCases,
    }))
    .sort((a, b) => b.free - a.free || a.workerId.localeCompare(b.workerId));
}
