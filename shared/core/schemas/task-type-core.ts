import type * as z from 'zod';

// What a task type's shared/task-types/<type>/core.ts tells the vocabulary layer. It sits below the
// domain because core validates and stores outcomes and checks the timescales configuration, and core
// must not import the domain; `npm run task-types:write` gathers these files into the generated indexes.

export interface TaskTypeCore {
  /**
   * Where the type stands in every list of task types (TASK_TYPES: role lists, the API document's
   * enums and examples), lowest first: the journey's order, then the reporting and casework types.
   */
  order: number;
  /** What a completion records; the API and the pages validate with it. */
  outcomeSchema: z.ZodType;
  /**
   * True when its due date is `timescales.tasks.<type>.dueInWorkingDays` working days after it opens:
   * the type is then in WORKING_DAY_TASK_TYPES and the configuration check requires that number.
   */
  dueInWorkingDays?: true;
}
