import * as z from 'zod';
import { instantSchema, slugIdSchema, ulidSchema } from './common';

// Who opened a case's records, when and how (seeds/003 single case record: the family's right to know
// who has seen it). Written on every read of a case, its record or an export; ids only.

export const CASE_VIEW_SUBJECTS = [
  'case',
  'case-record',
  'case-record-entry',
  'export',
  'sharing-consents',
  'family-plan',
  'taf-meetings',
  'documents',
  'outcomes',
] as const;

export const caseViewRecordSchema = z.strictObject({
  id: ulidSchema,
  caseId: ulidSchema,
  at: instantSchema,
  viewer: slugIdSchema,
  role: z.string().max(40),
  what: z.enum(CASE_VIEW_SUBJECTS),
  via: z.enum(['page', 'api']),
});

export type CaseViewRecord = z.infer<typeof caseViewRecordSchema>;
