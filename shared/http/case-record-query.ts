import * as z from 'zod';
import { isoDateSchema } from '../core/schemas/common';
import { CASE_RECORD_ENTRY_TYPES } from '../core/vocabulary/case-record';

/** `GET /v1/cases/{id}/record`'s filters. */
export const chronologyQuerySchema = z.strictObject({
  type: z.enum(CASE_RECORD_ENTRY_TYPES).optional().describe('only entries of this type'),
  person: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe('part of a name present, the child, or the writer'),
  from: z.optional(isoDateSchema).describe('entries that happened on or after this day'),
  to: z.optional(isoDateSchema).describe('entries that happened on or before this day'),
});
