import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import autocannon from 'autocannon';
import { ulid } from 'ulid';
import { seedDemoData } from '../local/api/demo-data';
import { startApiServer } from '../local/api/server';
import { dynamoRaw } from '../shared/adapters/aws/clients';
import { bearerToken, verifyPartnerToken } from '../shared/adapters/identity/tokens';
import { newMeters } from '../local/simulate/meters';
import { generateFamilies, referralOf } from '../local/simulate/population';
import { startSimulationRuntime } from '../local/simulate/runtime';
import { table, writeResult } from './results-file';

// Partner `POST /v1/referrals` under autocannon at fixed rates on loopback: the local API server with
// the real handler, DynamoDB Local in memory and the engine starting each referral's journey, all in
// this process. Beside it, in the same run and on the same server and DynamoDB Local, the floor: an
// authenticated route (the same partner token, verified the same way) whose handler makes one
// conditional PutItem. The goal is read as referral p99 / floor p99 at each rate.
// BENCH_API_REQUESTS requests (default 300) per route at each of BENCH_API_RATES per second
// (default "20,100"), after an unmeasured warm-up of each route. Written to
// bench/results/partner-api.json, with the DynamoDB requests the
// process made per referral by operation (the handler's and its journey's first steps').

const REQUESTS = Number(process.env.BENCH_API_REQUESTS ?? 300);
const RATES = (process.env.BENCH_API_RATES ?? process.env.BENCH_API_RATE ?? '20,100')
  .split(',')
  .map(Number)
  .filter((rate) => rate > 0);
const FLOOR_PATH = '/_bench/floor';
/** Unmeasured requests per route first, at WARMUP_RATE per second (BENCH_API_WARMUP, default 40). */
const WARMUP = Number(process.env.BENCH_API_WARMUP ?? 40);
const WARMUP_RATE = 20;

interface Figures {
  route: string;
  requests: number;
  ratePerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
  /** This process's CPU (server, handlers, the journey's steps, local SES, autocannon) per request. */
  cpuMsPerRequest: number;
  /** DynamoDB Local's CPU (its JVM, on the same cores) per request, when it can be read. */
  dynamodbLocalCpuMsPerRequest?: number;
}

/** Counts each DynamoDB operation the handlers' shared client sends (the local API runs them here). */
function countDynamoDbRequests(): Map<string, number> {
  const counts = new Map<string, number>();
  dynamoRaw().middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName ?? 'unknown').replace(/Command$/, '');
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'benchCountRequests' },
  );
  return counts;
}

