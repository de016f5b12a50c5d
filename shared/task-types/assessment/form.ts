import { dateFrom, many, optional } from '../../pages/forms';
import { goalFieldFor, goalFields, goalRows, goalsFrom } from '../../pages/task-forms/goals';
import { needCheckboxes } from '../../pages/task-forms/options';
import { starFields, starFrom, starRows } from '../../pages/task-forms/star';
import type { TaskForm } from '../../pages/task-forms/types';
import { FAMILY_STAR_AREAS } from '../../core/vocabulary/family-star';

// The single family assessment: the needs found, the Family Star Plus baseline (ten areas, 1-10)
// and the family's plan. Long, so it is saved as a draft as the worker goes.

export const assessmentForm: TaskForm = {
  fields: {
    completedOn: { label: 'the date the assessment was completed', kind: 'date', href: 'completedOn-day' },
    needs: { label: 'at least one need', kind: 'choices', href: 'needs' },
    familyStar: {
      label: 'the Family Star scores',
      kind: 'number',
      href: `familyStar-${FAMILY_STAR_AREAS[0].id}`,
    },
    ...starFields(),
    'plan.summary': { label: 'a summary of the plan', kind: 'text' },
    ...goalFields,
    notes: { label: 'notes', kind: 'text' },
  },
  initialValues: ({ record }) => ({ needs: [...(record?.needs ?? [])] }),
  toOutcome(values) {
    return {
      completedOn: dateFrom(values, 'completedOn'),
      needs: many(values, 'needs'),
      familyStar: starFrom(values),
      plan: { summary: optional(values, 'plan.summary'), goals: goalsFrom(values).goals },
      notes: optional(values, 'notes'),
    };
  },
  fieldFor: goalFieldFor,
  async viewData(_context, values) {
    const needs = many(values, 'needs');
    return {
      needItems: needCheckboxes(values, 'needs'),
      starRows: starRows(values),
      goals: goalRows(values, needs),
    };
  },
};
