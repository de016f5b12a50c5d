// The family journey (DESIGN.md §3): what the API calls, and what the journey's workflow steps run.
export { type JourneyActor, SYSTEM } from '../tasks/actor';
export { type CompletedTask, completeTask } from '../tasks/complete';
export { NotAllowedError, WrongTaskTypeError } from '../tasks/errors';
export { CaseEndedError } from './errors';
export {
  type CaseOutcome,
  extendSupport,
  stepUpCase,
  type TransferTarget,
  transferCase,
  withdrawCase,
} from './interruptions';
export { JOURNEY_COUNTERS } from './metrics';
export { type ReceivedReferral, receiveReferral } from './referral';
export { isDrifting } from './support';
