import { londonDate, londonTime } from '../core/calendar/london';
import type { CaseRecordEntry } from '../core/schemas/case-record';
import type { ChronologyEntry, ChronologyFilter } from '../domain/case-record/chronology';
import { dateFrom, dateParts, type FieldSpec, type FormValues, lines, one, optional } from './forms';
import { CASE_RECORD_ENTRY_TYPES, type CaseRecordEntryType } from '../core/vocabulary/case-record';

// The case record's pages (/cases/{id}/record): the form's fields as the API's body, the filter from
// the query, and each entry as the chronology shows it.

export const ENTRY_TYPE_LABELS: Record<CaseRecordEntryType, string> = {
  visit: 'Visit',
  'phone-call': 'Phone call',
  meeting: 'Meeting',
  message: 'Message (email, text, letter)',
  observation: 'Observation',
  'child-voice': "The child's voice",
  note: 'Note',
};

export const ENTRY_FIELDS: Record<string, FieldSpec> = {
  type: { label: 'what kind of entry this is', kind: 'choice', href: 'type' },
  occurredAt: { label: 'when it happened', kind: 'date', href: 'occurred-day' },
  child: { label: 'the child who spoke', kind: 'text' },
  text: { label: 'what happened', kind: 'text' },
  'present.family': { label: 'the family members present', kind: 'text', href: 'presentFamily' },
  'present.family.*': { label: 'family member {n}', kind: 'text', href: 'presentFamily' },
  'present.agencies': { label: 'the agencies present', kind: 'text', href: 'presentAgencies' },
  'present.agencies.*': { label: 'agency {n}', kind: 'text', href: 'presentAgencies' },
  revises: { label: 'the version revised', kind: 'number' },
};

export const ENTRY_FIELD_ORDER = [
  'type',
  'occurredAt',
  'present.family',
  'present.agencies',
  'child',
  'text',
];

/** When it happened: the day's three boxes and a 24-hour time, as a London instant (or as typed, to be refused). */
function occurredAtFrom(values: FormValues): string {
  const day = dateFrom(values, 'occurred');
  const time = one(values, 'occurredTime') || '12:00';
  const padded = /^\d{1,2}:\d{2}$/.test(time) ? time.padStart(5, '0') : time;
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(padded))
    return `${day ?? ''} ${time}`;
  try {
    return londonTime(day, padded).toISOString();
  } catch {
    return `${day} ${time}`;
  }
}

/** The posted form as the body `POST /v1/cases/{id}/record` takes (the schema then checks it). */
export function entryBodyFrom(values: FormValues): Record<string, unknown> {
  const child = optional(values, 'child');
  return {
    type: one(values, 'type'),
    occurredAt: occurredAtFrom(values),
    present: { family: lines(values, 'presentFamily'), agencies: lines(values, 'presentAgencies') },
    ...(child ? { child } : {}),
    text: one(values, 'text'),
  };
}

/** The form's values for revising an entry, filled from its latest version. */
export function formValuesOf(entry: CaseRecordEntry): FormValues {
  const at = new Date(entry.occurredAt);
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return {
    type: entry.type,
    ...dateParts('occurred', londonDate(at)),
    occurredTime: time,
    presentFamily: entry.present.family.join('\n'),
    presentAgencies: entry.present.agencies.join('\n'),
    ...(entry.child ? { child: entry.child } : {}),
    text: entry.text,
  };
}

/** The chronology's filter from the page's query; unknown values are ignored rather than refused. */
export function filterFrom(query: Record<string, string>): ChronologyFilter {
  const type = CASE_RECORD_ENTRY_TYPES.find((known) => known === query.type);
  const day = (value: string | undefined) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);
  const person = query.person?.trim().slice(0, 100);
  return {
    ...(type ? { type } : {}),
    ...(person ? { person } : {}),
    ...(day(query.from) ? { from: day(query.from) } : {}),
    ...(day(query.to) ? { to: day(query.to) } : {}),
  };
}

/** An entry as the page lists it: its label, who was there, and its words as paragraphs. */
export function entryView(entry: CaseRecordEntry | ChronologyEntry) {
  return {
    ...entry,
    label: ENTRY_TYPE_LABELS[entry.type],
    paragraphs: entry.text.split(/\r?\n\s*\r?\n|\r?\n/).filter((line) => line.trim()),
    presentText: [...entry.present.family, ...entry.present.agencies].join(', '),
  };
}

export const ENTRY_TYPE_ITEMS = CASE_RECORD_ENTRY_TYPES.map((value) => ({
  value,
  text: ENTRY_TYPE_LABELS[value],
}));
