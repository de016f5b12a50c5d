import { dateFrom, many, one, optional } from '../../pages/forms';
import { needCheckboxes, radios } from '../../pages/task-forms/options';
import {
  carerFieldFor,
  planReviewFields,
  planReviewFrom,
  planReviewView,
} from '../../pages/task-forms/plan-review';
import { starFields, starFrom, starRows } from '../../pages/task-forms/star';
import type { TaskForm } from '../../pages/task-forms/types';

// A review every 12 weeks: Family Star scores beside the previous ones, progress, and whether support
// continues, the case closes or it is stepped up; and the family plan goal by goal, with a Family Star
// Plus reading for each parent or carer (plan-review.ts).

export const reviewForm: TaskForm = {
  fields: {
    heldOn: { label: 'the date the review was held', kind: 'date', href: 'heldOn-day' },
    ...starFields(),
    progress: { label: 'the progress the family has made', kind: 'text' },
    decision: { label: 'what happens next', kind: 'choice' },
    needsResolved: { label: 'the needs now resolved', kind: 'choices' },
    ...planReviewFields,
    notes: { label: 'notes', kind: 'text' },
  },
  fieldFor: carerFieldFor,
  toOutcome(values) {
    const resolved = many(values, 'needsResolved');
    return {
      heldOn: dateFrom(values, 'heldOn'),
      familyStar: starFrom(values),
      progress: optional(values, 'progress'),
      decision: optional(values, 'decision'),
      ...(resolved.length > 0 ? { needsResolved: resolved } : {}),
      ...planReviewFrom(values),
      notes: optional(values, 'notes'),
    };
  },
  async viewData({ db, record }, values) {
    return {
      ...(await planReviewView(db, record, values)),
      starRows: starRows(values, record?.latestFamilyStar ?? record?.assessment?.familyStar),
      previousStarLabel: record?.reviewCount ? `Review ${record.reviewCount}` : 'Baseline',
      decisionItems: radios(one(values, 'decision'), [
        ['continue', 'Continue support'],
        ['close', 'Close the case'],
        ['step-up', "Step up to children's social care"],
      ]),
      needItems: needCheckboxes(values, 'needsResolved', record?.needs),
    };
  },
};
