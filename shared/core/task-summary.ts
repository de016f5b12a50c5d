import type { Task, TaskSummary } from './schemas/task';
import { priorityOf } from './vocabulary/tasks';

// Apart from the task schema so that task lists, which validate no body, do not load zod.

/** A task as task lists show it (CONTRACT.md): never the token. */
export function toTaskSummary(task: Task): TaskSummary {
  return {
    id: task.id,
    type: task.type,
    ...(task.caseId ? { caseId: task.caseId } : {}),
    ...(task.caseReference ? { caseReference: task.caseReference } : {}),
    status: task.status,
    dueDate: task.dueDate,
    ...(task.dueAt ? { dueAt: task.dueAt } : {}),
    priority: priorityOf(task),
    owner: task.owner,
  };
}
