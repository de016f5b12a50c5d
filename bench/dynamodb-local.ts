import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DEFAULT_JVM_ARGS, startDynamoDbLocal } from '../local/dynamodb';
import { table, writeResult } from './results-file';

// DynamoDB Local's JVM flags, side by side in one run: the launcher's defaults (C1 only, serial
// collector) against the JVM's own (C2 after C1, the G1 collector), started alternately, each
// measured for its start-up (wall time to the first answer, and the CPU Java used by then) and for a
// burst of conditional PutItem + consistent GetItem pairs from 16 concurrent callers (requests per
// second, and Java's CPU for the burst). BENCH_DDB_REQUESTS sets the burst (default 8,000 requests),
// BENCH_DDB_ROUNDS the alternations (default 3); medians are reported.

const REQUESTS = Number(process.env.BENCH_DDB_REQUESTS ?? 8_000);
const ROUNDS = Number(process.env.BENCH_DDB_ROUNDS ?? 3);
const CALLERS = 16;
const TABLE = 'bench-flags';
const CLOCK_TICKS = 100;

const VARIANTS = {
  defaults: { description: `the launcher's defaults (${DEFAULT_JVM_ARGS.join(' ')})`, jvmArgs: [] },
  jvm: {
    description: "the JVM's own (C2, G1)",
    jvmArgs: ['-XX:TieredStopAtLevel=4', '-XX:-UseSerialGC', '-XX:+UseG1GC'],
  },
} as const;

type Variant = keyof typeof VARIANTS;

interface Sample {
  readyMs: number;
  readyCpuSeconds: number;
  requestsPerSecond: number;
  burstCpuSeconds: number;
}

/** A process's user + system CPU seconds so far, from /proc. */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

async function sample(variant: Variant): Promise<Sample> {
  const started = performance.now();
  const dynamodb = await startDynamoDbLocal({ jvmArgs: [...VARIANTS[variant].jvmArgs] });
  const readyMs = performance.now() - started;
  const pid = dynamodb.process.pid!;
  const client = new DynamoDBClient({
    endpoint: dynamodb.endpoint,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  try {
    await client.send(
      new CreateTableCommand({
        TableName: TABLE,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    const readyCpuSeconds = cpuSecondsOf(pid);
    let next = 0;
    const burstStarted = performance.now();
    await Promise.all(
      Array.from({ length: CALLERS }, async () => {
        while (next < REQUESTS / 2) {
          const pk = `item-${next++}`;
          await client.send(
            new PutItemCommand({
              TableName: TABLE,
              Item: { pk: { S: pk }, body: { S: 'x'.repeat(200) } },
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          );
          await client.send(
            new GetItemCommand({ TableName: TABLE, Key: { pk: { S: pk } }, ConsistentRead: true }),
          );
        }
      }),
    );
    const burstSeconds = (performance.now() - burstStarted) / 1000;
    return {
      readyMs: Math.round(readyMs),
      readyCpuSeconds,
      requestsPerSecond: Math.round(REQUESTS / burstSeconds),
      burstCpuSeconds: Math.round((cpuSecondsOf(pid) - readyCpuSeconds) * 100) / 100,
    };
  } finally {
    client.destroy();
    await dynamodb.stop();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export async function run() {
  const samples: Record<Variant, Sample[]> = { defaults: [], jvm: [] };
  for (let round = 0; round < ROUNDS; round += 1) {
    // Alternated, so a change in the machine's load falls on both.
    for (const variant of Object.keys(VARIANTS) as Variant[]) samples[variant].push(await sample(variant));
  }
  const medians = Object.fromEntries(
    (Object.keys(VARIANTS) as Variant[]).map((variant) => [
      variant,
      {
        flags: VARIANTS[variant].description,
        readyMs: median(samples[variant].map((s) => s.readyMs)),
        readyCpuSeconds: median(samples[variant].map((s) => s.readyCpuSeconds)),
        requestsPerSecond: median(samples[variant].map((s) => s.requestsPerSecond)),
        burstCpuSeconds: median(samples[variant].map((s) => s.burstCpuSeconds)),
      },
    ]),
  ) as Record<Variant, { flags: string } & Sample>;
  const summary = {
    readyCpuRatio: Math.round((medians.defaults.readyCpuSeconds / medians.jvm.readyCpuSeconds) * 100) / 100,
    burstCpuRatio: Math.round((medians.defaults.burstCpuSeconds / medians.jvm.burstCpuSeconds) * 100) / 100,
    rateRatio: Math.round((medians.defaults.requestsPerSecond / medians.jvm.requestsPerSecond) * 100) / 100,
  };
  console.log(
    table(
      ['JVM flags', 'ready ms', 'CPU to ready s', 'requests/s', 'CPU for the burst s'],
      (Object.keys(VARIANTS) as Variant[]).map((variant) => [
        medians[variant].flags,
        medians[variant].readyMs,
        medians[variant].readyCpuSeconds,
        medians[variant].requestsPerSecond,
        medians[variant].burstCpuSeconds,
      ]),
    ),
  );
  const result = {
    benchmark: 'dynamodb-local',
    requests: REQUESTS,
    rounds: ROUNDS,
    medians,
    summary,
    samples,
  };
  console.log(`written ${writeResult('dynamodb-local', result)}`);
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await run();
}
