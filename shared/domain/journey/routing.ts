// Where each task's outcome takes the journey. The route names are the ones the state machines
// switch on (workflows/journey.asl.json); the statuses are the product's contract. Each rule lives in
// its task type's module (shared/domain/tasks/types); they are gathered here for the journey's readers.
export { afterConsent } from '../tasks/types/consent';
export { afterHubDecision } from '../tasks/types/hub-decision';
export { afterReview } from '../tasks/types/review';
export { afterScreen } from '../tasks/types/safeguarding-screen';
