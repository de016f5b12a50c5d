// Step Functions Standard executions last at most a year and 25,000 history events. Each human task
// waits in its own child execution and each review cycle runs in its own journey execution; these
// bounds keep every execution far inside both limits however long a task is ignored or a family
// waits for a worker.

/** A task's child execution hands over to a fresh one after this many days of waiting. */
export const RENEW_TASK_WAIT_AFTER_DAYS = 60;

/** A journey execution older than this goes on to its next stage in a fresh execution. */
export const CONTINUE_JOURNEY_AFTER_DAYS = 120;

const DAY_MS = 86_400_000;

export function olderThan(startedAt: string | undefined, now: Date | string, days: number): boolean {
  if (!startedAt) return false;
  return new Date(now).getTime() - new Date(startedAt).getTime() >= days * DAY_MS;
}
