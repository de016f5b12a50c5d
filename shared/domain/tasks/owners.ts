import { getConfig } from '../../core/config';
import { type Case, COUNTY, type StaffRole, type Task, workerOwner } from '../../core/schemas';
import { type JourneyActor, inArea } from './actor';
import { type CaseTaskType, caseTaskDefinition, type TaskOwnership, taskTypeDefinition } from './types';

export type { TaskOwnership } from './types';

// Who each case task waits on, who hears when it is late, and who may complete it: each type's
// owner and overseers are its module's (shared/domain/tasks/types); the chain is the configuration's.

/** The owner of a new task of `type` for a case as it stands. */
export function ownerFor(type: CaseTaskType, record: Pick<Case, 'locality' | 'keyWorkerId'>): TaskOwnership {
  return caseTaskDefinition(type).owner(record);
}

/**
 * The role told at an escalation level (1 = the first step), going up the chain from the owner: a
 * worker's or a coordinator's task goes to the senior, then the locality manager; a task the
 * locality manager owns (allocation, a quarterly report) goes to the head of service. The top of the
 * chain is told again at further levels.
 */
export function escalationRole(level: number, ownerRole?: string): StaffRole {
  const chain: readonly StaffRole[] = getConfig().timescales.escalationChain;
  const above = ownerRole ? chain.indexOf(ownerRole as StaffRole) + 1 : 0;
  return chain[Math.min(above + level - 1, chain.length - 1)]!;
}

/** Where an escalation goes: head of service is county-wide, the others belong to the case's locality. */
export function escalationArea(role: StaffRole, locality: string): string {
  return role === 'head-of-service' ? COUNTY : locality;
}

export function mayCompleteTask(actor: JourneyActor, task: Pick<Task, 'type' | 'owner' | 'area'>): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'staff') return false;
  if (task.owner === workerOwner(actor.userId)) return true;
  if (task.owner.startsWith('role:')) {
    const [, role, area] = task.owner.split(':');
    if (role === actor.role && area === actor.area) return true;
  }
  const overseers: readonly StaffRole[] = taskTypeDefinition(task.type).overseers;
  return overseers.includes(actor.role as StaffRole) && inArea(actor, task.area);
}
