import type { Case, Task } from '../../core/schemas';
import { type JourneyActor, inArea } from './actor';
import {
  type CaseTaskType,
  caseTaskDefinition,
  escalationOf,
  overseersOf,
  type TaskOwnership,
} from './types';
import { COUNTY } from '../../core/vocabulary/areas';
import { isCountyWideRole, type StaffRole } from '../../core/vocabulary/roles';
import { workerOwner } from '../../core/vocabulary/tasks';
import type { TaskType } from '../../core/config/task-types.generated';

export type { TaskOwnership } from './types';

// Who each case task waits on, who hears when it is late, and who may complete it: each type's
// owner, escalation chain and overseers are its module's (shared/domain/tasks/types).

/** The owner of a new task of `type` for a case as it stands. */
export function ownerFor(type: CaseTaskType, record: Pick<Case, 'locality' | 'keyWorkerId'>): TaskOwnership {
  return caseTaskDefinition(type).owner(record);
}

/**
 * The role told at an escalation level (1 = the first step) of a task of `type`, and the area it is
 * told in: the type's own chain (its module's `escalation`), whose last role is told again at further
 * levels. A county-wide role (First Response's duty manager, the head of service) is told in the
 * county; a locality role in the task's locality.
 */
export function escalationTarget(
  type: TaskType,
  level: number,
  locality: string,
): { role: StaffRole; area: string } {
  const chain = escalationOf(type);
  const role = chain[Math.min(Math.max(level, 1), chain.length) - 1]!;
  return { role, area: isCountyWideRole(role) ? COUNTY : locality };
}

export function mayCompleteTask(actor: JourneyActor, task: Pick<Task, 'type' | 'owner' | 'area'>): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'staff') return false;
  if (task.owner === workerOwner(actor.userId)) return true;
  if (task.owner.startsWith('role:')) {
    const [, role, area] = task.owner.split(':');
    if (role === actor.role && area === actor.area) return true;
  }
  const overseers: readonly StaffRole[] = overseersOf(task.type);
  return overseers.includes(actor.role as StaffRole) && inArea(actor, task.area);
}
