import { defaultDb } from '../shared/adapters/data';
import { recordStageOutcome } from '../shared/domain/journey/stages';
import { journeyPayloadSchema } from '../shared/domain/journey/state';
import { idempotent } from '../shared/adapters/lambda/idempotent';
import { parseOrThrow } from '../shared/core/schemas/errors';

/** Journey step: applies what the task's child execution answered and says where the journey goes. */
export const handler = idempotent('record-task-outcome', (event: unknown) =>
  recordStageOutcome(parseOrThrow(journeyPayloadSchema, event), defaultDb()),
);
