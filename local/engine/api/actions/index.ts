import { EXECUTION_ACTIONS } from './executions';
import type { Action } from './request';
import { STATE_MACHINE_ACTIONS } from './state-machines';
import { TASK_CALLBACK_ACTIONS } from './task-callbacks';

// The Step Functions API actions the engine answers, by the X-Amz-Target name.

export const actions: Record<string, Action> = {
  ...STATE_MACHINE_ACTIONS,
  ...EXECUTION_ACTIONS,
  ...TASK_CALLBACK_ACTIONS,
};
