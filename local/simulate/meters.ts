import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SESv2Client } from '@aws-sdk/client-sesv2';

// What the product consumed during a simulation, counted where AWS would bill it: every request the
// handlers and domain make to DynamoDB (with the capacity units DynamoDB reports for it), every Lambda
// invocation, every email. The simulation's own bookkeeping reads go through another client and are
// not counted.

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);
const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
const CAPACITY = new Set([...WRITES, ...READS, 'ExecuteStatement']);

export interface Meters {
  dynamodb: {
    requests: Record<string, number>;
    readRequests: number;
    writeRequests: number;
    /** Items written (a transaction or batch counts each of its items). */
    itemsWritten: number;
    readUnits: number;
    writeUnits: number;
    /** Requests by the handler that made them and operation: `handler PutItem` (where lean writes pay). */
    byHandler: Record<string, number>;
    /** Capacity units by the handler that consumed them (what each kind of work costs). */
    unitsByHandler: Record<string, { read: number; write: number }>;
  };
  lambda: { invocations: Record<string, number>; total: number; milliseconds: number };
  emails: number;
  apiRequests: number;
}

export function newMeters(): Meters {
  return {
    dynamodb: {
      requests: {},
      readRequests: 0,
      writeRequests: 0,
      itemsWritten: 0,
      readUnits: 0,
      writeUnits: 0,
      byHandler: {},
      unitsByHandler: {},
    },
    lambda: { invocations: {}, total: 0, milliseconds: 0 },
    emails: 0,
    apiRequests: 0,
  };
}

interface Capacity {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

/** A PartiQL statement reads (SELECT) or writes (INSERT, UPDATE, DELETE), as AWS bills it. */
function partiqlKind(input: Record<string, unknown>): 'read' | 'write' {
  return /^\s*select\b/i.test(String(input.Statement ?? '')) ? 'read' : 'write';
}

/**
 * The read units of a PartiQL SELECT when DynamoDB does not say (DynamoDB Local answers
 * ExecuteStatement without ConsumedCapacity, whatever ReturnConsumedCapacity asks). AWS runs a SELECT
 * whose WHERE names partition keys (`pk IN [?, ...]` or `pk = ?`) as a read of each partition and bills
 * each like a Query: its items' size in 4 KB units, at least one (half for an eventually consistent
 * read). The items' full size is not in the answer (it may be projected), so a partition counts one
 * unit, more if what came back is larger: exact for the match index's items (about 100 bytes each)
 * unless one key holds more than 4 KB of them, a lower bound otherwise.
 */
function estimatedSelectUnits(input: Record<string, unknown>, output: Record<string, unknown>): number {
  const partitions = Math.max((input.Parameters as unknown[] | undefined)?.length ?? 0, 1);
  const bytes = JSON.stringify(output.Items ?? []).length;
  const units = Math.max(partitions, Math.ceil(bytes / 4096));
  return input.ConsistentRead === true ? units : units / 2;
}

function itemsIn(operation: string, input: Record<string, unknown>): number {
  if (operation === 'TransactWriteItems') return (input.TransactItems as unknown[] | undefined)?.length ?? 0;
  if (operation === 'BatchWriteItem') {
    return Object.values((input.RequestItems as Record<string, unknown[]>) ?? {}).reduce(
      (sum, requests) => sum + requests.length,
      0,
    );
  }
  return 1;
}

/** Counts every DynamoDB request of `client` (and of document clients built on it). */
const handlerNow = new AsyncLocalStorage<string>();

/** Runs `work` as the handler `name` would (its requests counted under that name). */
export function asHandler<T>(name: string, work: () => Promise<T>): Promise<T> {
  return handlerNow.run(name, work);
}

export function meterDynamoDb(client: DynamoDBClient, meters: Meters): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = String(context.commandName ?? '').replace(/Command$/, '');
      const input = args.input as Record<string, unknown>;
      if (CAPACITY.has(operation)) input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const stats = meters.dynamodb;
      const kind =
        operation === 'ExecuteStatement'
          ? partiqlKind(input)
          : WRITES.has(operation)
            ? 'write'
            : READS.has(operation)
              ? 'read'
              : undefined;
      stats.requests[operation] = (stats.requests[operation] ?? 0) + 1;
      const by = `${handlerNow.getStore() ?? 'outside a handler'} ${operation}`;
      stats.byHandler[by] = (stats.byHandler[by] ?? 0) + 1;
      const consumed = (result.output as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity;
      const units =
        consumed === undefined && operation === 'ExecuteStatement' && kind === 'read'
          ? estimatedSelectUnits(input, result.output as unknown as Record<string, unknown>)
          : (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce(
              (sum, entry) => sum + (entry.CapacityUnits ?? 0),
              0,
            );
      const handler = handlerNow.getStore() ?? 'outside a handler';
      stats.unitsByHandler[handler] ??= { read: 0, write: 0 };
      if (kind === 'write') stats.unitsByHandler[handler]!.write += units;
      else if (kind === 'read') stats.unitsByHandler[handler]!.read += units;
      if (kind === 'write') {
        stats.writeRequests += 1;
        stats.itemsWritten += itemsIn(operation, input);
        stats.writeUnits += units;
      } else if (kind === 'read') {
        stats.readRequests += 1;
        stats.readUnits += units;
      }
      return result;
    },
    { step: 'initialize', name: 'simulationMeter', override: true },
  );
}

export function meterEmails(client: SESv2Client, meters: Meters): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'SendEmailCommand') meters.emails += 1;
      return result;
    },
    { step: 'initialize', name: 'simulationMeter', override: true },
  );
}

export type Lambda = (event: unknown, context: unknown) => Promise<unknown>;

/** The same handler, counted (invocations and wall time, as Lambda bills duration). */
export function meterLambda(name: string, fn: Lambda, meters: Meters): Lambda {
  return async (event, context) => {
    const started = performance.now();
    try {
      return await handlerNow.run(name, () => fn(event, context));
    } finally {
      meters.lambda.invocations[name] = (meters.lambda.invocations[name] ?? 0) + 1;
      meters.lambda.total += 1;
      meters.lambda.milliseconds += performance.now() - started;
    }
  };
}
