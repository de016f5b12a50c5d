import { defaultDb } from '../shared/adapters/data';
import { recordStageOutcome } from '../shared/domain/journey/stages';
import { journeyPayloadSchema } from '../shared/domain/journey/state';
import { parseOrThrow } from '../shared/core/schemas/errors';

/**
 * Journey step: applies what the task's child execution answered and says where the journey goes.
 * Not wrapped in Powertools idempotency: the case records the last task it applied, so a retried step
 * changes nothing twice, sends nothing twice and answers the route again (shared/domain/journey/outcomes.ts).
 */
export const handler = (event: unknown) =>
  recordStageOutcome(parseOrThrow(journeyPayloadSchema, event), defaultDb());
