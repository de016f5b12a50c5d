// Human tasks: due dates, owners, the chase schedule, and the task's side of its workflow.
export * from './actor';
export { cancelCaseTasks } from './cancel';
export { type ChaseAnswer, chaseTask } from './chase';
export { type CompletedTask, completeTask } from './complete';
export * from './due-dates';
export * from './errors';
export { escalationRole, mayCompleteTask, ownerFor } from './owners';
export { registerTaskToken } from './register';
export * from './schedule';
