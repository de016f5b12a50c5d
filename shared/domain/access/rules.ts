import type { Case } from '../../core/schemas/case';
import type { Task } from '../../core/schemas/task';
import { mayCompleteTask } from '../tasks/owners';
import { mayReadFamilyDetails } from './case-view';
import { taskTypesOfRole } from '../tasks/types';
import { COUNTY } from '../../core/vocabulary/areas';
import { STAFF_ROLES, type StaffRole } from '../../core/vocabulary/roles';
import type { TaskType } from '../../core/config/task-types.generated';

// Who may see and act on what: every access rule in one place, pure functions of the caller and the
// record, used by the HTTP handlers and the staff pages alike. A refusal is never explained to the
// caller beyond "not found", so nobody learns that another partner's or locality's record exists.

export interface PartnerCaller {
  kind: 'partner';
  partnerId: string;
}

export interface StaffCaller {
  kind: 'staff';
  userId: string;
  role: StaffRole | string;
  /** A locality id, or `county` for county-wide roles. */
  area: string;
}

/** The task types each role works on (CONTRACT.md task types): each type's module names its roles. */
export const ROLE_TASK_TYPES: Record<StaffRole, readonly TaskType[]> = Object.fromEntries(
  STAFF_ROLES.map((role) => [role, taskTypesOfRole(role)]),
) as Record<StaffRole, TaskType[]>;

/** Roles that oversee every task of their types in their area, not only their own and their queue's. */
const OVERSEEING_ROLES: readonly string[] = ['senior', 'locality-manager', 'head-of-service'];

/** Roles that see every case in their area (county-wide roles: every case). */
const AREA_CASE_ROLES: readonly string[] = [
  'duty-social-worker',
  'duty-manager',
  'hub-coordinator',
  'senior',
  'locality-manager',
  'head-of-service',
];

function taskTypesOf(role: string): readonly TaskType[] {
  return ROLE_TASK_TYPES[role as StaffRole] ?? [];
}

function inArea(caller: StaffCaller, area: string): boolean {
  return caller.area === COUNTY || caller.area === area;
}

/** A partner reads, lists and withdraws only the referrals it made. */
export function partnerOwnsCase(caller: PartnerCaller, record: Pick<Case, 'referral'>): boolean {
  return record.referral.source === 'partner' && record.referral.partnerId === caller.partnerId;
}

/**
 * Who may complete a task is the journey's rule (owner, the owning queue, overseers in the area),
 * narrowed to the task types of the caller's role.
 */
export function canCompleteTask(caller: StaffCaller, task: Pick<Task, 'type' | 'owner' | 'area'>): boolean {
  return (
    taskTypesOf(caller.role).includes(task.type) &&
    mayCompleteTask({ kind: 'staff', userId: caller.userId, role: caller.role, area: caller.area }, task)
  );
}

/** Whoever may complete a task sees it; overseers also see their area's tasks of their role's types. */
export function canSeeTask(caller: StaffCaller, task: Pick<Task, 'type' | 'owner' | 'area'>): boolean {
  if (!taskTypesOf(caller.role).includes(task.type)) return false;
  return (
    canCompleteTask(caller, task) || (OVERSEEING_ROLES.includes(caller.role) && inArea(caller, task.area))
  );
}

export function canSeeCase(caller: StaffCaller, record: Pick<Case, 'locality' | 'keyWorkerId'>): boolean {
  if (caller.role === 'family-support-worker') return record.keyWorkerId === caller.userId;
  return AREA_CASE_ROLES.includes(caller.role) && inArea(caller, record.locality);
}

/**
 * The case record (chronology) is the family's own story: kept and read by the people who work with the
 * family and see the case (the key worker, their senior, the duty team and the hub), not by managers,
 * who see a case's facts only (case-view.ts).
 */
export function canKeepCaseRecord(
  caller: StaffCaller,
  record: Pick<Case, 'locality' | 'keyWorkerId'>,
): boolean {
  return canSeeCase(caller, record) && mayReadFamilyDetails(caller.role);
}

/** Changes to a case's course outside its tasks (DESIGN.md: at any point). */
export type CaseAction = 'step-up' | 'withdraw' | 'transfer' | 'extend-support' | 'lead-professional';

