import { join } from 'node:path';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SCHEDULE_TIME_ZONE, SCHEDULES } from '../../infra/schedules-manifest';
import { dynamoRaw, resetClients, ses, sfn as sharedSfn } from '../../shared/adapters/aws/clients';
import { setClockSource } from '../../shared/core/clock';
import { LOCAL_ARNS, listWorkflows } from '../../workflows/definitions';
import { startEngine } from '../engine';
import {
  LocalScheduler,
  SCHEDULER_FUNCTION,
  SCHEDULER_STATE_MACHINE,
  schedulerDefinition,
} from '../scheduler';
import { handlerEnvironment, localFunctionArn, stateMachineArn } from '../stack/environment';
import { localLambdas, localLambdaTimeouts } from '../stack/handlers';
import { localWorkflowSources, registerWorkflows } from '../stack/workflows';
import { signForLocalOnly } from '../simulate/unsigned';
import { endpoint, readSettings } from './settings';

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
  return new Map([...timeouts].map(([name, seconds]) => [name, Math.min(seconds, MAX_TIMEOUT_SECONDS)]));
}

const MAX_TIMEOUT_SECONDS = 30;

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
  const present = new Set(listWorkflows().map((workflow) => workflow.name));
  const scheduled = SCHEDULES.filter((schedule) => present.has(schedule.workflow));
  const scheduler = new LocalScheduler({
    schedules: scheduled,
    timeZone: SCHEDULE_TIME_ZONE,
    stateMachineArn,
    functionArn: localFunctionArn,
    sfn: () => sfn,
  });
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
  const sources = localWorkflowSources();
  if (scheduled.length > 0)
    sources.push({
      name: SCHEDULER_STATE_MACHINE,
      definition: schedulerDefinition({ functionArn: localFunctionArn }),
    });
  await registerWorkflows(sfn, sources);
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
