import { getConfig } from '../../core/config';
import { type Case, COUNTY, roleOwner, type StaffRole, type Task, workerOwner } from '../../core/schemas';
import { type JourneyActor, inArea } from './actor';
import type { CaseTaskType } from './due-dates';

// Who each case task waits on, who hears when it is late, and who may complete it.

export interface TaskOwnership {
  owner: string;
  /** The area whose overseers see the task: the case's locality, or the county for the duty team. */
  area: string;
}

/** The owner of a new task of `type` for a case as it stands. */
export function ownerFor(type: CaseTaskType, record: Pick<Case, 'locality' | 'keyWorkerId'>): TaskOwnership {
  switch (type) {
    case 'safeguarding-screen':
      return { owner: roleOwner('duty-social-worker', COUNTY), area: COUNTY };
    case 'hub-decision':
      return { owner: roleOwner('hub-coordinator', record.locality), area: record.locality };
    case 'allocation':
      return { owner: roleOwner('locality-manager', record.locality), area: record.locality };
    case 'consent':
    case 'assessment':
    case 'review':
    case 'closure':
      if (!record.keyWorkerId) throw new RangeError(`a ${type} task needs the case's key worker`);
      return { owner: workerOwner(record.keyWorkerId), area: record.locality };
  }
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

/**
 * Overseers who may complete a task in their area besides its owner: escalation tells them, it does
 * not take the task from its owner, so a senior can step in on an overdue consent or assessment.
 */
const OVERSEERS: Partial<Record<Task['type'], readonly StaffRole[]>> = {
  allocation: ['hub-coordinator', 'senior', 'locality-manager'],
  consent: ['senior'],
  assessment: ['senior'],
  review: ['senior'],
  closure: ['senior'],
};

export function mayCompleteTask(actor: JourneyActor, task: Pick<Task, 'type' | 'owner' | 'area'>): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'staff') return false;
  if (task.owner === workerOwner(actor.userId)) return true;
  if (task.owner.startsWith('role:')) {
    const [, role, area] = task.owner.split(':');
    if (role === actor.role && area === actor.area) return true;
  }
  return (OVERSEERS[task.type] ?? []).includes(actor.role as StaffRole) && inArea(actor, task.area);
}
