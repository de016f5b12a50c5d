import { londonDate } from '../../shared/core/calendar';
import type { Task } from '../../shared/core/schemas';
import type { JourneyActor } from '../../shared/domain/tasks/actor';
import type { Family } from './population';
import { Random } from './random';
import { actionTime, type PlannedAction } from './staff-answers';
import { STAFF } from './staff.generated';
import type { StaffRole } from '../../shared/core/vocabulary/roles';

// Who acts on a simulated task and what they answer: each type's answers are its own
// (shared/task-types/<type>/simulated.ts, gathered by the generated index; a type without them does
// not compile). Every draw comes from the family's own stream for that task, so the story does not
// depend on run order.

export type { PlannedAction };

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
