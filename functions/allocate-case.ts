import { defaultDb } from '../shared/adapters/data';
import { allocateStage } from '../shared/domain/journey/stages';
import { journeyPayloadSchema } from '../shared/domain/journey/state';
import { parseOrThrow } from '../shared/core/schemas/errors';

/**
 * Journey step: allocates a key worker with room in the locality, or puts the case on the waiting list.
 * Not wrapped in idempotency records: the step's writes are conditional on the case's version, and a
 * retry reads the case first and answers from what the first attempt left (allocateStage).
 */
export const handler = (event: unknown) =>
  allocateStage(parseOrThrow(journeyPayloadSchema, event), defaultDb());
