import { defaultDb } from '../shared/adapters/data';
import { journeyPayloadSchema } from '../shared/domain/journey/state';
import { openStageTask } from '../shared/domain/journey/stages';
import { idempotent } from '../shared/adapters/lambda/idempotent';
import { parseOrThrow } from '../shared/core/schemas/errors';

/** Journey step: opens the stage's human task and emails its owner. */
export const handler = idempotent('open-task', (event: unknown) =>
  openStageTask(parseOrThrow(journeyPayloadSchema, event), defaultDb()),
);
