import { ExecutionAlreadyExists, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { sfn } from '../aws/clients';
import { requiredEnv } from '../../core/environment';

// Journey executions are named by the case id (a ULID, no personal data): the first `<caseId>`, each
// continuation `<caseId>-<generation>`. StartExecution with a name already used is refused, so a
// retried start never runs a journey twice.

export function journeyStateMachineArn(): string {
  return requiredEnv('JOURNEY_STATE_MACHINE_ARN');
}

/** What names an execution: the journey state's identity (shared/domain/journey/state.ts). */
export interface ExecutionIdentity {
  caseId: string;
  generation: number;
}

export function executionName(state: ExecutionIdentity): string {
  return state.generation === 1 ? state.caseId : `${state.caseId}-${state.generation}`;
}

export function executionArnOf(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}

/** Starts a journey execution for `state`; a retry of the same start is answered with the same ARN. */
export async function startJourneyExecution(state: ExecutionIdentity): Promise<string> {
  const stateMachineArn = journeyStateMachineArn();
  const name = executionName(state);
  try {
    const started = await sfn().send(
      new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(state) }),
    );
    return started.executionArn!;
  } catch (error) {
    if (
      error instanceof ExecutionAlreadyExists ||
      (error as { name?: string }).name === 'ExecutionAlreadyExists'
    ) {
      return executionArnOf(stateMachineArn, name);
    }
    throw error;
  }
}

/** What the starter of a human-task execution already knows (workflows/human-task.asl.json). */
export interface HumanTaskInputExtras {
  /** The task's case: each wake-up reads the task and the case together. */
  caseId?: string;
  /** Seconds to the first wake-up of a fresh task (shared/domain/tasks/chase.ts, `firstWaitSeconds`). */
  firstWait?: number;
}

/**
 * Starts a standalone human-task execution (workflows/human-task.asl.json) for a task no parent waits
 * on (a plan action). Named by the caller (no personal data); a second start of the same name is
 * answered as started, so a retried start never runs two chases for one task.
 */
export async function startHumanTaskExecution(
  taskId: string,
  name: string,
  known: HumanTaskInputExtras = {},
): Promise<void> {
  const stateMachineArn = requiredEnv('HUMAN_TASK_STATE_MACHINE_ARN');
  try {
    await sfn().send(
      new StartExecutionCommand({
        stateMachineArn,
        name,
        input: JSON.stringify({ schemaVersion: 1, taskId, ...known }),
      }),
    );
  } catch (error) {
    if (
      error instanceof ExecutionAlreadyExists ||
      (error as { name?: string }).name === 'ExecutionAlreadyExists'
    ) {
      return;
    }
    throw error;
  }
}
