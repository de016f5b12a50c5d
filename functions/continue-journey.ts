import { continueJourney } from '../shared/domain/journey/stages';
import { journeyPayloadSchema } from '../shared/domain/journey/state';
import { parseOrThrow } from '../shared/core/schemas/errors';

/** Journey step: starts the journey's next execution (named, so a retried start runs nothing twice). */
export const handler = (event: unknown) => continueJourney(parseOrThrow(journeyPayloadSchema, event));
