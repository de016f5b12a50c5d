import { type FieldError, toFieldErrors } from '../../core/schemas/errors';
import { taskOutcomeSchemas } from '../../core/schemas/outcomes';
import { type FormValues, type PageErrors, pageErrors } from '../forms';
import { TASK_FORMS } from './index';
import type { TaskType } from '../../core/config/task-types.generated';

// A posted task form checked with the task type's outcome schema, the one the API and the journey
// use, so a page can never accept what the API would refuse or the other way round.

export type FormCheck = { ok: true; outcome: unknown } | { ok: false; errors: PageErrors };

/** The schema's errors (outcome paths) as the form's error summary and inline messages. */
export function formErrors(type: TaskType, values: FormValues, errors: readonly FieldError[]): PageErrors {
  const form = TASK_FORMS[type];
  const mapped = errors.map((error) => ({
    ...error,
    path: form.fieldFor?.(error.path, values) ?? error.path,
  }));
  return pageErrors(mapped, form.fields);
}

export function checkTaskForm(type: TaskType, values: FormValues): FormCheck {
  const candidate = TASK_FORMS[type].toOutcome(values);
  const result = taskOutcomeSchemas[type].safeParse(candidate);
  if (result.success) return { ok: true, outcome: candidate };
  return { ok: false, errors: formErrors(type, values, toFieldErrors(result.error, candidate)) };
}
