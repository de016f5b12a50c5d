import { canCompleteTask } from '../shared/domain/access/rules';
import { now } from '../shared/core/clock';
import { defaultDb } from '../shared/adapters/data/db';
import { getTask } from '../shared/adapters/data/tasks';
import { staffOf } from '../shared/http/callers';
import { httpHandler } from '../shared/http/handler';
import { notFound } from '../shared/http/problem';
import { taskCompletionSchema } from '../shared/http/views';
import { parseOrThrow, ValidationError } from '../shared/core/schemas/errors';
import { completeReportTask, isReportTaskType } from '../shared/domain/reporting/complete';
import { completeTask } from '../shared/domain/tasks/complete';
import { pathId } from '../shared/http/path-params';

// POST /v1/tasks/{id}/complete: `{ "outcome": {...} }`, validated per task type by the journey. A
// second completion, or one after a cancel or timeout, is a 409: completing is never done twice.

export const handler = httpHandler(async (request) => {
  const caller = staffOf(request);
  const id = pathId(request.pathParameters);
  const task = await getTask(defaultDb(), id);
  if (!task || !canCompleteTask(caller, task)) throw notFound('No such task');
  const { type, outcome } = parseOrThrow(taskCompletionSchema, request.body);
  if (type !== undefined && type !== task.type) {
    throw new ValidationError([
      { path: 'type', rule: 'task_type', message: `this task is a ${task.type} task` },
    ]);
  }
  const actor = { kind: 'staff', userId: caller.userId, role: caller.role, area: caller.area } as const;
  // Report tasks are the reporting cycle's (no case to move); every other type is the journey's. Both
  // start from the task read above (one read a completion), written under its version.
  const done = await (isReportTaskType(task.type)
    ? completeReportTask(defaultDb(), id, actor, outcome, now(), task)
    : completeTask(defaultDb(), id, actor, outcome, now(), task)
  ).catch((error: unknown) => {
    // The journey validates the outcome itself; its paths are relative to it, the body's are not.
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(
      error.errors.map((field) => ({ ...field, path: field.path ? `outcome.${field.path}` : 'outcome' })),
    );
  });
  return { status: 200, body: { id: done.taskId, status: 'COMPLETED', type: done.type } };
});
