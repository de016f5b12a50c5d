import { defaultDb } from '../shared/adapters/data';
import { scheduleReview } from '../shared/domain/journey/stages';
import { journeyPayloadSchema } from '../shared/domain/journey/state';
import { parseOrThrow } from '../shared/core/schemas/errors';

/** Journey step: when the next review task opens (reads only, so safe to retry as it is). */
export const handler = (event: unknown) =>
  scheduleReview(parseOrThrow(journeyPayloadSchema, event), defaultDb());
