import type { JourneyStageName } from './stages.generated';
import type { CaseStatus } from '../../core/vocabulary/cases';

// The route names the state machines switch on (workflows/journey.asl.json). Each task type's module
// (shared/task-types/<type>/domain.ts) says where its outcome takes the journey;
// shared/domain/journey/routing.ts gathers those rules. Every stage of the journey is a route to it (the
// generated JourneyStageName), so a new stage needs no line here; the rest are the journey's own steps.

export type Route =
  | JourneyStageName
  /** No key worker is free: the case waits on the waiting list until a place frees. */
  | 'waiting'
  /** The assessment is done: support starts, and the journey waits for the first review. */
  | 'support'
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
