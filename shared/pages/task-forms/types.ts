import type { StaffCaller } from '../../domain/access/rules';
import type { Db } from '../../adapters/data/db';
import type { Case } from '../../core/schemas/case';
import type { Task } from '../../core/schemas/task';
import type { FieldSpec, FormValues } from '../forms';

// One form per task type, its shared/task-types/<type>/form.ts (the pages' half of its definition; its
// domain.ts must not import the pages): how its fields read, how a posted form becomes the outcome the journey
// validates (with the same zod schema as the API), and what the page shows beside the form.

export interface TaskFormContext {
  db: Db;
  task: Task;
  record?: Case;
  caller: StaffCaller;
  /** Today in London, `YYYY-MM-DD`. */
  today: string;
}

export interface TaskForm {
  // The template is form.njk beside the form (the task page renders `<type>/form.njk`).
  /** Form field paths (ids with dots) and how each reads in an error message, in page order. */
  fields: Record<string, FieldSpec>;
  /** The form's values before anything was saved (e.g. the needs the referral named). */
  initialValues?(context: TaskFormContext): FormValues;
  /** A posted (or saved) form as the outcome candidate; blanks left out so the schema says "required". */
  toOutcome(values: FormValues): unknown;
  /** The form field an outcome error path belongs to, when the two differ. */
  fieldFor?(outcomePath: string, values: FormValues): string;
  /** Options and context the template needs. */
  viewData?(context: TaskFormContext, values: FormValues): Promise<Record<string, unknown>>;
}