/**
 * Anyone who sees a case may step it up (safeguarding can't wait for a role) or record that the family
 * withdrew; moving a case or extending its support is a senior's or manager's call in their area.
 */
export function canChangeCase(
  caller: StaffCaller,
  record: Pick<Case, 'locality' | 'keyWorkerId'>,
  action: CaseAction,
): boolean {
  if (!canSeeCase(caller, record)) return false;
  if (action === 'step-up' || action === 'withdraw') return true;
  // The key worker and their senior agree who leads the team around the family.
  if (action === 'lead-professional') return ['family-support-worker', 'senior'].includes(caller.role);
  const deciders = action === 'transfer' ? OVERSEEING_ROLES : ['senior', 'locality-manager'];
  return deciders.includes(caller.role) && inArea(caller, record.locality);
}

/**
 * What the family agreed to share with partner agencies is recorded by the people who work with the
 * family (the key worker, their senior), and read by everyone who keeps the case record.
 */
export function canRecordSharingConsent(
  caller: StaffCaller,
  record: Pick<Case, 'locality' | 'keyWorkerId'>,
): boolean {
  return canKeepCaseRecord(caller, record) && ['family-support-worker', 'senior'].includes(caller.role);
}

/**
 * Queues a role works besides its own: First Response's duty manager oversees the duty team's
 * screens (the queue's tasks are theirs to complete too), so their list shows them.
 */
const OVERSEEN_QUEUES: Partial<Record<StaffRole, readonly StaffRole[]>> = {
  'duty-manager': ['duty-social-worker'],
};

/** The queues (task owners) a caller's task list reads, besides their own `worker:<id>`. */
export function queuesOf(caller: StaffCaller): string[] {
  if (taskTypesOf(caller.role).length === 0) return [];
  const roles = [caller.role, ...(OVERSEEN_QUEUES[caller.role as StaffRole] ?? [])];
  return roles.map((role) => `role:${role}:${caller.area}`);
}

/** Roles that read performance reports: a locality manager their locality's, the head of service all. */
const REPORT_READERS: readonly string[] = ['locality-manager', 'head-of-service'];

/**
 * Whether a caller may read a scope's reports (a locality, or `partnership` for the whole county).
 * `forbidden`: the role never reads reports; `hidden`: a manager asking for another locality's or the
 * partnership's, answered as not found like another locality's case.
 */
export function reportAccess(caller: StaffCaller, scope: string): 'allowed' | 'forbidden' | 'hidden' {
  if (!REPORT_READERS.includes(caller.role)) return 'forbidden';
  if (caller.area === COUNTY) return 'allowed';
  return caller.area === scope ? 'allowed' : 'hidden';
}

/**
 * Who records a referral for a family: the front door's duty officers (First Response's duty social
 * workers and duty manager, county-wide) and a locality's hub coordinator for their own locality, who
 * take contacts by phone, email, in person or by letter. A step-down comes only from children's social
 * care, whose social workers are First Response's: they assessed the family, which is why the screen
 * is skipped, so nobody else may send a referral past it.
 */
export function canEnterReferral(
  caller: StaffCaller,
  referral: { locality: string; route?: string | undefined },
): boolean {
  const socialCare = SOCIAL_CARE_ROLES.includes(caller.role);
  if (referral.route === 'step-down') return socialCare;
  if (socialCare) return true;
  return caller.role === 'hub-coordinator' && inArea(caller, referral.locality);
}

const SOCIAL_CARE_ROLES: readonly string[] = ['duty-social-worker', 'duty-manager'];

/** The roles that record referrals at all (the pages offer them the form). */
export const REFERRAL_RECORDERS: readonly string[] = [...SOCIAL_CARE_ROLES, 'hub-coordinator'];

/**
 * Who links or dismisses a record's possible matches: First Response, who screen every referral
 * (seeds/001: the single front door), and the head of service, among those who see the case.
 */
const MATCH_DECIDERS: readonly string[] = ['duty-social-worker', 'duty-manager', 'head-of-service'];

export function canDecideMatches(
  caller: StaffCaller,
  record: Pick<Case, 'locality' | 'keyWorkerId'>,
): boolean {
  return MATCH_DECIDERS.includes(caller.role) && canSeeCase(caller, record);
}
