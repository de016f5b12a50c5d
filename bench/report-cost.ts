import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { startDynamoDbLocal } from '../local/dynamodb';
import { createDocumentClient } from '../shared/adapters/aws/clients';
import { parseQuarterId, previousQuarter, type Quarter } from '../shared/core/calendar';
import { createTables } from '../shared/adapters/data/create-tables';
import type { Db } from '../shared/adapters/data/db';
import { casesByLocalityStatus, caseKey, metricsKey } from '../shared/adapters/data/keys';
import { getLatestReport, putReportVersion } from '../shared/adapters/data/reports';
import { createWorker } from '../shared/adapters/data/workers';
import { computeReport } from '../shared/domain/metrics/compute';
import { gatherLocality } from '../shared/domain/metrics/gather';
import { loadThresholds } from '../shared/domain/metrics/thresholds';

// What one quarter's report reads, in DynamoDB read capacity units (ReturnConsumedCapacity), with two
// years of history (1x) and with twenty (10x), side by side: the rule is that a report's cost must
// not grow with past years. History is what each year leaves behind in the table: closed and ended
// cases (each in its own index partition, with its audit events) and every quarter's counters. The open
// work (waiting list, families supported) and the key workers are the same in both tables, as they
// would be for a locality of the same size today. Two reads are measured: computing the draft
// (`gatherLocality`, the cycle's reads) and answering `GET /v1/reports/{locality}/{quarter}`
// (`getLatestReport`). Written to bench/results/report-cost.json.

const here = dirname(fileURLToPath(import.meta.url));
const LOCALITY = 'charnwood';
const REPORT_QUARTER = parseQuarterId('2030-31-Q2');
// Two years, so that 1x already holds every quarter of the report's window (six quarters): any
// difference between the columns is then growth with history, not a window only partly filled.
const BASE_YEARS = 2;
const ENDED_CASES_PER_YEAR = 400;
const AUDIT_EVENTS_PER_CASE = 6;
const OPEN = { waiting: 12, assessment: 20, support: 60, workers: 16 };
const NOW = '2030-10-01T00:30:00.000Z';
const READS = new Set(['GetItemCommand', 'BatchGetItemCommand', 'QueryCommand', 'ScanCommand']);

interface Consumed {
  read: number;
  write: number;
  requests: number;
}

/** Adds up the capacity DynamoDB reports for every request of this client, reads and writes apart. */
function capacityCounter(raw: DynamoDBClient) {
  let consumed: Consumed = { read: 0, write: 0, requests: 0 };
  raw.middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const reported = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
      let units = 0;
      for (const entry of Array.isArray(reported) ? reported : reported ? [reported] : []) {
        units += (entry as { CapacityUnits?: number }).CapacityUnits ?? 0;
      }
      if (READS.has(context.commandName ?? '')) consumed.read += units;
      else consumed.write += units;
      consumed.requests += 1;
      return result;
    },
    { step: 'initialize', name: 'countConsumedCapacity' },
  );
  return {
    reset: () => {
      consumed = { read: 0, write: 0, requests: 0 };
    },
    take: () => consumed,
  };
}

async function batchPut(db: Db, items: Record<string, unknown>[]) {
  for (let start = 0; start < items.length; start += 25) {
    await db.client.send(
      new BatchWriteCommand({
        RequestItems: {
          [db.tableName]: items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })),
        },
      }),
    );
  }
}

/** A case item of about the size the journey leaves (referral, assessment, reviews: ~3 KB). */
function caseItem(id: string, status: string, since: string, members: number) {
  return {
    ...caseKey(id),
    itemType: 'case',
    id,
    status,
    gsi1pk: casesByLocalityStatus(LOCALITY, status),
    gsi1sk: `${since}#${id}`,
    referral: { family: { members: Array.from({ length: members }, (_, index) => ({ index })) } },
    padding: 'x'.repeat(3000),
  };
}

async function seedHistory(db: Db, years: number) {
  // Every quarter's counters, as the journey leaves them: one item per quarter, about 60 attributes.
  let quarter: Quarter = REPORT_QUARTER;
  const counters: Record<string, unknown>[] = [];
  for (let index = 0; index < years * 4; index += 1) {
    const values: Record<string, number> = {};
    for (let n = 0; n < 60; n += 1) values[`bench.counter.${n}`] = 10 + n;
    counters.push({
      ...metricsKey(LOCALITY, quarter.id),
      itemType: 'metrics',
      scope: LOCALITY,
      period: quarter.id,
      ...values,
    });
    quarter = previousQuarter(quarter);
  }
  await batchPut(db, counters);
  // Ended cases spread over the final statuses, each with its audit events in its own partition.
  const ends = ['CLOSED', 'CLOSED', 'CLOSED', 'NFA', 'REDIRECTED', 'STEPPED_UP', 'WITHDRAWN'];
  const ended: Record<string, unknown>[] = [];
  for (let index = 0; index < years * ENDED_CASES_PER_YEAR; index += 1) {
    const id = `history-${years}-${index}`;
    ended.push(caseItem(id, ends[index % ends.length]!, '2025-01-01T00:00:00.000Z', 4));
    for (let event = 0; event < AUDIT_EVENTS_PER_CASE; event += 1) {
      ended.push({
        pk: `CASE#${id}`,
        sk: `AUDIT#2025-01-0${event + 1}T00:00:00.000Z#${event}`,
        itemType: 'audit',
      });
    }
  }
  await batchPut(db, ended);
}

