import { taskTypeDefinition } from '../domain/tasks/types';
import { TASK_TYPES, type TaskType } from '../core/config/task-types.generated';

// Each task type's completion example comes from its module (`api.outcomeExample`). Apart from the
// route table's examples so that the handlers, which import the route table, do not carry the task
// types' modules: only the OpenAPI document and the tests read these.

/** A valid outcome for each task type (dates fit a journey run from December 2026): each type's own. */
export const outcomeExamples = Object.fromEntries(
  TASK_TYPES.map((type) => [type, taskTypeDefinition(type).api.outcomeExample]),
) as Record<TaskType, unknown>;

/** The completion body for a task type, with its `type` (the document's discriminator). */
export function completionExample(type: TaskType): { type: TaskType; outcome: unknown } {
  return { type, outcome: outcomeExamples[type] };
}

/** The completion examples the document shows, one per task type. */
export function completionExamples(): Record<string, { summary: string; value: unknown }> {
  return Object.fromEntries(
    TASK_TYPES.map((type) => [type, { summary: `A ${type} task`, value: completionExample(type) }]),
  );
}
