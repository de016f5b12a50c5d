import { addWorkingDays, type IsoDate, londonTime } from '../../core/calendar';
import { getConfig, type TaskType, type TimescalesConfig } from '../../core/config';

// When a human task is chased: reminders before it is due, escalations after, and for some types a
// final timeout. Every point is a working day (England) at the configured London time, so a reminder
// never lands on a weekend or a bank holiday. Pure: the human-task workflow asks `decideChase` each
// time it wakes and sleeps until the `nextAt` it answers.

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
  const { timescales } = getConfig();
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

/**
 * Reminders repeated after the last escalation of a task that never times out: one every
 * `repeatEveryWorkingDays`, from the last fixed point up to `until` (inclusive), plus the first after it.
 */
function repeatsUpTo(
  lastFixedDay: IsoDate,
  until: Date,
  timescales: TimescalesConfig,
): { due: number; next: ChasePoint } {
  const every = timescales.chase.repeatEveryWorkingDays;
  let due = 0;
  let day = addWorkingDays(lastFixedDay, every);
  let at = londonTime(day, timescales.chase.time);
  // Bounded: a task is renewed long before a year of weekly repeats could pile up.
  while (at.getTime() <= until.getTime() && due < 1000) {
    due += 1;
    day = addWorkingDays(day, every);
    at = londonTime(day, timescales.chase.time);
  }
  return { due, next: { kind: 'reminder', day, at } };
}

/**
 * What to do when a task's workflow wakes at `now`: which reminder, escalation or timeout is due and
 * not yet done, and when to wake next. Reminders count only after the task was opened (no reminder
 * for a day that passed before it existed); escalations and the timeout count whenever they fall,
 * because a task opened late is late all the same.
 */
export function decideChase(
  input: { type: TaskType; dueDate: IsoDate; openedAt: Date | string; now: Date | string },
  done: ChaseProgress,
): ChaseDecision {
  const { timescales } = getConfig();
  const now = new Date(input.now);
  const openedAt = new Date(input.openedAt);
  const points = chaseSchedule(input.type, input.dueDate);
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
    repeats = repeatsUpTo(lastFixed.day, now, timescales);
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
