import { type Db, TaskNotOpenError, tasks } from '../../adapters/data';
import { cancelWait, resumeTask } from '../../adapters/workflow/callbacks';

// Each wait of a human task's workflow hands its fresh token here. The token is stored on the task
// (server side only) under the condition that the task is still open; if the task was completed or
// cancelled while no wait was live (between a timeout and this call), the answer is sent at once to
// the new token, so a completion racing a reminder is never lost and never applied twice.

export async function registerTaskToken(
  db: Db,
  input: { taskId: string; taskToken: string; now: string },
): Promise<{ registered: boolean }> {
  try {
    await tasks.storeTaskToken(db, input.taskId, input.taskToken, input.now);
    return { registered: true };
  } catch (error) {
    if (!(error instanceof TaskNotOpenError)) throw error;
    if (error.status === 'COMPLETED') await resumeTask(input.taskToken);
    else await cancelWait(input.taskToken, `task ${error.status.toLowerCase()}`);
    return { registered: false };
  }
}
