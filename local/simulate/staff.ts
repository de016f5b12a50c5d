import { addWorkingDays, londonDate, londonTime } from '../../shared/core/calendar';
import type { FamilyStar, StaffRole, Task, TaskType } from '../../shared/core/schemas';
import type { JourneyActor } from '../../shared/domain/tasks/actor';
import { ACTION_HOURS, type Family } from './population';
import { Random } from './random';

// How simulated staff answer their tasks: after a seeded, realistic delay in working days (most on
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

function star(random: Random, base: number): FamilyStar {
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
interface CaseTaskContext {
  random: Random;
  opened: Date;
  today: (at: Date) => string;
  family: Family;
  occurrence: number;
}

/**
 * How staff answer each type (every task type has an entry: a new type does not compile without
 * one). Case tasks are answered per family; report tasks per scope and period; `undefined`: nobody
 * acts on this path.
 */
const STAFF: {
  [T in TaskType]:
    | { kind: 'case'; plan(context: CaseTaskContext): PlannedAction | undefined }
    | { kind: 'report'; plan(at: Date): PlannedAction };
} = {
  'safeguarding-screen': {
    kind: 'case',
    plan: ({ random, opened, family }) => {
      const delay = random.chance(0.05) ? random.int(2, 3) : random.int(0, 1);
      // The duty team screens an urgent referral within its hour, one in ten late; more are stepped up
      const stepUp = random.chance(family.urgent ? 0.3 : 0.02);
      const minutes = () => (random.chance(0.1) ? random.int(70, 110) : random.int(10, 50));
      return {
        at: family.urgent
          ? new Date(opened.getTime() + minutes() * 60_000)
          : actionTime(opened, delay, random),
        movesCapacity: false,
        decision: stepUp ? 'step-up' : 'proceed',
        outcome: stepUp
          ? { decision: 'step-up', reason: 'Simulated: immediate safeguarding concern.' }
          : { decision: 'proceed', reason: 'Simulated: suitable for early help.' },
      };
    },
  },
  'hub-decision': {
    kind: 'case',
    plan: ({ random, opened, family }) => {
      const delay = random.chance(0.1) ? random.int(6, 9) : random.int(1, 5);
      const decision = random.weighted(['family-support', 'redirect', 'nfa'], [88, 8, 4]);
      const enhanced = family.complex ? random.chance(0.85) : random.chance(0.1);
      const outcome =
        decision === 'family-support'
          ? {
              decision,
              supportLevel: enhanced ? 'enhanced' : 'standard',
              reason: 'Simulated: several needs.',
            }
          : decision === 'redirect'
            ? { decision, service: 'Children’s centre', reason: 'Simulated: better met there.' }
            : { decision, reason: 'Simulated: needs already met.' };
      return {
        at: actionTime(opened, delay, random),
        movesCapacity: decision === 'family-support',
        decision,
        outcome,
      };
    },
  },
  // Allocation waits for a free place (the journey allocates it when one frees).
  allocation: { kind: 'case', plan: () => undefined },
  consent: {
    kind: 'case',
    plan: ({ random, opened, today, family }) => {
      const decision = random.weighted(['given', 'declined', 'no-contact', 'no-answer'], [86, 7, 4, 3]);
      if (decision === 'no-answer') {
        return { at: opened, movesCapacity: true, decision };
      }
      const delay = random.chance(0.08) ? random.int(11, 14) : random.int(1, 9);
      const at = actionTime(opened, delay, random);
      const outcome =
        decision === 'given'
          ? { decision, date: today(at), givenBy: `Parent ${family.index}`, relationship: 'parent' }
          : decision === 'declined'
            ? { decision, date: today(at), reason: 'Simulated: the family does not want support.' }
            : { decision, attempts: 3 };
      return { at, movesCapacity: decision !== 'given', decision, outcome };
    },
  },
  assessment: {
    kind: 'case',
    plan: ({ random, opened, today, family }) => {
      const delay = random.chance(0.12) ? random.int(46, 55) : random.int(10, 40);
      const at = actionTime(opened, delay, random);
      return {
        at,
        movesCapacity: false,
        decision: 'assessed',
        outcome: {
          completedOn: today(at),
          needs: family.needs,
          familyStar: star(random, 4),
          plan: {
            summary: 'Simulated plan.',
            goals: [{ need: family.needs[0], goal: 'Simulated goal', actions: 'Simulated actions.' }],
          },
        },
      };
    },
  },
  review: {
    kind: 'case',
    plan: ({ random, opened, today, occurrence }) => {
      const delay = random.chance(0.15) ? random.int(11, 18) : random.int(3, 10);
      const at = actionTime(opened, delay, random);
      const decision = random.weighted(['continue', 'close', 'step-up'], [92, 6, 2]);
      return {
        at,
        movesCapacity: decision === 'step-up',
        decision,
        outcome: {
          heldOn: today(at),
          familyStar: star(random, 4 + occurrence),
          progress: 'Simulated progress.',
          decision,
        },
      };
    },
  },
  closure: {
    kind: 'case',
    plan: ({ random, opened, family }) => {
      const delay = random.chance(0.1) ? random.int(11, 14) : random.int(1, 8);
      const reason = random.weighted(
        ['plan-completed', 'support-ended', 'family-disengaged', 'moved-away', 'consent-withdrawn', 'other'],
        [60, 15, 12, 6, 4, 3],
      );
      const resolved = family.needs.slice(0, Math.max(1, family.needs.length - random.int(0, 2)));
      return {
        at: actionTime(opened, delay, random),
        movesCapacity: true,
        decision: reason,
        outcome: {
          reason,
          outcomes: {
            needsResolved: resolved,
            needsOutstanding: family.needs.filter((need) => !resolved.includes(need)),
            summary: 'Simulated closure.',
          },
        },
      };
    },
  },
  'quarterly-report': {
    kind: 'report',
    plan: (at) => ({
      at,
      movesCapacity: false,
      decision: 'submitted',
      outcome: { commentary: 'Simulated commentary.' },
    }),
  },
  'annual-report': {
    kind: 'report',
    plan: (at) => ({
      at,
      movesCapacity: false,
      decision: 'submitted',
      outcome: { commentary: 'Simulated commentary.' },
    }),
  },
  'annual-conversation': {
    kind: 'report',
    plan: (at) => ({
      at,
      movesCapacity: false,
      decision: 'held',
      outcome: {
        heldOn: londonDate(at),
        attendees: ['Simulated partner'],
        notes: 'Simulated conversation.',
      },
    }),
  },
  // A key worker's plan action (or the next meeting): done within a few working days of its email,
  // one in ten a week or two late.
  'plan-action': {
    kind: 'case',
    plan: ({ random, opened }) => ({
      at: actionTime(opened, random.chance(0.1) ? random.int(10, 20) : random.int(2, 8), random),
      movesCapacity: false,
      decision: 'done',
      outcome: { note: 'Simulated: done.' },
    }),
  },
  // The claim cycle's audit passes every sampled family; the sign-off approves (local/simulate/claims.ts
  // fails a share of audits where it models them).
  'claim-audit': {
    kind: 'report',
    plan: (at) => ({ at, movesCapacity: false, decision: 'audited', outcome: { failed: [] } }),
  },
  'claim-sign-off': {
    kind: 'report',
    plan: (at) => ({
      at,
      movesCapacity: false,
      decision: 'approved',
      outcome: { approved: true, commentary: 'Simulated sign-off.' },
    }),
  },
};

export function planAction(
  task: Pick<Task, 'type' | 'createdAt'>,
  family: Family,
  occurrence: number,
  seed: number,
): PlannedAction | undefined {
  const random = Random.stream(seed, `${task.type}#${occurrence}`, family.index);
  const opened = new Date(task.createdAt);
  const today = (at: Date) => londonDate(at);
  // Report tasks are the reporting cycle's (planReport).
  const staff = STAFF[task.type];
  return staff.kind === 'case' ? staff.plan({ random, opened, today, family, occurrence }) : undefined;
}

/** A report task (quarterly report, annual report, annual conversation): answered in 5-15 working days, some late. */
export function planReport(
  task: Pick<Task, 'type' | 'createdAt' | 'period' | 'area'>,
  seed: number,
): PlannedAction | undefined {
  const random = Random.stream(seed, `${task.type}#${task.period}#${task.area}`);
  const at = actionTime(
    new Date(task.createdAt),
    random.chance(0.15) ? random.int(16, 25) : random.int(5, 15),
    random,
  );
  const staff = STAFF[task.type];
  return staff.kind === 'report' ? staff.plan(at) : undefined;
}

const ROLE_USERS: Partial<Record<StaffRole, (area: string) => string>> = {
  'duty-social-worker': () => 'duty',
  'duty-manager': () => 'duty-manager',
  'head-of-service': () => 'head',
  'hub-coordinator': (area) => `hub-${area}`,
  'locality-manager': (area) => `manager-${area}`,
};

/** The member of staff who acts on a task: its owner, or the owner role's person in the area. */
export function actorFor(task: Pick<Task, 'owner' | 'area'>): JourneyActor {
  const [kind, a, b] = task.owner.split(':');
  if (kind === 'worker') {
    const role: StaffRole = a!.startsWith('senior-') ? 'senior' : 'family-support-worker';
    return { kind: 'staff', userId: a!, role, area: task.area };
  }
  const role = a as StaffRole;
  const user = ROLE_USERS[role]?.(b!) ?? `${role}-${b}`;
  return { kind: 'staff', userId: user, role, area: b! };
}
