import * as z from 'zod/mini';
import { CASE_RECORD_ENTRY_TYPES, type CaseRecordEntryType } from '../vocabulary/case-record';
import { instantSchema, longText, slugIdSchema, text, ulidSchema } from './common';

// The case record's chronology (seeds/003: single case record; seeds/001 §12: timely case notes and the
// child's voice). An entry is never overwritten: revising it writes the next version beside the
// earlier ones, which stay readable.

const entryShape = /* @__PURE__ */ (() => ({
  type: z.enum(CASE_RECORD_ENTRY_TYPES),
  /** When it happened (not when it was written). */
  occurredAt: instantSchema,
  /** Who was there: family members by name, agencies by name (a school, the health visitor...). */
  present: z._default(
    z.strictObject({
      family: z._default(z.array(text(100)).check(z.maxLength(20)), []),
      agencies: z._default(z.array(text(100)).check(z.maxLength(20)), []),
    }),
    { family: [], agencies: [] },
  ),
  /** For the child's voice: which child spoke (their words go in `text`, as they said them). */
  child: z.optional(text(100)),
  text: longText(10_000),
}))();

function childNamed(
  entry: { type: CaseRecordEntryType; child?: string },
  context: z.core.$RefinementCtx,
): void {
  if (entry.type === 'child-voice' && !entry.child) {
    context.addIssue({
      code: 'custom',
      message: "the child's voice names the child who spoke",
      path: ['child'],
      params: { rule: 'required' },
    });
  }
}

/** The body of `POST /v1/cases/{id}/record`: a new entry. */
export const caseRecordEntryBodySchema = /* @__PURE__ */ (() =>
  z.strictObject(entryShape).check(z.superRefine(childNamed)))();

/** The body of `POST /v1/cases/{id}/record/{entryId}`: the entry's next version, naming the one it revises. */
export const caseRecordRevisionBodySchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      ...entryShape,
      /** The version this revision was made from: a revision of an older one is refused (409). */
      revises: z.number().check(z.int(), z.gte(1), z.lte(9999)),
    })
    .check(z.superRefine(childNamed)))();

/** One version of an entry, as stored and answered. */
export const caseRecordEntrySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    ...entryShape,
    id: ulidSchema,
    caseId: ulidSchema,
    version: z.number().check(z.int(), z.gte(1)),
    writtenBy: slugIdSchema,
    writtenAt: instantSchema,
  }))();

export type CaseRecordEntryBody = z.infer<typeof caseRecordEntryBodySchema>;
export type CaseRecordRevisionBody = z.infer<typeof caseRecordRevisionBodySchema>;
export type CaseRecordEntry = z.infer<typeof caseRecordEntrySchema>;
