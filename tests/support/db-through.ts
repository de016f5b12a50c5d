import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../shared/adapters/data/db';

/**
 * The same table with every command the domain sends passed to `send` first: to count a step's
 * requests, look at what it writes, or let another writer in just before one lands.
 */
export function dbThrough(db: Db, send: (command: never) => Promise<unknown>): Db {
  return { tableName: db.tableName, client: { send } as unknown as DynamoDBDocumentClient };
}
