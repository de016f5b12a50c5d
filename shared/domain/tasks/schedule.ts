import { addWorkingDays, addWorkingMinutes, type IsoDate, londonDate, londonTime } from '../../core/calendar';
import { configuredTimescales, type TaskType, type TimescalesConfig } from '../../core/config';

// When a human task is chased: reminders before it is due, escalations after, and for some types a
// final timeout. Every point is a working day (England) at the configured London time, so a reminder
// never lands on a weekend or a bank holiday. An urgent task (an immediate safeguarding concern) runs
// in working hours instead: escalated from its due time, then chased every few working hours. Pure:
// the human-task workflow asks `decideChase` each time it wakes and sleeps until the `nextAt` it answers.

export type ChaseKind = 'reminder' | 'escalation' | 'timeout';

export interface ChasePoint {
  kind: ChaseKind;
  day: IsoDate;
  at: Date;
  /** Escalation level, 1 for the first step of the escalation chain. */
  level?: number;
}

export interface ChaseProgress {
  remindersSent: number;
  escalationLevel: number;
}

export interface ChaseDecision {
  /** Send one reminder now (several due at once are folded into one). */
  remind: boolean;
  /** Escalate to this level now (skipped levels are folded into the highest due). */
  escalateTo?: number;
  /** The task times out now: the journey takes the type's timeout path. */
  timeOut: boolean;
  /** The counters after this decision is carried out. */
  progress: ChaseProgress;
  /** When to wake next; absent once the task has timed out or nothing more is scheduled. */
  nextAt?: Date;
}

/** The fixed points of a task due on `dueDate`: reminders, escalations, and the timeout if the type has one. */
export function chaseSchedule(type: TaskType, dueDate: IsoDate): ChasePoint[] {
  const timescales = configuredTimescales();
  const rule = timescales.tasks[type];
  const at = (day: IsoDate) => londonTime(day, timescales.chase.time);
  const points: ChasePoint[] = [];
  for (const before of [...new Set(rule.remindWorkingDaysBefore)].sort((a, b) => b - a)) {
    const day = addWorkingDays(dueDate, -before);
    points.push({ kind: 'reminder', day, at: at(day) });
  }
  [...new Set(rule.escalateWorkingDaysAfter)]
    .sort((a, b) => a - b)
    .forEach((after, index) => {
      const day = addWorkingDays(dueDate, after);
      points.push({ kind: 'escalation', day, at: at(day), level: index + 1 });
    });
  if (rule.timeoutWorkingDaysAfter !== undefined) {
    const day = addWorkingDays(dueDate, rule.timeoutWorkingDaysAfter);
    points.push({ kind: 'timeout', day, at: at(day) });
  }
  return points;
}

function urgentRule(type: TaskType, timescales: TimescalesConfig) {
  const rule = timescales.tasks[type].urgent;
  if (!rule) throw new RangeError(`timescales.tasks.${type}.urgent is not set: ${type} has no urgent tasks`);
  return rule;
}

/**
 * The fixed points of an urgent task due at `dueAt`: escalations `escalateWorkingHoursAfter` working
 * hours after it (0: at the due time itself), in working hours; no reminder before (the task's own
 * email went at once) and no timeout.
 */
export function urgentChaseSchedule(type: TaskType, dueAt: Date | string): ChasePoint[] {
  const timescales = configuredTimescales();
  const due = new Date(dueAt);
  return [...new Set(urgentRule(type, timescales).escalateWorkingHoursAfter)]
    .sort((a, b) => a - b)
    .map((after, index) => {
      const at = after === 0 ? due : addWorkingMinutes(due, after * 60, timescales.workingHours);
      return { kind: 'escalation', day: londonDate(at), at, level: index + 1 };
    });
}

/** The next repeated chase after `at`: every `repeatEveryWorkingDays` at the chase time, or working hours for an urgent task. */
type NextRepeat = (at: Date) => Date;

