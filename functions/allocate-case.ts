import { defaultDb } from '../shared/adapters/data';
import { allocateStage } from '../shared/domain/journey/stages';
import { journeyPayloadSchema } from '../shared/domain/journey/state';
import { idempotent } from '../shared/adapters/lambda/idempotent';
import { parseOrThrow } from '../shared/core/schemas/errors';

/** Journey step: allocates a key worker with room in the locality, or puts the case on the waiting list. */
export const handler = idempotent('allocate-case', (event: unknown) =>
  allocateStage(parseOrThrow(journeyPayloadSchema, event), defaultDb()),
);
