// The kinds of entry in a case record's chronology.

/** @public */
export const CASE_RECORD_ENTRY_TYPES = [
  'visit',
  'phone-call',
  'meeting',
  'message',
  'observation',
  'child-voice',
  'note',
] as const;
export type CaseRecordEntryType = (typeof CASE_RECORD_ENTRY_TYPES)[number];
