import { londonOffsetMinutes } from '../core/calendar/london';
import { configuredLocalities } from '../core/config';
import type { CaseStatus } from '../core/vocabulary/cases';
import { COUNTY } from '../core/vocabulary/areas';
import type { StaffRole } from '../core/vocabulary/roles';
import type { TaskStatus } from '../core/vocabulary/tasks';

// The words staff read for the product's names, in one place.

/** Each task type's one wording, shared with the emails (shared/domain/tasks/types). */
export { TASK_TYPE_LABELS } from '../domain/tasks/types';

export const ROLE_LABELS: Record<StaffRole, string> = {
  'duty-social-worker': 'Duty social worker',
  'duty-manager': 'First Response duty manager',
  'hub-coordinator': 'Hub coordinator',
  'family-support-worker': 'Family support worker',
  senior: 'Senior family support worker',
  'locality-manager': 'Locality manager',
  'head-of-service': 'Head of service',
  administrator: 'Administrator',
};

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  RECEIVED: 'Received',
  SCREENING: 'Safeguarding screen',
  HUB_DECISION: 'Hub decision',
  WAITING_LIST: 'Waiting list',
  ALLOCATED: 'Allocated',
  CONSENT: 'Consent',
  ASSESSMENT: 'Assessment',
  SUPPORT: 'Support',
  CLOSED: 'Closed',
  STEPPED_UP: 'Stepped up to social care',
  REDIRECTED: 'Redirected',
  NFA: 'No further action',
  WITHDRAWN: 'Withdrawn',
};

/** GOV.UK tag colour classes by case status. */
export const CASE_STATUS_TAGS: Record<CaseStatus, string> = {
  RECEIVED: 'govuk-tag--grey',
  SCREENING: 'govuk-tag--light-blue',
  HUB_DECISION: 'govuk-tag--light-blue',
  WAITING_LIST: 'govuk-tag--yellow',
  ALLOCATED: 'govuk-tag--blue',
  CONSENT: 'govuk-tag--blue',
  ASSESSMENT: 'govuk-tag--blue',
  SUPPORT: 'govuk-tag--green',
  CLOSED: 'govuk-tag--grey',
  STEPPED_UP: 'govuk-tag--red',
  REDIRECTED: 'govuk-tag--grey',
  NFA: 'govuk-tag--grey',
  WITHDRAWN: 'govuk-tag--grey',
};

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  OPEN: 'Open',
  COMPLETED: 'Completed',
  CANCELLED: 'Cancelled',
  TIMED_OUT: 'Timed out',
};

export function areaLabel(area: string): string {
  if (area === COUNTY) return 'County-wide';
  return configuredLocalities().find((locality) => locality.id === area)?.name ?? area;
}

export function roleLabel(role: string): string {
  return ROLE_LABELS[role as StaffRole] ?? role;
}

/** "Hub coordinator queue (Charnwood)" or "you" / a worker's id: who a task waits on. */
export function ownerLabel(owner: string, viewerId?: string): string {
  if (owner.startsWith('worker:')) {
    const id = owner.slice('worker:'.length);
    return id === viewerId ? 'You' : id;
  }
  const [, role, area] = owner.split(':');
  return `${roleLabel(role ?? '')} queue (${areaLabel(area ?? '')})`;
}

// Dates are written by hand as en-GB's Intl writes them (tests/unit/pages/date-labels.test.ts holds
// every month and London's clock changes to Intl's text): a page handler that built its formatters
// at import paid ICU's set-up, about 10 ms of CPU, on every cold start. Intl still answers, built on
// first use, outside the years London's offset is worked out for (shared/core/calendar/london.ts).
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
/** en-GB's abbreviations in ICU 72 and later ("Sept"). */
const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];
const HAND_WRITTEN_FROM_MS = Date.UTC(1996, 0, 1);
const HAND_WRITTEN_TO_MS = Date.UTC(2100, 0, 1);

let intlFormats: { day: Intl.DateTimeFormat; instant: Intl.DateTimeFormat } | undefined;

function intl() {
  intlFormats ??= {
    day: new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }),
    instant: new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/London',
    }),
  };
  return intlFormats;
}

const twoDigits = (n: number) => String(n).padStart(2, '0');

/** `2026-07-04` -> `4 July 2026` (a London calendar day, formatted as is). */
export function formatDay(day: string | undefined): string {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return '';
  const date = new Date(`${day}T00:00:00Z`);
  const ms = date.getTime();
  if (!(ms >= HAND_WRITTEN_FROM_MS && ms < HAND_WRITTEN_TO_MS)) return intl().day.format(date);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** An instant as London wall time: `4 Jul 2026, 09:30`. */
export function formatInstant(instant: string | undefined): string {
  if (!instant) return '';
  const date = new Date(instant);
  const ms = date.getTime();
  if (Number.isNaN(ms)) return '';
  if (!(ms >= HAND_WRITTEN_FROM_MS && ms < HAND_WRITTEN_TO_MS)) return intl().instant.format(date);
  const wall = new Date(ms + londonOffsetMinutes(date) * 60_000);
  return `${wall.getUTCDate()} ${MONTHS_SHORT[wall.getUTCMonth()]} ${wall.getUTCFullYear()}, ${twoDigits(wall.getUTCHours())}:${twoDigits(wall.getUTCMinutes())}`;
}
