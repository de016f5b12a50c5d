import * as z from 'zod';
import { longText } from '../../core/schemas/common';
import type { TaskTypeCore } from '../../core/schemas/task-type-core';

/**
 * A staff-owned plan action (or the next Team Around the Family meeting) done: completing the task
 * marks its action `done` in the family plan. `note`, optional, says what was done (kept on the task).
 */
export const planActionOutcomeSchema = z.strictObject({ note: longText(2000).optional() });

export const planActionCore = {
  order: 110,
  outcomeSchema: planActionOutcomeSchema,
} satisfies TaskTypeCore;
