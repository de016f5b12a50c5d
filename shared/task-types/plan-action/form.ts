import { listPlanVersions } from '../../adapters/data/family-plan';
import { optional } from '../../pages/forms';
import type { TaskForm } from '../../pages/task-forms/types';

// A staff-owned plan action's task (or the next Team Around the Family meeting's): the page shows what
// the action is, from the plan (never in the task's email), and takes an optional note of what was done.

const NEXT_MEETING = 'Hold the next Team Around the Family meeting';

export const planActionForm: TaskForm = {
  fields: { note: { label: 'what was done', kind: 'text' } },
  toOutcome: (values) => ({ note: optional(values, 'note') }),
  async viewData({ db, task }) {
    if (!task.planActionId || !task.caseId) return { action: NEXT_MEETING };
    const latest = (await listPlanVersions(db, task.caseId)).at(-1);
    for (const goal of latest?.goals ?? []) {
      const action = goal.actions.find((one) => one.id === task.planActionId);
      if (action) return { action: action.what, goal: goal.goal, status: action.status };
    }
    return { action: 'An action no longer in the family plan' };
  },
};
