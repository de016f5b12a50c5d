import { addWorkingDays, londonDate, londonTime } from '../../shared/core/calendar';
import type { FamilyStar } from '../../shared/core/schemas';
import { ACTION_HOURS, type Family } from './population';
import type { Random } from './random';

// What simulated staff answer their tasks with (each type's own answers are its
// shared/task-types/<type>/simulated.ts): after a seeded, realistic delay in working days (most on
// time, some late), with the decisions the seeds make plausible (a few step-ups at the screen, some
// redirections, consents declined or never answered, reviews that continue or close). Every draw
// comes from the family's own stream for that task, so the story does not depend on run order.

export interface PlannedAction {
  at: Date;
  /** Undefined: nobody acts (the journey's own timeout or automation decides). */
  outcome?: unknown;
  /** Whether the action can change a locality's free places (allocation, closure, ending). */
  movesCapacity: boolean;
  decision: string;
}

const STAR_AREAS = [
  'physical-health',
  'well-being',
  'emotional-needs',
  'keeping-safe',
  'social-networks',
  'education-learning',
  'boundaries-behaviour',
  'family-routine',
  'home-money',
  'progress-to-work',
] as const;

export function star(random: Random, base: number): FamilyStar {
  return Object.fromEntries(
    STAR_AREAS.map((area) => [area, Math.max(1, Math.min(10, base + random.int(-1, 1)))]),
  ) as FamilyStar;
}

/** The instant `workingDays` after `opened`, at an office hour, never before `opened`. */
export function actionTime(opened: Date, workingDays: number, random: Random): Date {
  const hour = ACTION_HOURS[random.int(0, ACTION_HOURS.length - 1)]!;
  let date = addWorkingDays(londonDate(opened), workingDays);
  let at = londonTime(date, `${String(hour).padStart(2, '0')}:00`);
  while (at.getTime() <= opened.getTime()) {
    date = addWorkingDays(date, 1);
    at = londonTime(date, `${String(hour).padStart(2, '0')}:00`);
  }
  return at;
}

/** What a simulated member of staff needs to decide a case task. */
export interface CaseTaskContext {
  random: Random;
  opened: Date;
  today: (at: Date) => string;
  family: Family;
  occurrence: number;
}

/**
 * How staff answer one task type: case tasks per family, report tasks per scope and period;
 * `undefined`: nobody acts on this path.
 */
export type SimulatedStaff =
  | { kind: 'case'; plan(context: CaseTaskContext): PlannedAction | undefined }
  | { kind: 'report'; plan(at: Date): PlannedAction };
