import { canSeeTask, queuesOf, ROLE_TASK_TYPES, type StaffCaller } from '../domain/access/rules';
import { configuredLocalities } from '../core/config';
import type { Db } from '../adapters/data/db';
import { listTasksByOwner } from '../adapters/data/tasks';
import { listWorkers } from '../adapters/data/workers';
import type { Task } from '../core/schemas/task';
import { COUNTY } from '../core/vocabulary/areas';
import type { StaffRole } from '../core/vocabulary/roles';
import { roleOwner, workerOwner } from '../core/vocabulary/tasks';
import type { TaskType } from '../core/config/task-types.generated';

// The task lists of the "My tasks" page: the caller's own and their role's queue, and for those who
// oversee an area (seniors, locality managers, head of service) the team's open tasks they may see.

const MAX_PER_OWNER = 200;

async function openTasksOf(db: Db, owner: string): Promise<Task[]> {
  const tasks: Task[] = [];
  let cursor: string | undefined;
  do {
    const page = await listTasksByOwner(db, owner, { limit: 100, ...(cursor ? { cursor } : {}) });
    tasks.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && tasks.length < MAX_PER_OWNER);
  return tasks;
}

/** A task as pages may hold it: never the task token, which stays in the table and the engine. */
export function withoutToken(task: Task): Task {
  const { taskToken: _token, ...shown } = task;
  return shown;
}

async function openTasksOfOwners(db: Db, owners: readonly string[]): Promise<Task[]> {
  const lists = await Promise.all([...new Set(owners)].map((owner) => openTasksOf(db, owner)));
  const byId = new Map<string, Task>();
  for (const task of lists.flat()) byId.set(task.id, withoutToken(task));
  // Every owner's list is read whole (up to MAX_PER_OWNER, its urgent tasks first in the Query, so a
  // cut never drops one), so one sort orders the page: urgent first, then soonest due.
  return [...byId.values()].sort(
    (a, b) =>
      Number(b.priority === 'urgent') - Number(a.priority === 'urgent') ||
      (a.dueAt ?? a.dueDate).localeCompare(b.dueAt ?? b.dueDate) ||
      a.id.localeCompare(b.id),
  );
}

/** Open tasks the caller can complete: their own, then their role's queue. */
export function myOpenTasks(db: Db, caller: StaffCaller): Promise<Task[]> {
  return openTasksOfOwners(db, [workerOwner(caller.userId), ...queuesOf(caller)]);
}

export const OVERSEEING_ROLES: readonly string[] = ['senior', 'locality-manager', 'head-of-service'];

export function oversees(caller: StaffCaller): boolean {
  return OVERSEEING_ROLES.includes(caller.role);
}

/** The localities whose team tasks the caller may look at (county roles: every locality). */
export function localitiesInScope(caller: StaffCaller): string[] {
  const all = configuredLocalities().map((locality) => locality.id);
  return caller.area === COUNTY ? all : all.filter((id) => id === caller.area);
}

const QUEUE_ROLES: StaffRole[] = ['hub-coordinator', 'locality-manager', 'senior', 'family-support-worker'];
const CASE_HOLDERS: StaffRole[] = ['family-support-worker', 'senior'];

/** Every open task in a locality: its role queues and the tasks of its case-holding staff. */
export async function localityOpenTasks(db: Db, locality: string): Promise<Task[]> {
  const workers = (
    await Promise.all(CASE_HOLDERS.map((role) => listWorkers(db, locality, role, { limit: 500 })))
  ).flatMap((page) => page.items);
  return openTasksOfOwners(db, [
    ...QUEUE_ROLES.map((role) => roleOwner(role, locality)),
    ...workers.map((worker) => workerOwner(worker.id)),
  ]);
}

/** Open tasks in a locality that the overseeing caller may see, of one type if asked. */
export async function teamOpenTasks(
  db: Db,
  caller: StaffCaller,
  locality: string,
  type?: TaskType,
): Promise<Task[]> {
  if (!oversees(caller) || !localitiesInScope(caller).includes(locality)) return [];
  const visible = new Set(ROLE_TASK_TYPES[caller.role as StaffRole] ?? []);
  return (await localityOpenTasks(db, locality)).filter(
    (task) => visible.has(task.type) && (!type || task.type === type) && canSeeTask(caller, task),
  );
}

export interface DueGroups {
  /** Urgent tasks, whenever due: the first table on the page. */
  urgent: Task[];
  overdue: Task[];
  today: Task[];
  upcoming: Task[];
}

export function groupByDue(tasks: readonly Task[], today: string): DueGroups {
  const normal = tasks.filter((task) => task.priority !== 'urgent');
  return {
    urgent: tasks.filter((task) => task.priority === 'urgent'),
    overdue: normal.filter((task) => task.dueDate < today),
    today: normal.filter((task) => task.dueDate === today),
    upcoming: normal.filter((task) => task.dueDate > today),
  };
}