export async function run() {
  const runtime = await startSimulationRuntime({
    startTime: new Date().toISOString(),
    familySupportWorkers: 48,
    meters: newMeters(),
  });
  // The simulation's meter asks DynamoDB for the capacity every request consumed, work `npm start`
  // and the floor's own client never ask for; this benchmark counts requests itself (below).
  if (process.env.BENCH_API_METERED !== '1') dynamoRaw().middlewareStack.remove('simulationMeter');
  const dataDir = mkdtempSync(join(tmpdir(), 'sfw-bench-api-'));
  const { client, tableName } = runtime.db;
  // The floor: the same token check as every partner route, then one conditional put.
  const floor = async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    if (request.method !== 'POST' || request.url !== FLOOR_PATH) return false;
    const token = bearerToken(request.headers.authorization);
    const claims = token ? await verifyPartnerToken(token).catch(() => undefined) : undefined;
    if (!claims) {
      response.writeHead(401).end();
      return true;
    }
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: { pk: `BENCHFLOOR#${ulid()}`, sk: 'FLOOR', clientId: claims.clientId },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    response.writeHead(201, { 'content-type': 'application/json' }).end('{"stored":true}');
    return true;
  };
  const api = await startApiServer({ port: 0, dataDir, fallback: floor });
  try {
    const demo = await seedDemoData({
      db: runtime.db,
      userPool: api.userPool,
      dataDir,
      now: new Date().toISOString(),
    });
    const police = demo.partners.find((partner) => partner.name === 'demo-police')!;
    const tokenResponse = await fetch(`${api.url}/oauth2/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${police.clientId}:${police.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
    const families = generateFamilies({
      families: REQUESTS * RATES.length + WARMUP,
      days: 30,
      seed: 11,
      start: '2026-04-01',
    });
    let next = 0;
    let referrals = 0;

    const load = async (route: string, rate: number, amount = REQUESTS): Promise<Figures> => {
      const referral = route === 'POST /v1/referrals';
      const cpuBefore = process.cpuUsage();
      const dynamodbBefore = runtime.cpuSeconds().dynamodbLocal;
      const result = await autocannon({
        url: api.url,
        connections: 10,
        amount,
        overallRate: rate,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            path: referral ? '/v1/referrals' : FLOOR_PATH,
            setupRequest: (request): typeof request => {
              if (!referral) {
                return { ...request, headers: { authorization: `Bearer ${token}` }, body: '{}' };
              }
              const family = families[next % families.length]!;
              next += 1;
              return {
                ...request,
                headers: {
                  authorization: `Bearer ${token}`,
                  'content-type': 'application/json',
                  'idempotency-key': `bench-${process.pid}-${next}`,
                },
                body: JSON.stringify({
                  ...referralOf(family),
                  referrer: { ...(referralOf(family).referrer as object) },
                }),
              };
            },
          },
        ],
      });
      if (referral) referrals += result['2xx'];
      // Journeys started by one load must not run during the next.
      await runtime.engine.waitForIdle();
      const cpu = process.cpuUsage(cpuBefore);
      const dynamodbAfter = runtime.cpuSeconds().dynamodbLocal;
      const perRequest = (ms: number) => Math.round((ms / Math.max(result.requests.total, 1)) * 10) / 10;
      return {
        route,
        requests: result.requests.total,
        ratePerSecond: rate,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        maxMs: result.latency.max,
        ok: result['2xx'],
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        seconds: result.duration,
        cpuMsPerRequest: perRequest((cpu.user + cpu.system) / 1000),
        ...(dynamodbBefore !== undefined && dynamodbAfter !== undefined
          ? { dynamodbLocalCpuMsPerRequest: perRequest((dynamodbAfter - dynamodbBefore) * 1000) }
          : {}),
      };
    };

    // Warm-up, not measured: the handler's first import (a cold start, measured by `npm run bench --
    // handlers`) and the JIT's first compiles would otherwise land in the first rate's tail only.
    for (const route of ['POST /v1/referrals', 'floor']) await load(route, WARMUP_RATE, WARMUP);
    const counts = countDynamoDbRequests();
    referrals = 0;
    const runs: Figures[] = [];
    for (const rate of RATES) {
      runs.push(await load('POST /v1/referrals', rate));
      runs.push(await load(`floor: POST ${FLOOR_PATH} (one conditional PutItem)`, rate));
    }
    // The floor writes through the runtime's own client, which `counts` does not see: every request
    // counted belongs to the referrals and their journeys.
    const perReferral = Object.fromEntries(
      [...counts]
        .filter(([, count]) => count > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([name, count]) => [name, Math.round((count / Math.max(referrals, 1)) * 100) / 100]),
    );
    console.log(
      table(
        [
          'route',
          'rate/s',
          'requests',
          'p50 ms',
          'p99 ms',
          'max ms',
          '2xx',
          'non-2xx',
          'errors',
          'timeouts',
          'CPU ms/req',
          'DynamoDB Local CPU ms/req',
        ],
        runs.map((r) => [
          r.route,
          r.ratePerSecond,
          r.requests,
          r.p50Ms,
          r.p99Ms,
          r.maxMs,
          r.ok,
          r.non2xx,
          r.errors,
          r.timeouts,
          r.cpuMsPerRequest,
          r.dynamodbLocalCpuMsPerRequest ?? '-',
        ]),
      ),
    );
    console.log(
      `DynamoDB requests per referral (handler and the journey's steps run so far): ${JSON.stringify(perReferral)}`,
    );
    const byRate = RATES.map((rate) => {
      const referral = runs.find((r) => r.ratePerSecond === rate && !r.route.startsWith('floor'))!;
      const floorRun = runs.find((r) => r.ratePerSecond === rate && r.route.startsWith('floor'))!;
      return {
        ratePerSecond: rate,
        referral,
        floor: floorRun,
        p99VsFloor: Math.round((referral.p99Ms / Math.max(floorRun.p99Ms, 1)) * 100) / 100,
      };
    });
    const first = byRate[0]!.referral;
    const figures = { ...first, byRate, dynamoDbRequestsPerReferral: perReferral };
    console.log(`written ${writeResult('partner-api', figures)}`);
    return figures;
  } finally {
    await api.close();
    await runtime.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
