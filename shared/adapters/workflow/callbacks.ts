import { SendTaskFailureCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { sfn } from '../aws/clients';

// Answers to a human task's wait. A token can be dead by the time it is answered (its wait timed out
// to send a reminder): that is expected, not an error, because the next wait finds the task closed
// and answers itself (shared/domain/tasks/register.ts). Anything else is a real failure and is thrown.

export const TASK_CANCELLED_ERROR = 'TaskCancelled';
/** Ends the wait early so the workflow asks again what is due (workflows/human-task.asl.json). */
export const TASK_RESCHEDULED_ERROR = 'TaskRescheduled';

const DEAD_TOKEN = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

function isDeadToken(error: unknown): boolean {
  return DEAD_TOKEN.has((error as { name?: string } | undefined)?.name ?? '');
}

/** Resumes the wait with success; false when the token was already dead. */
export async function resumeTask(token: string): Promise<boolean> {
  try {
    await sfn().send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));
    return true;
  } catch (error) {
    if (isDeadToken(error)) return false;
    throw error;
  }
}

/** Ends the wait as cancelled (the task's workflow catches TaskCancelled); false when already dead. */
export async function cancelWait(token: string, reason: string): Promise<boolean> {
  try {
    await sfn().send(
      new SendTaskFailureCommand({
        taskToken: token,
        error: TASK_CANCELLED_ERROR,
        cause: reason.slice(0, 200),
      }),
    );
    return true;
  } catch (error) {
    if (isDeadToken(error)) return false;
    throw error;
  }
}

/**
 * Wakes the wait at once (the task's due date moved): its workflow catches TaskRescheduled and asks
 * `chaseTask` again, which plans from the new date. False when the token was already dead.
 */
export async function rescheduleWait(token: string): Promise<boolean> {
  try {
    await sfn().send(
      new SendTaskFailureCommand({
        taskToken: token,
        error: TASK_RESCHEDULED_ERROR,
        cause: 'due date moved',
      }),
    );
    return true;
  } catch (error) {
    if (isDeadToken(error)) return false;
    throw error;
  }
}
