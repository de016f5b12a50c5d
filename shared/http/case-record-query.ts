import * as z from 'zod/mini';
import { isoDateSchema } from '../core/schemas/common';
import { CASE_RECORD_ENTRY_TYPES } from '../core/vocabulary/case-record';

/** `GET /v1/cases/{id}/record`'s filters. */
export const chronologyQuerySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    type: z.optional(z.enum(CASE_RECORD_ENTRY_TYPES)).check(z.describe('only entries of this type')),
    person: z
      .optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100)))
      .check(z.describe('part of a name present, the child, or the writer')),
    from: z.optional(isoDateSchema).check(z.describe('entries that happened on or after this day')),
    to: z.optional(isoDateSchema).check(z.describe('entries that happened on or before this day')),
  }))();
