import type { CaseStatus } from '../../core/schemas';

// The route names the state machines switch on (workflows/journey.asl.json). Each task type's module
// (shared/domain/tasks/types) says where its outcome takes the journey; shared/domain/journey/routing.ts
// gathers those rules.

export type Route =
  | 'hub-decision'
  | 'allocation'
  | 'waiting'
  | 'consent'
  | 'assessment'
  | 'support'
  | 'review'
  | 'closure'
  /** The journey is over (the case ended, or was ended while the task was open). */
  | 'end'
  /** The task was cancelled but the case goes on (a transfer): open the stage's task again. */
  | 'repeat'
  /** The task is still open but its wait is renewed in a fresh execution (execution limits). */
  | 'renew'
  /** The stage is done but the execution is old: go on to the next stage in a fresh execution. */
  | 'continue';

export interface Step {
  route: Route;
  /** The status the case moves to, when it moves. */
  status?: CaseStatus;
}
