// Where each task's outcome takes the journey. The route names are the ones the state machines
// switch on (workflows/journey.asl.json); the statuses are the product's contract. Each rule lives in
// its task type's module (shared/domain/tasks/types); they are gathered here for the journey's readers.
export { afterConsent } from '../../task-types/consent/domain';
export { afterHubDecision } from '../../task-types/hub-decision/domain';
export { afterReview } from '../../task-types/review/domain';
export { afterScreen } from '../../task-types/safeguarding-screen/domain';
