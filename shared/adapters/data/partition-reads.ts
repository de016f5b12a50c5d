import { ExecuteStatementCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db';

// Consistent reads of whole partitions (or of one sort-key prefix in them) by partition key, such as
// the family-match index's keys and the claim watches' child keys. Every read asked for in the same
// turn of the event loop on the same client and table goes out as one PartiQL SELECT with the keys in
// an IN (a chunk per 50 keys): a referral's matching and its claim-watch lookup, started together,
// cost one request instead of two (or of one Query per key). DynamoDB runs an IN on the partition key
// as a Query per key, never a Scan. An answer that needs a second page (AWS pages an IN's results;
// a refuge's address may hold hundreds of records) is read again by one Query per key, which pages by
// the megabyte, so the worst case is one request more than Queries alone.

/** DynamoDB's PartiQL takes at most 50 partition key values in an IN. */
const KEYS_PER_STATEMENT = 50;

/** What the statement returns of each item: what the index's and the watches' readers use. */
const ATTRIBUTES = ['pk', 'sk', 'caseId', 'locality', 'endedAt', 'watchUntil'];

type Item = Record<string, unknown>;

interface Wanted {
  pk: string;
  skPrefix: string;
  resolve: (items: Item[]) => void;
  reject: (error: unknown) => void;
}

const waiting = new WeakMap<Db['client'], Map<string, Wanted[]>>();

/**
 * The items of partition `pk` whose sort key starts with `skPrefix` ('' for all), read consistently,
 * projected to ATTRIBUTES; sent with every other such read asked for in the same turn.
 */
export function readPartition(db: Db, pk: string, skPrefix = ''): Promise<Item[]> {
  return new Promise((resolve, reject) => {
    let byTable = waiting.get(db.client);
    if (!byTable) {
      byTable = new Map();
      waiting.set(db.client, byTable);
    }
    let batch = byTable.get(db.tableName);
    if (!batch) {
      const started: Wanted[] = [];
      batch = started;
      byTable.set(db.tableName, started);
      queueMicrotask(() => {
        byTable.delete(db.tableName);
        void send(db, started);
      });
    }
    batch.push({ pk, skPrefix, resolve, reject });
  });
}

async function send(db: Db, batch: Wanted[]): Promise<void> {
  const keys = [...new Set(batch.map((wanted) => wanted.pk))];
  const chunks: string[][] = [];
  for (let start = 0; start < keys.length; start += KEYS_PER_STATEMENT) {
    chunks.push(keys.slice(start, start + KEYS_PER_STATEMENT));
  }
  await Promise.all(
    chunks.map(async (chunk) => {
      const inChunk = new Set(chunk);
      const mine = batch.filter((wanted) => inChunk.has(wanted.pk));
      try {
        const byPartition = await statement(db, chunk);
        // In pages: every partition's Query at once, as the Queries were sent before the statement.
        const answers = await Promise.all(
          mine.map(async (wanted) =>
            byPartition
              ? (byPartition.get(wanted.pk) ?? []).filter((item) =>
                  String(item.sk).startsWith(wanted.skPrefix),
                )
              : queryPartition(db, wanted.pk, wanted.skPrefix),
          ),
        );
        for (const [index, wanted] of mine.entries()) wanted.resolve(answers[index]!);
      } catch (error) {
        for (const wanted of mine) wanted.reject(error);
      }
    }),
  );
}

/** The chunk's items by partition in one statement, or undefined when the answer comes in pages. */
async function statement(db: Db, partitions: readonly string[]): Promise<Map<string, Item[]> | undefined> {
  const page = await db.client.send(
    new ExecuteStatementCommand({
      Statement: `SELECT ${ATTRIBUTES.map((name) => `"${name}"`).join(', ')} FROM "${db.tableName}" WHERE pk IN [${partitions.map(() => '?').join(', ')}]`,
      Parameters: [...partitions],
      ConsistentRead: true,
    }),
  );
  if (page.NextToken) return undefined;
  const byPartition = new Map<string, Item[]>();
  for (const item of page.Items ?? []) {
    const pk = String(item.pk);
    byPartition.set(pk, [...(byPartition.get(pk) ?? []), item]);
  }
  return byPartition;
}

/** One partition (or the prefix of one) by Query, following pages to the end. */
async function queryPartition(db: Db, pk: string, skPrefix: string): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: skPrefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk, ...(skPrefix ? { ':prefix': skPrefix } : {}) },
        ProjectionExpression: ATTRIBUTES.map((_, index) => `#a${index}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(ATTRIBUTES.map((name, index) => [`#a${index}`, name])),
        ConsistentRead: true,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    items.push(...((result.Items ?? []) as Item[]));
    startKey = result.LastEvaluatedKey;
  } while (startKey);
  return items;
}
