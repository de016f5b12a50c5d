import { join } from 'node:path';
import { SFNClient } from '@aws-sdk/client-sfn';
import { dynamoRaw, resetClients, ses, sfn as sharedSfn } from '../../shared/adapters/aws/clients';
import { setClockSource } from '../../shared/core/clock';
import { LOCAL_ARNS } from '../../workflows/definitions';
import { startEngine } from '../engine';
import { SCHEDULER_FUNCTION } from '../scheduler';
import { handlerEnvironment } from '../stack/environment';
import { localLambdas, localLambdaTimeouts } from '../stack/handlers';
import { localScheduler, localWorkflowSourcesWithScheduler, registerWorkflows } from '../stack/workflows';
import { signForLocalOnly } from '../simulate/unsigned';
import { endpoint, MAX_HANDLER_TIMEOUT_SECONDS, readSettings } from './settings';

// The soak's engine, a process of its own so the driver can kill it with SIGKILL: the engine durable
// in `<data dir>/engine` on a virtual clock, every handler as a local Lambda in this process (so an
// invocation under way dies with it, as a Lambda's would), the workflows and the scheduler. Prints
// `ready` once it answers. A restart on the same data dir recovers every execution.

/**
 * Each handler's timeout, at most 30 s. An invocation lost with a killed engine is sent again once its
 * deadline has passed (as Lambda would have timed it out), so a kill during the retention sweep (300 s)
 * or the reports (120 s) would stall the soak for minutes of real time; at the soak's size they take
 * well under a second. The handler's context counts down from the same figure, so its idempotency
 * record still expires exactly when the engine sends it again.
 */
function capped(timeouts: Map<string, number>): Map<string, number> {
  return new Map(
    [...timeouts].map(([name, seconds]) => [name, Math.min(seconds, MAX_HANDLER_TIMEOUT_SECONDS)]),
  );
}

async function main() {
  const settings = readSettings(process.argv[2]);
  const sfnUrl = endpoint(settings.enginePort);
  Object.assign(
    process.env,
    handlerEnvironment({
      dynamodb: settings.dynamodbEndpoint,
      ses: settings.sesEndpoint,
      sfn: sfnUrl,
      pagesBaseUrl: endpoint(settings.apiPort),
    }),
    { POWERTOOLS_LOG_LEVEL: 'ERROR', POWERTOOLS_METRICS_DISABLED: 'true' },
  );
  resetClients();
  signForLocalOnly(dynamoRaw(), 'dynamodb', LOCAL_ARNS.region);
  signForLocalOnly(ses(), 'ses', LOCAL_ARNS.region);
  signForLocalOnly(sharedSfn(), 'states', LOCAL_ARNS.region);

  const sfn = new SFNClient({
    region: LOCAL_ARNS.region,
    endpoint: sfnUrl,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  signForLocalOnly(sfn, 'states', LOCAL_ARNS.region);
  const scheduler = localScheduler(() => sfn);
  const lambdas = localLambdas();
  lambdas.set(SCHEDULER_FUNCTION, scheduler.fire);
  const engine = await startEngine({
    port: settings.enginePort,
    dataDir: join(settings.dataDir, 'engine'),
    virtualClock: true,
    startTime: settings.startTime,
    lambdas,
    lambdaTimeouts: capped(localLambdaTimeouts()),
    awsEndpoints: { dynamodb: settings.dynamodbEndpoint, sesv2: settings.sesEndpoint },
    onUnsuccessful: (ended) => console.error(`engine: ${ended.status} ${ended.executionArn}`),
  });
  setClockSource(() => engine.clock.now());
  await registerWorkflows(sfn, localWorkflowSourcesWithScheduler());
  await scheduler.start(engine.clock.now());
  console.log('ready');
  const stop = () => {
    engine.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(`soak engine: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
