import { defaultDb } from '../shared/adapters/data';
import { journeyPayloadSchema } from '../shared/domain/journey/state';
import { openStageTask } from '../shared/domain/journey/stages';
import { parseOrThrow } from '../shared/core/schemas/errors';

/**
 * Journey step: opens the stage's human task and emails its owner. Not wrapped in Powertools
 * idempotency: the task's unique key per step and the note on it that the owner was told make a
 * retry create nothing twice and email nobody twice (shared/domain/journey/stages.ts).
 */
export const handler = (event: unknown) =>
  openStageTask(parseOrThrow(journeyPayloadSchema, event), defaultDb());
