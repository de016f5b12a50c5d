import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandInput,
  type BatchGetCommandOutput,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../aws/clients';
import { requiredEnv } from '../../core/environment';

// What every repository function takes first: the document client and the table. Handlers use
// `defaultDb()` (TABLE_NAME and the shared client); tests pass their own.

export interface Db {
  client: DynamoDBDocumentClient;
  tableName: string;
}

export function defaultDb(): Db {
  return { client: dynamo(), tableName: requiredEnv('TABLE_NAME') };
}

/** Attributes that belong to the table, not to the record. */
export const KEY_ATTRIBUTES = [
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  'gsi4pk',
  'gsi4sk',
  'itemType',
  'expiresAt',
];

export function stripKeys<T>(item: Record<string, unknown>): T {
  const record = { ...item };
  for (const key of KEY_ATTRIBUTES) delete record[key];
  return record as T;
}

/** One record by its key, read consistently (a record just written must be seen). */
export async function getItem<T>(db: Db, key: Record<string, string>): Promise<T | undefined> {
  const result = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: true }),
  );
  return result.Item ? stripKeys<T>(result.Item) : undefined;
}

/**
 * Records by their keys, a hundred a request (BatchGetItem's limit), following unprocessed keys until
 * none are left. In no particular order; keys with no record are left out.
 */
export async function getItems<T>(
  db: Db,
  keys: Record<string, string>[],
  options: { consistent?: boolean } = {},
): Promise<T[]> {
  const found: T[] = [];
  for (let start = 0; start < keys.length; start += 100) {
    let request: BatchGetCommandInput['RequestItems'] = {
      [db.tableName]: { Keys: keys.slice(start, start + 100), ConsistentRead: options.consistent ?? false },
    };
    while (request && Object.keys(request).length > 0) {
      const answer: BatchGetCommandOutput = await db.client.send(
        new BatchGetCommand({ RequestItems: request }),
      );
      for (const item of answer.Responses?.[db.tableName] ?? []) found.push(stripKeys<T>(item));
      request = answer.UnprocessedKeys;
    }
  }
  return found;
}

/**
 * Every item of a partition whose sort key starts with `prefix`, following pages to the end, keys
 * stripped, read consistently: for the small collections kept in a record's own partition (a case's
 * record entries, views, match decisions).
 */
export async function queryAllUnder<T>(db: Db, partition: string, prefix: string): Promise<T[]> {
  const items: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': partition, ':prefix': prefix },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) items.push(stripKeys<T>(item));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The record a unique secondary-index entry (partition and sort value) points at, if any. */
export async function getByIndex<T>(
  db: Db,
  index: 'gsi1' | 'gsi2' | 'gsi3',
  pk: string,
  sk: string,
): Promise<T | undefined> {
  const result = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: index,
      KeyConditionExpression: `${index}pk = :pk AND ${index}sk = :sk`,
      ExpressionAttributeValues: { ':pk': pk, ':sk': sk },
      Limit: 1,
    }),
  );
  const item = result.Items?.[0];
  return item ? stripKeys<T>(item) : undefined;
}

export class NotFoundError extends Error {
  constructor(readonly what: string) {
    super(`${what} not found`);
    this.name = 'NotFoundError';
  }
}

/** A conditional write lost: the record changed since it was read, or is not in the state expected. */
export class ConflictError extends Error {
  constructor(
    message: string,
    readonly reason: string = 'conflict',
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

export class AlreadyExistsError extends ConflictError {
  constructor(
    what: string,
    /** The id of the record that already holds the key, when known. */
    readonly existingId?: string,
    /** When the holder's step told its owner (a task's unique-key guard), if it did. */
    readonly notifiedAt?: string,
  ) {
    super(`${what} already exists`, 'already-exists');
    this.name = 'AlreadyExistsError';
  }
}

export type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

/**
 * Runs a write transaction. When it is cancelled, `explain` gets the index of each item whose
 * condition failed and decides which error to throw (the default is a ConflictError).
 */
export async function transact(
  db: Db,
  items: TransactItem[],
  explain?: (failedIndexes: number[]) => Error | undefined,
  clientRequestToken?: string,
): Promise<void> {
  try {
    await db.client.send(
      new TransactWriteCommand({
        TransactItems: items,
        ...(clientRequestToken ? { ClientRequestToken: clientRequestToken } : {}),
      }),
    );
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const failed = (error.CancellationReasons ?? [])
        .map((reason, index) => (reason.Code === 'ConditionalCheckFailed' ? index : -1))
        .filter((index) => index >= 0);
      if (failed.length > 0) {
        throw (
          explain?.(failed) ?? new ConflictError(`transaction condition failed on item ${failed.join(', ')}`)
        );
      }
      const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code).join(', ');
      if (codes.includes('TransactionConflict'))
        throw new ConflictError('transaction conflict, retry', 'transaction-conflict');
    }
    throw error;
  }
}

export function isConditionalCheckFailed(error: unknown): boolean {
  return (error as { name?: string } | undefined)?.name === 'ConditionalCheckFailedException';
}

const BATCH_WRITE_SIZE = 25;

/**
 * Puts and deletes that need no condition (each safe to repeat), 25 at a time; what DynamoDB hands
 * back under load is sent again with back-off.
 */
export async function batchWrite(
  db: Db,
  requests: readonly (
    | { PutRequest: { Item: Record<string, unknown> } }
    | { DeleteRequest: { Key: Record<string, unknown> } }
  )[],
): Promise<void> {
  for (let offset = 0; offset < requests.length; offset += BATCH_WRITE_SIZE) {
    let pending = requests.slice(offset, offset + BATCH_WRITE_SIZE);
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt === 8) throw new Error('DynamoDB kept returning unprocessed writes');
      const result = await db.client.send(
        new BatchWriteCommand({ RequestItems: { [db.tableName]: [...pending] } }),
      );
      pending = (result.UnprocessedItems?.[db.tableName] ?? []) as typeof pending;
      if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    }
  }
}
