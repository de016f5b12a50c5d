import {
  CreateStateMachineCommand,
  type SFNClient,
  StateMachineAlreadyExists,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import {
  LOCAL_ARNS,
  listWorkflows,
  localResolver,
  readDefinition,
  renderDefinition,
} from '../../workflows/definitions';
import { SCHEDULE_TIME_ZONE, SCHEDULES } from '../../infra/schedules-manifest';
import { LocalScheduler, SCHEDULER_STATE_MACHINE, schedulerDefinition } from '../scheduler';
import { localFunctionArn, stateMachineArn } from './environment';

// Every workflow in workflows/ as a state machine of the local engine, named by its file, with its
// placeholders resolved to the local ARNs. A changed file updates the state machine on the next start
// (executions already running keep the definition they started with, as on AWS).

export const LOCAL_WORKFLOW_ROLE = `arn:aws:iam::${LOCAL_ARNS.accountId}:role/sfw-local-workflows`;

export interface WorkflowSource {
  name: string;
  definition: string;
}

export function localWorkflowSources(): WorkflowSource[] {
  const resolve = localResolver();
  return listWorkflows().map((workflow) => ({
    name: workflow.name,
    definition: renderDefinition(readDefinition(workflow.name), resolve),
  }));
}

export async function registerWorkflows(
  sfn: SFNClient,
  sources: WorkflowSource[],
): Promise<{ registered: string[]; updated: string[] }> {
  const registered: string[] = [];
  const updated: string[] = [];
  for (const source of sources) {
    // Create answers with the existing state machine when nothing changed, and refuses when it did.
    try {
      await sfn.send(
        new CreateStateMachineCommand({
          name: source.name,
          definition: source.definition,
          roleArn: LOCAL_WORKFLOW_ROLE,
          type: 'STANDARD',
        }),
      );
      registered.push(source.name);
    } catch (error) {
      if (!(error instanceof StateMachineAlreadyExists)) {
        throw new Error(`workflows/${source.name}.asl.json: ${(error as Error).message}`);
      }
      await sfn.send(
        new UpdateStateMachineCommand({
          stateMachineArn: stateMachineArn(source.name),
          definition: source.definition,
        }),
      );
      updated.push(source.name);
    }
  }
  return { registered, updated };
}

/** The app's schedules whose workflow is present (a test's folder may hold only some workflows). */
function presentSchedules() {
  const present = new Set(listWorkflows().map((workflow) => workflow.name));
  return SCHEDULES.filter((schedule) => present.has(schedule.workflow));
}

/**
 * The local stand-in for EventBridge Scheduler, for the present workflows' schedules, starting
 * executions through `sfn` (given late: the engine that serves it starts after the scheduler is made).
 */
export function localScheduler(sfn: () => SFNClient): LocalScheduler {
  return new LocalScheduler({
    schedules: presentSchedules(),
    timeZone: SCHEDULE_TIME_ZONE,
    stateMachineArn,
    functionArn: localFunctionArn,
    sfn,
  });
}

/** Every workflow's source, and the scheduler's own state machine when any schedule is present. */
export function localWorkflowSourcesWithScheduler(): WorkflowSource[] {
  const sources = localWorkflowSources();
  if (presentSchedules().length > 0)
    sources.push({
      name: SCHEDULER_STATE_MACHINE,
      definition: schedulerDefinition({ functionArn: localFunctionArn }),
    });
  return sources;
}
