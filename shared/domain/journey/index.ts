// The family journey (DESIGN.md §3): what the API calls, and what the journey's workflow steps run.
export type { JourneyActor } from '../tasks/actor';
export { completeTask } from '../tasks/complete';
export { extendSupport, stepUpCase, transferCase, withdrawCase } from './interruptions';
export { receiveReferral } from './referral';