/**
 * Reminders repeated after the last escalation of a task that never times out: one every repeat,
 * from the last fixed point up to `until` (inclusive), plus the first after it.
 */
function repeatsUpTo(last: Date, until: Date, next: NextRepeat): { due: number; next: ChasePoint } {
  let due = 0;
  let at = next(last);
  // Bounded: a task is renewed long before a year of weekly repeats could pile up.
  while (at.getTime() <= until.getTime() && due < 1000) {
    due += 1;
    at = next(at);
  }
  return { due, next: { kind: 'reminder', day: londonDate(at), at } };
}

function nextRepeat(type: TaskType, urgent: boolean, timescales: TimescalesConfig): NextRepeat {
  if (urgent) {
    const minutes = urgentRule(type, timescales).repeatEveryWorkingHours * 60;
    return (at) => addWorkingMinutes(at, minutes, timescales.workingHours);
  }
  const every = timescales.chase.repeatEveryWorkingDays;
  return (at) => londonTime(addWorkingDays(londonDate(at), every), timescales.chase.time);
}

/**
 * What to do when a task's workflow wakes at `now`: which reminder, escalation or timeout is due and
 * not yet done, and when to wake next. Reminders count only after the task was opened (no reminder
 * for a day that passed before it existed); escalations and the timeout count whenever they fall,
 * because a task opened late is late all the same.
 */
export function decideChase(
  input: {
    type: TaskType;
    dueDate: IsoDate;
    openedAt: Date | string;
    now: Date | string;
    /** An urgent task's due instant: it is chased in working hours from then (urgentChaseSchedule). */
    urgentDueAt?: string;
  },
  done: ChaseProgress,
): ChaseDecision {
  const timescales = configuredTimescales();
  const now = new Date(input.now);
  const openedAt = new Date(input.openedAt);
  const urgent = input.urgentDueAt !== undefined;
  const points = urgent
    ? urgentChaseSchedule(input.type, input.urgentDueAt!)
    : chaseSchedule(input.type, input.dueDate);
  const passed = (point: ChasePoint) => point.at.getTime() <= now.getTime();

  const timeoutPoint = points.find((point) => point.kind === 'timeout');
  const fixedReminders = points.filter(
    (point) => point.kind === 'reminder' && passed(point) && point.at.getTime() > openedAt.getTime(),
  ).length;
  const escalationDue = Math.max(
    0,
    ...points.filter((point) => point.kind === 'escalation' && passed(point)).map((point) => point.level!),
  );

  let repeats = { due: 0, next: undefined as ChasePoint | undefined };
  if (!timeoutPoint && timescales.tasks[input.type].repeatAfterLastEscalation !== false) {
    const lastFixed = points.at(-1)!;
    repeats = repeatsUpTo(lastFixed.at, now, nextRepeat(input.type, urgent, timescales));
  }
  const remindersDue = fixedReminders + repeats.due;
  const timeOut = timeoutPoint !== undefined && passed(timeoutPoint);

  const progress: ChaseProgress = {
    remindersSent: Math.max(done.remindersSent, remindersDue),
    escalationLevel: Math.max(done.escalationLevel, escalationDue),
  };
  const future = [...points.filter((point) => !passed(point)), ...(repeats.next ? [repeats.next] : [])].sort(
    (a, b) => a.at.getTime() - b.at.getTime(),
  );
  return {
    remind: !timeOut && remindersDue > done.remindersSent,
    ...(!timeOut && escalationDue > done.escalationLevel ? { escalateTo: escalationDue } : {}),
    timeOut,
    progress,
    ...(timeOut || future.length === 0 ? {} : { nextAt: future[0]!.at }),
  };
}

/** Seconds from `now` to `at`, at least one (Step Functions wants a positive timeout). */
export function secondsUntil(at: Date, now: Date | string): number {
  return Math.max(1, Math.ceil((at.getTime() - new Date(now).getTime()) / 1000));
}
