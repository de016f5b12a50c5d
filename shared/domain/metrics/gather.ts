import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { daysBetween, endOfLondonDay, londonDate, type Quarter } from '../../core/calendar';
import type { Db } from '../../adapters/data/db';
import { casesByLocalityStatus, metricsKey } from '../../adapters/data/keys';
import { getMetricsBatch } from '../../adapters/data/metrics';
import { capacityByLocality } from '../../adapters/data/workers';
import type { CaseStatus } from '../../core/schemas/case';
import { type Counters, reportWindow, type ScopeInputs } from './compute';
import { STOCKS } from './definitions';
import type { ImprovementThresholds } from './thresholds';

// The reads behind one locality's report, all by key: the counters of a fixed window of quarters
// (one BatchGet), the cases *currently* waiting or being supported (the index partitions of those
// statuses, which hold open cases only) and the locality's key workers. None of them grows with
// past years: closed cases live in other partitions and older quarters are never read.

/** Open cases counted as families being supported: consent given, not yet closed. */
const SUPPORTED: readonly CaseStatus[] = ['ASSESSMENT', 'SUPPORT'];

async function queryAll(
  db: Db,
  partition: string,
  projection: string,
  names: Record<string, string>,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const result = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': partition },
        ProjectionExpression: projection,
        ExpressionAttributeNames: names,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(result.Items ?? []));
    start = result.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The stock figures of a locality now: as at the quarter end when computed just after it. */
export async function currentStocks(db: Db, locality: string, quarter: Quarter): Promise<Counters> {
  const quarterEnd = endOfLondonDay(quarter.end).toISOString();
  // gsi1sk is `<time the case entered the status>#<id>`: a case that joined after the quarter end is not counted.
  const waiting = (
    await queryAll(db, casesByLocalityStatus(locality, 'WAITING_LIST'), '#sk', { '#sk': 'gsi1sk' })
  )
    .map((item) => String(item.gsi1sk).split('#')[0]!)
    .filter((since) => since < quarterEnd)
    .sort();
  let families = 0;
  let individuals = 0;
  for (const status of SUPPORTED) {
    const items = await queryAll(db, casesByLocalityStatus(locality, status), '#r.#f.#m', {
      '#r': 'referral',
      '#f': 'family',
      '#m': 'members',
    });
    families += items.length;
    for (const item of items) {
      const members = (item.referral as { family?: { members?: unknown[] } } | undefined)?.family?.members;
      individuals += members?.length ?? 0;
    }
  }
  return {
    [STOCKS.familiesOpen]: families,
    [STOCKS.individualsOpen]: individuals,
    [STOCKS.waitingListLength]: waiting.length,
    [STOCKS.waitingListLongestDays]:
      waiting.length > 0 ? Math.max(0, daysBetween(londonDate(waiting[0]!), quarter.end)) : 0,
  };
}

/**
 * Keeps the quarter's stock figures in its counters item, the first snapshot winning, and returns
 * the figures in force: a re-run reports the same position as the first run.
 */
export async function keepStocks(
  db: Db,
  locality: string,
  quarter: Quarter,
  stocks: Counters,
): Promise<Counters> {
  const names: Record<string, string> = { '#scope': 'scope', '#period': 'period', '#type': 'itemType' };
  const values: Record<string, unknown> = { ':type': 'metrics', ':scope': locality, ':period': quarter.id };
  const sets = ['#type = :type', '#scope = :scope', '#period = :period'];
  Object.entries(stocks).forEach(([name, value], index) => {
    names[`#s${index}`] = name;
    values[`:s${index}`] = value;
    sets.push(`#s${index} = if_not_exists(#s${index}, :s${index})`);
  });
  const result = await db.client.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: metricsKey(locality, quarter.id),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ReturnValues: 'ALL_NEW',
    }),
  );
  const kept: Counters = {};
  for (const name of Object.keys(stocks)) kept[name] = Number(result.Attributes?.[name]);
  return kept;
}

/** Everything one locality's report is computed from. */
export async function gatherLocality(
  db: Db,
  locality: string,
  quarter: Quarter,
  thresholds: ImprovementThresholds,
): Promise<ScopeInputs> {
  const stocks = await keepStocks(db, locality, quarter, await currentStocks(db, locality, quarter));
  const window = reportWindow(quarter, thresholds);
  const found = await getMetricsBatch(
    db,
    window.map((q) => ({ scope: locality, period: q.id })),
  );
  const counters: Record<string, Counters> = {};
  for (const q of window) {
    const item = found.get(`${locality}#${q.id}`) ?? {};
    if (Object.keys(item).length > 0) counters[q.id] = item;
  }
  counters[quarter.id] = { ...counters[quarter.id], ...stocks };
  const workers = (await capacityByLocality(db, locality)).map((worker) => ({
    workerId: worker.workerId,
    openCases: worker.openCases,
    loadUnits: worker.load,
    capacityUnits: worker.capacity,
  }));
  return { scope: locality, quarter, counters, workers };
}
