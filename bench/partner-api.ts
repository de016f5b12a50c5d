import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { seedDemoData } from '../local/api/demo-data';
import { startApiServer } from '../local/api/server';
import { newMeters } from '../local/simulate/meters';
import { generateFamilies, referralOf } from '../local/simulate/population';
import { startSimulationRuntime } from '../local/simulate/runtime';
import { table, writeResult } from './results-file';

// Partner `POST /v1/referrals` under autocannon at a fixed rate on loopback: the local API server with
// the real handler, DynamoDB Local in memory and the engine starting each referral's journey, all in
// this process. A bounded number of requests (BENCH_API_REQUESTS, default 300) at BENCH_API_RATE per
// second (default 20). Written to bench/results/partner-api.json.

const REQUESTS = Number(process.env.BENCH_API_REQUESTS ?? 300);
const RATE = Number(process.env.BENCH_API_RATE ?? 20);

export async function run() {
  const runtime = await startSimulationRuntime({
    startTime: new Date().toISOString(),
    familySupportWorkers: 48,
    meters: newMeters(),
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'sfw-bench-api-'));
  const api = await startApiServer({ port: 0, dataDir });
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
    const families = generateFamilies({ families: REQUESTS, days: 30, seed: 11, start: '2026-04-01' });
    let next = 0;
    const result = await autocannon({
      url: api.url,
      connections: 10,
      amount: REQUESTS,
      overallRate: RATE,
      timeout: 30,
      requests: [
        {
          method: 'POST',
          path: '/v1/referrals',
          setupRequest: (request) => {
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
    await runtime.engine.waitForIdle();
    const figures = {
      requests: result.requests.total,
      ratePerSecond: RATE,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      maxMs: result.latency.max,
      ok: result['2xx'],
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      seconds: result.duration,
    };
    console.log(
      table(
        ['requests', 'rate/s', 'p50 ms', 'p99 ms', 'max ms', '2xx', 'non-2xx', 'errors'],
        [
          [
            figures.requests,
            RATE,
            figures.p50Ms,
            figures.p99Ms,
            figures.maxMs,
            figures.ok,
            figures.non2xx,
            figures.errors,
          ],
        ],
      ),
    );
    console.log(`written ${writeResult('partner-api', figures)}`);
    return figures;
  } finally {
    await api.close();
    await runtime.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
