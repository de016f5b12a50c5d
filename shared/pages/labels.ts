import { getConfig } from '../core/config';
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
  return getConfig().localities.find((locality) => locality.id === area)?.name ?? area;
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

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const instantFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

/** `2026-07-04` -> `4 July 2026` (a London calendar day, formatted as is). */
export function formatDay(day: string | undefined): string {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return '';
  return dayFormat.format(new Date(`${day}T00:00:00Z`));
}

/** An instant as London wall time: `4 Jul 2026, 09:30`. */
export function formatInstant(instant: string | undefined): string {
  if (!instant) return '';
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? '' : instantFormat.format(date);
}
