import type {
  CaseStatus,
  ConsentOutcome,
  HubDecisionOutcome,
  ReviewOutcome,
  SafeguardingScreenOutcome,
  SupportLevel,
} from '../../core/schemas';

// Where each task's outcome takes the journey. The route names are the ones the state machines
// switch on (workflows/journey.asl.json); the statuses are the product's contract.

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

export function afterScreen(outcome: SafeguardingScreenOutcome): Step {
  return outcome.decision === 'step-up'
    ? { route: 'end', status: 'STEPPED_UP' }
    : { route: 'hub-decision', status: 'HUB_DECISION' };
}

export function afterHubDecision(outcome: HubDecisionOutcome): Step & { supportLevel?: SupportLevel } {
  switch (outcome.decision) {
    case 'family-support':
      return { route: 'allocation', supportLevel: outcome.supportLevel };
    case 'redirect':
      return { route: 'end', status: 'REDIRECTED' };
    case 'nfa':
      return { route: 'end', status: 'NFA' };
  }
}

/** Consent given -> assessment; declined, no contact, or no answer in time -> closed (consent not given). */
export function afterConsent(outcome: ConsentOutcome | 'timed-out'): Step {
  return outcome !== 'timed-out' && outcome.decision === 'given'
    ? { route: 'assessment', status: 'ASSESSMENT' }
    : { route: 'end', status: 'CLOSED' };
}

/** After a review: another cycle, closure (decided, or support has run its course), or a step up. */
export function afterReview(outcome: ReviewOutcome, anotherReviewFits: boolean): Step {
  switch (outcome.decision) {
    case 'step-up':
      return { route: 'end', status: 'STEPPED_UP' };
    case 'close':
      return { route: 'closure' };
    case 'continue':
      return anotherReviewFits ? { route: 'review' } : { route: 'closure' };
  }
}
