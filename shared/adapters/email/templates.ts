import { type IsoDate, londonDate, TIME_ZONE } from '../../core/calendar';

// Every email the service sends, in one place, each as plain text and HTML. An email names the task,
// the case reference, the due date and links to the task page; it never carries a family's names,
// address or any other personal detail, and never a task token (the link holds the task id only,
// and opening it changes nothing).

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export type TaskEmailKind = 'assigned' | 'reminder' | 'escalated' | 'timed-out' | 'cancelled';

export interface TaskEmailData {
  taskId: string;
  /** The task type's label, the same words the pages use (shared/domain/tasks/types). */
  taskName: string;
  /** A case task's reference (`SLF-2027-00042`); report tasks name their period instead. */
  caseReference?: string;
  period?: string;
  dueDate: IsoDate;
  /**
   * An urgent task (a screen of an immediate safeguarding concern): the subject starts `URGENT`, the
   * email says why, and gives the time it is due, `dueAt`.
   */
  urgent?: { dueAt: string };
}

const dueFormat = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** `Monday 28 April 2025` for `2025-04-28` (a date-only value, formatted without shifting a day). */
export function formatDueDate(date: IsoDate): string {
  return dueFormat.format(new Date(`${date}T00:00:00Z`)).replace(',', '');
}

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: TIME_ZONE,
});

/** `10:30 on Wednesday 3 June 2026` for an instant, in London time. */
export function formatDueTime(instant: string): string {
  return `${timeFormat.format(new Date(instant))} on ${formatDueDate(londonDate(instant))}`;
}

/** Every email about an urgent task starts its subject with this, so it stands out in an inbox. */
export const URGENT_SUBJECT = 'URGENT';

const URGENT_LINE = 'This is an immediate safeguarding concern: screen it now, within the working hour.';

function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export function taskLink(baseUrl: string, taskId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/tasks/${encodeURIComponent(taskId)}`;
}

function subjectOf(data: TaskEmailData): string {
  const about = data.caseReference ?? data.period;
  return about ? `${data.taskName}: ${about}` : data.taskName;
}

function render(
  subject: string,
  paragraphs: string[],
  link?: { href: string; label: string },
): RenderedEmail {
  const text = [...paragraphs, ...(link ? [`${link.label}: ${link.href}`] : []), SIGN_OFF].join('\n\n');
  const html = [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8"><title>',
    escapeHtml(subject),
    '</title></head><body style="font-family: arial, sans-serif; font-size: 19px; line-height: 1.3; color: #0b0c0c">',
    ...paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
    ...(link
      ? [`<p><a href="${escapeHtml(link.href)}" style="color: #1d70b8">${escapeHtml(link.label)}</a></p>`]
      : []),
    `<p style="color: #505a5f">${escapeHtml(SIGN_OFF)}</p>`,
    '</body></html>',
  ].join('');
  return { subject, text, html };
}

const SIGN_OFF = 'Supporting Families service. Sign in to see the details; this email holds none.';

const LEAD: Record<TaskEmailKind, (name: string) => string> = {
  assigned: (name) => `You have a new task: ${name}.`,
  reminder: (name) => `Reminder: the task "${name}" is waiting for you.`,
  escalated: (name) => `The task "${name}" is overdue and has been escalated to you.`,
  'timed-out': (name) => `The task "${name}" was not done in time and has closed.`,
  cancelled: (name) => `The task "${name}" is no longer needed: you do not need to do anything.`,
};

const SUBJECT_PREFIX: Record<TaskEmailKind, string> = {
  assigned: 'New task',
  reminder: 'Reminder',
  escalated: 'Overdue',
  'timed-out': 'Timed out',
  cancelled: 'No longer needed',
};

/** The email about a task, to its owner (or, when escalated, to the people it is escalated to). */
export function taskEmail(kind: TaskEmailKind, data: TaskEmailData, baseUrl: string): RenderedEmail {
  const name = data.taskName;
  const about = data.caseReference
    ? `Case reference: ${data.caseReference}.`
    : data.period
      ? `Period: ${data.period}.`
      : '';
  const due = data.urgent
    ? `Due by ${formatDueTime(data.urgent.dueAt)}.`
    : `Due: ${formatDueDate(data.dueDate)}.`;
  const paragraphs = [
    LEAD[kind](name),
    ...(data.urgent && kind !== 'cancelled' ? [URGENT_LINE] : []),
    [about, due].filter(Boolean).join(' '),
  ];
  const link =
    kind === 'cancelled' ? undefined : { href: taskLink(baseUrl, data.taskId), label: 'Open the task' };
  const subject = `${SUBJECT_PREFIX[kind]}: ${subjectOf(data)}`;
  return render(data.urgent ? `${URGENT_SUBJECT} ${subject}` : subject, paragraphs, link);
}

/**
 * The out-of-hours team (the emergency duty team) hears at once of an urgent task the duty team
 * cannot do within today's working hours: the case reference, when the duty team's task is due, and
 * the task's link; nothing personal.
 */
export function outOfHoursEmail(
  data: { taskId: string; taskName: string; caseReference: string; dueAt: string; team: string },
  baseUrl: string,
): RenderedEmail {
  return render(
    `${URGENT_SUBJECT} out of hours: ${data.taskName}: ${data.caseReference}`,
    [
      `For the ${data.team}: an immediate safeguarding concern has been referred outside First Response's working hours (or too late in the day for the duty team to screen it today).`,
      `Case reference: ${data.caseReference}. The duty team's urgent ${data.taskName.toLowerCase()} is due by ${formatDueTime(data.dueAt)}; they have been told too.`,
    ],
    { href: taskLink(baseUrl, data.taskId), label: 'Open the task' },
  );
}

export type ReferralOutcome = 'stepped-up' | 'family-support' | 'redirected' | 'nfa' | 'closed' | 'withdrawn';

const OUTCOME_TEXT: Record<ReferralOutcome, string> = {
  'stepped-up':
    'The referral has been passed to children’s social care because of a safeguarding concern. They will contact you if they need more information.',
  'family-support': 'The family has been offered support from the family support service.',
  redirected: 'The referral has been passed to another early help service, which will contact the family.',
  nfa: 'No further action will be taken by the family support service.',
  closed: 'The family support service has closed its work with the family.',
  withdrawn: 'The referral has been withdrawn.',
};

/** The referrer hears the outcome of their referral: the case reference and the outcome, nothing personal. */
export function referralOutcomeEmail(data: {
  caseReference: string;
  outcome: ReferralOutcome;
}): RenderedEmail {
  return render(`Referral ${data.caseReference}: outcome`, [
    `Thank you for your referral (case reference ${data.caseReference}).`,
    OUTCOME_TEXT[data.outcome],
  ]);
}

/** The duty team (First Response) hears at once when a case is stepped up to children's social care. */
export function steppedUpNoticeEmail(
  data: { caseReference: string; caseId: string },
  baseUrl: string,
): RenderedEmail {
  return render(
    `Stepped up to children’s social care: ${data.caseReference}`,
    [
      `Case ${data.caseReference} has been stepped up to children’s social care because of a safeguarding concern.`,
      'Any open task for it has been cancelled.',
    ],
    {
      href: `${baseUrl.replace(/\/+$/, '')}/cases/${encodeURIComponent(data.caseId)}`,
      label: 'Open the case',
    },
  );
}
