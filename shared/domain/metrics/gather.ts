import { daysBetween, endOfLondonDay, londonDate, type Quarter } from '../../core/calendar';
import type { Db } from '../../adapters/data/db';
import * as cases from '../../adapters/data/cases';
import { getMetricsBatch, keepFirstStocks } from '../../adapters/data/metrics';
import { capacityByLocality } from '../../adapters/data/workers';
import { type Counters, reportWindow, type ScopeInputs } from './compute';
import { STOCKS } from './definitions';
import type { ImprovementThresholds } from './thresholds';
import type { CaseStatus } from '../../core/vocabulary/cases';

// The reads behind one locality's report, all by key: the counters of a fixed window of quarters
// (one BatchGet), the cases *currently* waiting or being supported (the index partitions of those
// statuses, which hold open cases only) and the locality's key workers. None of them grows with
// past years: closed cases live in other partitions and older quarters are never read.

/** Open cases counted as families being supported: consent given, not yet closed. */
const SUPPORTED: readonly CaseStatus[] = ['ASSESSMENT', 'SUPPORT'];

/** The stock figures of a locality now: as at the quarter end when computed just after it. */
export async function currentStocks(db: Db, locality: string, quarter: Quarter): Promise<Counters> {
  const quarterEnd = endOfLondonDay(quarter.end).toISOString();
  // gsi1sk is `<time the case entered the status>#<id>`: a case that joined after the quarter end is not counted.
  const waiting = (await cases.statusSinceTimes(db, locality, 'WAITING_LIST'))
    .filter((since) => since < quarterEnd)
    .sort();
  let families = 0;
  let individuals = 0;
  for (const status of SUPPORTED) {
    const sizes = await cases.familySizes(db, locality, status);
    families += sizes.length;
    for (const size of sizes) individuals += size;
  }
  return {
    [STOCKS.familiesOpen]: families,
    [STOCKS.individualsOpen]: individuals,
    [STOCKS.waitingListLength]: waiting.length,
    [STOCKS.waitingListLongestDays]:
      waiting.length > 0 ? Math.max(0, daysBetween(londonDate(waiting[0]!), quarter.end)) : 0,
  };
}

/** Everything one locality's report is computed from. */
export async function gatherLocality(
  db: Db,
  locality: string,
  quarter: Quarter,
  thresholds: ImprovementThresholds,
): Promise<ScopeInputs> {
  const stocks = await keepFirstStocks(db, locality, quarter.id, await currentStocks(db, locality, quarter));
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
