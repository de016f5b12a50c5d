/** The actor may not complete this task (the API answers 404, so nobody learns the task exists). */
export class NotAllowedError extends Error {
  constructor(readonly taskId: string) {
    super(`not allowed to complete task ${taskId}`);
    this.name = 'NotAllowedError';
  }
}

/** A task type that cannot be completed through this route (e.g. a report task in the journey). */
export class WrongTaskTypeError extends Error {
  constructor(
    readonly taskId: string,
    readonly type: string,
  ) {
    super(`task ${taskId} is a ${type} task`);
    this.name = 'WrongTaskTypeError';
  }
}
