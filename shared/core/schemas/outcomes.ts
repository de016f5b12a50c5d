import type * as z from 'zod';
import { taskOutcomeSchemas } from './task-outcomes.generated';

// What each human task records when it is completed: every type's schema, from its own
// shared/task-types/<type>/core.ts, gathered by the generated index.

export { taskOutcomeSchemas };
export * from './outcome-parts';

export type TaskOutcomes = {
  [K in keyof typeof taskOutcomeSchemas]: z.infer<(typeof taskOutcomeSchemas)[K]>;
};
export type SafeguardingScreenOutcome = TaskOutcomes['safeguarding-screen'];
export type HubDecisionOutcome = TaskOutcomes['hub-decision'];
export type ConsentOutcome = TaskOutcomes['consent'];
export type ReviewOutcome = TaskOutcomes['review'];
