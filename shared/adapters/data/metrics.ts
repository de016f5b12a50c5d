import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, getItems, transact, type TransactItem } from './db';
import { metricsEventKey, metricsKey } from './keys';

// Counters per scope (a locality, or `partnership`) and period (a quarter id such as `2026-27-Q4`),
// maintained as cases move, so a report reads a handful of items whatever the size of past years.
// Each counter is a top-level number attribute named by the metric (`referrals.source.partner`).
// Increments are exactly-once: either inside the case transaction that causes them (guarded by the
// case version), or with an event id whose guard item makes a retry a no-op.

export type Increments = Record<string, number>;

const METRIC_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

function checkIncrements(increments: Increments): [string, number][] {
  const entries = Object.entries(increments).filter(([, delta]) => delta !== 0);
  for (const [name, delta] of entries) {
    if (!METRIC_NAME.test(name)) throw new RangeError(`Bad metric name: ${JSON.stringify(name)}`);
    if (!Number.isFinite(delta)) throw new RangeError(`Metric ${name}: not a number`);
  }
  if (entries.length > 50) throw new RangeError('At most 50 metrics per increment');
  return entries;
}

/** The counter update as a transaction item; null when there is nothing to add. */
export function metricsUpdate(
  db: Db,
  scope: string,
  period: string,
  increments: Increments,
): TransactItem | null {
  const entries = checkIncrements(increments);
  if (entries.length === 0) return null;
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':type': 'metrics', ':scope': scope, ':period': period };
  const adds = entries.map(([name, delta], index) => {
    names[`#m${index}`] = name;
    values[`:m${index}`] = delta;
    return `#m${index} :m${index}`;
  });
  return {
    Update: {
      TableName: db.tableName,
      Key: metricsKey(scope, period),
      UpdateExpression: `SET itemType = :type, #scope = :scope, #period = :period ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: { ...names, '#scope': 'scope', '#period': 'period' },
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * Adds to counters once per `eventId`: a second call with the same id changes nothing and returns
 * false. Several scopes (a locality and the partnership) can move together.
 */
export async function incrementMetrics(
  db: Db,
  eventId: string,
  changes: { scope: string; period: string; increments: Increments }[],
): Promise<boolean> {
  // One transaction cannot touch an item twice: fold changes to the same counters item together.
  const merged = new Map<string, { scope: string; period: string; increments: Increments }>();
  for (const change of changes) {
    const key = `${change.scope}#${change.period}`;
    const entry = merged.get(key) ?? { scope: change.scope, period: change.period, increments: {} };
    for (const [name, delta] of Object.entries(change.increments)) {
      entry.increments[name] = (entry.increments[name] ?? 0) + delta;
    }
    merged.set(key, entry);
  }
  const updates = [...merged.values()]
    .map((change) => metricsUpdate(db, change.scope, change.period, change.increments))
    .filter((item): item is TransactItem => item !== null);
  if (updates.length === 0) return true;
  let duplicate = false;
  try {
    await transact(
      db,
      [
        {
          Put: {
            TableName: db.tableName,
            Item: { ...metricsEventKey(eventId), itemType: 'guard' },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...updates,
      ],
      (failed) => {
        if (failed.includes(0)) duplicate = true;
        return undefined;
      },
    );
  } catch (error) {
    if (duplicate) return false;
    throw error;
  }
  return true;
}

const RESERVED = new Set(['pk', 'sk', 'itemType', 'scope', 'period']);

function countersOf(item: Record<string, unknown> | undefined): Record<string, number> {
  const counters: Record<string, number> = {};
  for (const [name, value] of Object.entries(item ?? {})) {
    if (!RESERVED.has(name) && typeof value === 'number') counters[name] = value;
  }
  return counters;
}

export async function getMetrics(db: Db, scope: string, period: string): Promise<Record<string, number>> {
  const result = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: metricsKey(scope, period), ConsistentRead: true }),
  );
  return countersOf(result.Item);
}

/** Counters for several (scope, period) pairs in one round trip, e.g. the four quarters of a year. */
export async function getMetricsBatch(
  db: Db,
  keys: { scope: string; period: string }[],
): Promise<Map<string, Record<string, number>>> {
  const found = new Map<string, Record<string, number>>();
  for (const key of keys) found.set(`${key.scope}#${key.period}`, {});
  const items = await getItems<Record<string, unknown>>(
    db,
    keys.map((key) => metricsKey(key.scope, key.period)),
    { consistent: true },
  );
  for (const item of items) found.set(`${item.scope}#${item.period}`, countersOf(item));
  return found;
}

/**
 * Keeps a period's stock figures in its counters item, the first snapshot winning, and returns
 * the figures in force: a re-run reports the same position as the first run.
 */
export async function keepFirstStocks(
  db: Db,
  scope: string,
  period: string,
  stocks: Record<string, number>,
): Promise<Record<string, number>> {
  const names: Record<string, string> = { '#scope': 'scope', '#period': 'period', '#type': 'itemType' };
  const values: Record<string, unknown> = { ':type': 'metrics', ':scope': scope, ':period': period };
  const sets = ['#type = :type', '#scope = :scope', '#period = :period'];
  Object.entries(stocks).forEach(([name, value], index) => {
    names[`#s${index}`] = name;
    values[`:s${index}`] = value;
    sets.push(`#s${index} = if_not_exists(#s${index}, :s${index})`);
  });
  const result = await db.client.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: metricsKey(scope, period),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ReturnValues: 'ALL_NEW',
    }),
  );
  const kept: Record<string, number> = {};
  for (const name of Object.keys(stocks)) kept[name] = Number(result.Attributes?.[name]);
  return kept;
}
