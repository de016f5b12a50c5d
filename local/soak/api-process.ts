import { setClockSource } from '../../shared/core/clock';
import { startApiServer } from '../api/server';
import { handlerEnvironment } from '../stack/environment';
import { endpoint, readSettings } from './settings';

// The soak's API server, a process of its own so the driver can kill it with SIGKILL mid-request:
// the partner and staff API on its fixed port, its handlers in this process. The handlers read the
// engine's clock (virtual), fetched before each request (in `npm start` they share the engine's
// process instead); while the engine is down that fails and the request is answered 502, as any
// request needing the engine would be. Prints `ready` once it listens.

async function main() {
  const settings = readSettings(process.argv[2]);
  const engineUrl = endpoint(settings.enginePort);
  let clock = new Date(settings.startTime);
  setClockSource(() => clock);
  await startApiServer({
    port: settings.apiPort,
    dataDir: settings.dataDir,
    env: {
      ...handlerEnvironment({
        dynamodb: settings.dynamodbEndpoint,
        ses: settings.sesEndpoint,
        sfn: engineUrl,
        pagesBaseUrl: endpoint(settings.apiPort),
      }),
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      POWERTOOLS_METRICS_DISABLED: 'true',
    },
    beforeHandler: async () => {
      const answer = await fetch(`${engineUrl}/_local/clock`);
      if (!answer.ok) throw new Error(`the engine's clock answered ${answer.status}`);
      clock = new Date(((await answer.json()) as { now: string }).now);
    },
  });
  console.log('ready');
  process.once('SIGTERM', () => process.exit(0));
  process.once('SIGINT', () => process.exit(0));
}

main().catch((error: unknown) => {
  console.error(`soak API: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