async function seedOpenWork(db: Db) {
  const open: Record<string, unknown>[] = [];
  for (let index = 0; index < OPEN.waiting; index += 1) {
    open.push(
      caseItem(
        `waiting-${index}`,
        'WAITING_LIST',
        `2030-09-${String(10 + index).padStart(2, '0')}T09:00:00.000Z`,
        4,
      ),
    );
  }
  for (let index = 0; index < OPEN.assessment; index += 1) {
    open.push(caseItem(`assessing-${index}`, 'ASSESSMENT', '2030-08-01T09:00:00.000Z', 4));
  }
  for (let index = 0; index < OPEN.support; index += 1) {
    open.push(caseItem(`supported-${index}`, 'SUPPORT', '2030-05-01T09:00:00.000Z', 4));
  }
  await batchPut(db, open);
  for (let index = 0; index < OPEN.workers; index += 1) {
    await createWorker(
      db,
      {
        id: `bench-worker-${index}`,
        name: `Worker ${index}`,
        email: `worker${index}@example.org`,
        role: 'family-support-worker',
        area: LOCALITY,
        active: true,
        capacity: 30,
      },
      NOW,
    );
  }
}

interface Measured {
  draft: Consumed;
  api: Consumed;
  tableItems: number;
}

async function measure(endpoint: string, years: number): Promise<Measured> {
  const raw = new DynamoDBClient({
    region: 'eu-west-2',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const tableName = `bench-report-${years}y`;
    await createTables(raw, tableName, `${tableName}-idem`);
    const db: Db = { client: createDocumentClient(raw), tableName };
    await seedHistory(db, years);
    await seedOpenWork(db);
    const thresholds = loadThresholds();
    const counter = capacityCounter(raw);

    counter.reset();
    const inputs = await gatherLocality(db, LOCALITY, REPORT_QUARTER, thresholds);
    const draft = counter.take();

    const computed = computeReport(inputs, thresholds);
    await putReportVersion(db, {
      kind: 'quarterly',
      scope: LOCALITY,
      period: REPORT_QUARTER.id,
      version: 1,
      status: 'draft',
      metrics: computed.metrics,
      flags: computed.flags,
      createdAt: NOW,
    });
    counter.reset();
    const stored = await getLatestReport(db, LOCALITY, REPORT_QUARTER.id);
    const api = counter.take();
    if (!stored) throw new Error('bench: the stored report was not found');

    const tableItems =
      years * 4 +
      years * ENDED_CASES_PER_YEAR * (1 + AUDIT_EVENTS_PER_CASE) +
      OPEN.waiting +
      OPEN.assessment +
      OPEN.support;
    return { draft, api, tableItems };
  } finally {
    raw.destroy();
  }
}

export async function run() {
  const dynamodb = await startDynamoDbLocal({ heapMb: 512 });
  try {
    const one = await measure(dynamodb.endpoint, BASE_YEARS);
    const ten = await measure(dynamodb.endpoint, BASE_YEARS * 10);
    console.table([
      {
        history: `1x (${BASE_YEARS} years)`,
        items: one.tableItems,
        draftReadUnits: one.draft.read,
        draftRequests: one.draft.requests,
        apiReadUnits: one.api.read,
      },
      {
        history: `10x (${BASE_YEARS * 10} years)`,
        items: ten.tableItems,
        draftReadUnits: ten.draft.read,
        draftRequests: ten.draft.requests,
        apiReadUnits: ten.api.read,
      },
    ]);
    const result = {
      benchmark: 'report-cost',
      unit: 'DynamoDB read capacity units consumed (ReturnConsumedCapacity TOTAL)',
      locality: LOCALITY,
      quarter: REPORT_QUARTER.id,
      historyYears: { '1x': BASE_YEARS, '10x': BASE_YEARS * 10 },
      endedCasesPerYear: ENDED_CASES_PER_YEAR,
      openWork: OPEN,
      '1x': one,
      '10x': ten,
      growth: {
        draftRead: ten.draft.read / one.draft.read,
        apiRead: ten.api.read / one.api.read,
      },
      at: new Date().toISOString(),
    };
    console.log(
      `report-cost: draft reads ${one.draft.read} RCU (1x) vs ${ten.draft.read} RCU (10x); API read ${one.api.read} vs ${ten.api.read} RCU`,
    );
    mkdirSync(join(here, 'results'), { recursive: true });
    writeFileSync(join(here, 'results', 'report-cost.json'), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    await dynamodb.stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await run();
}
