import { TASK_FORMS } from './forms.generated';

// Every task type's form (its shared/task-types/<type>/form.ts, the pages' half of the type), gathered
// by the generated index: a type without one does not compile.

export { TASK_FORMS };
