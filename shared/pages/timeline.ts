import type { AuditEvent } from '../core/schemas/audit';
import { CASE_STATUS_LABELS, ownerLabel, roleLabel, TASK_TYPE_LABELS } from './labels';

// A case's journey as a timeline, from its audit events (every change to a case appends one, who
// and when, ids only) and the journey's execution history when it can be read. Newest first.

export interface TimelineEntry {
  /** The audit event's id (a ULID: events of the same instant sort in the order they were made). */
  id: string;
  at: string;
  title: string;
  detail?: string;
  /** Status changes are drawn apart from the steps within a status. */
  kind: 'status' | 'task' | 'other';
}

function taskName(event: AuditEvent): string {
  const type = event.details?.type;
  return typeof type === 'string'
    ? (TASK_TYPE_LABELS[type as keyof typeof TASK_TYPE_LABELS] ?? type)
    : 'Task';
}

function who(event: AuditEvent): string {
  switch (event.actor.type) {
    case 'staff':
      return `${event.actor.id}${event.actor.role ? ` (${roleLabel(event.actor.role)})` : ''}`;
    case 'partner':
      return `partner ${event.actor.id}`;
    case 'family':
      return 'the family';
    default:
      return 'the system';
  }
}

function humanise(action: string): string {
  const words = action.replace(/^[a-z]+\./, '').replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function timelineEntry(event: AuditEvent): TimelineEntry {
  return { id: event.id, ...describe(event) };
}

function describe(event: AuditEvent): Omit<TimelineEntry, 'id'> {
  const details = event.details ?? {};
  const worker = typeof details.workerId === 'string' ? `key worker ${details.workerId}` : undefined;
  switch (event.action) {
    case 'case.created':
      return { at: event.at, kind: 'status', title: 'Referral received', detail: `From ${who(event)}` };
    case 'case.status-changed':
      return {
        at: event.at,
        kind: 'status',
        title: `${CASE_STATUS_LABELS[event.toStatus!] ?? event.toStatus}`,
        detail: `Moved from ${CASE_STATUS_LABELS[event.fromStatus!] ?? event.fromStatus} by ${who(event)}${worker ? `, ${worker}` : ''}`,
      };
    case 'case.allocated':
      return {
        at: event.at,
        kind: 'other',
        title: 'Key worker allocated',
        detail: typeof details.workerId === 'string' ? details.workerId : undefined,
      };
    case 'case.duplicate-flagged':
      return { at: event.at, kind: 'other', title: 'Possible duplicate flagged for the screener' };
    case 'case.match-linked':
    case 'case.match-dismissed':
      return {
        at: event.at,
        kind: 'other',
        title:
          event.action === 'case.match-linked'
            ? 'Linked to a record of the same family'
            : 'Possible match dismissed',
        detail: `By ${who(event)}`,
      };
    case 'task.created':
      return { at: event.at, kind: 'task', title: `${taskName(event)} opened` };
    case 'task.completed':
      return {
        at: event.at,
        kind: 'task',
        title: `${taskName(event)} completed`,
        detail: `By ${who(event)}`,
      };
    case 'task.reminded':
      return { at: event.at, kind: 'task', title: `Reminder sent: ${taskName(event)}` };
    case 'task.escalated':
      return {
        at: event.at,
        kind: 'task',
        title: `${taskName(event)} escalated`,
        detail: typeof details.owner === 'string' ? `To ${ownerLabel(details.owner)}` : undefined,
      };
    case 'task.cancelled':
      return {
        at: event.at,
        kind: 'task',
        title: `${taskName(event)} cancelled`,
        detail: typeof details.reason === 'string' ? details.reason : undefined,
      };
    case 'task.timed-out':
      return { at: event.at, kind: 'task', title: `${taskName(event)} timed out` };
    case 'task.reassigned':
      return {
        at: event.at,
        kind: 'task',
        title: `${taskName(event)} reassigned`,
        detail: typeof details.owner === 'string' ? `To ${ownerLabel(details.owner)}` : undefined,
      };
    default:
      return {
        at: event.at,
        kind: 'other',
        title: humanise(typeof details.action === 'string' ? details.action : event.action),
        detail: `By ${who(event)}`,
      };
  }
}

export function timelineOf(events: readonly AuditEvent[]): TimelineEntry[] {
  // By instant (written with or without milliseconds), then by id; ids made by different processes
  // in the same millisecond need not sort in the order things happened, but nothing precedes the
  // referral itself.
  const first = new Set(events.filter((event) => event.action === 'case.created').map((event) => event.id));
  return events
    .map(timelineEntry)
    .sort(
      (a, b) =>
        Date.parse(b.at) - Date.parse(a.at) ||
        Number(first.has(a.id)) - Number(first.has(b.id)) ||
        b.id.localeCompare(a.id),
    );
}

/** A workflow state's name as words: `WaitForHubDecision` -> "Wait for hub decision". */
export function stateLabel(state: string): string {
  const words = state.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
