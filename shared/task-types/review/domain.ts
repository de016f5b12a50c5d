import { londonDate } from '../../core/calendar';
import { type ReviewOutcome, SYSTEM_ACTOR } from '../../core/schemas';
import { reviewOutcomeSchema } from './core';
import { changeCase } from '../../domain/journey/case-changes';
import { completedOnTime, done, stepUp } from '../../domain/journey/endings';
import type { Step } from '../../domain/journey/route';
import {
  anotherReviewFits,
  isDrifting,
  afterReview as scheduleAfterReview,
} from '../../domain/journey/support';
import { planReviewWrites } from '../../domain/family-plan/review';
import { type CaseTaskDefinition, keyWorkerOwnership } from '../../domain/tasks/types/definition';
import { exampleFamilyStar } from '../../domain/tasks/types/examples';
import { reviewFacts } from './facts';
import { type TaskBehaviour, withFacts } from '../../domain/tasks/types/definition';

// Every `reviewIntervalWeeks` of support the key worker reviews progress with the family (the task
// opens a few working days early, in a fresh execution): continue, close, or step up.

/** After a review: another cycle, closure (decided, or support has run its course), or a step up. */
export function afterReview(outcome: ReviewOutcome, anotherReviewFits: boolean): Step {
  switch (outcome.decision) {
    case 'step-up':
      return { route: 'end', status: 'STEPPED_UP' };
    case 'close':
      return { route: 'closure' };
    case 'continue':
      return anotherReviewFits ? { route: 'review' } : { route: 'closure' };
  }
}

export const reviewTask = /* @__PURE__ */ withFacts(reviewFacts, {
  outcomeSchema: reviewOutcomeSchema,
  owner: (record) => keyWorkerOwnership('review', record),
  /** Due on the date the support phase scheduled (shared/domain/journey/support.ts). */
  due(context) {
    if (!context.reviewDue) throw new RangeError('a review task needs its scheduled date (reviewDue)');
    return context.reviewDue;
  },
  journey: {
    asl: { stage: 'Review', entry: 'ScheduleReview', repeat: 'OpenReview', routes: ['review', 'closure'] },
    routedInExecution: false,
    async applyOutcome({ db, record, task, now, applied, outcome: parse }) {
      const outcome = parse();
      if (applied)
        return afterReview(outcome, record.support ? anotherReviewFits(record.support) : false).route;
      if (!record.support) throw new RangeError(`case ${record.id} has a review but no support record`);
      const support = scheduleAfterReview(record.support, londonDate(task.completedAt ?? now));
      const step = afterReview(outcome, anotherReviewFits(support));
      const onTime = completedOnTime(task);
      const reviewed = { reviewCount: record.reviewCount + 1, latestFamilyStar: outcome.familyStar, support };
      if (step.status === 'STEPPED_UP') {
        await stepUp(db, record, {
          task,
          now,
          details: { decision: 'step-up', onTime },
          changes: reviewed,
        });
        return step.route;
      }
      await changeCase(db, record, {
        now,
        actor: SYSTEM_ACTOR,
        changes: { ...reviewed, ...done(task) },
        action: 'case.reviewed',
        details: {
          decision: outcome.decision,
          onTime,
          drifting: isDrifting({ ...record, support }, now),
          nextReviewDue: step.route === 'review' ? (support.nextReviewDue ?? null) : null,
        },
        taskId: task.id,
      });
      return step.route;
    },
  },
  /** Saves the family plan, reviewed goal by goal, as its next version with the completion (422 for a goal it lacks). */
  completionWrites: (db, task, outcome, actor, now, written) =>
    planReviewWrites(db, task, outcome, actor, now, written),
  writesPlan: true,
  familyStar: {
    read: (outcome) => ({ star: outcome.familyStar, on: outcome.heldOn }),
    label: (count) => `Review ${count}`,
  },
  api: {
    outcomeNote:
      '`continue` keeps supporting (the next review follows), `close` opens the closure task, `step-up` ends the case STEPPED_UP.',
    outcomeExample: {
      heldOn: '2027-02-15',
      familyStar: /* @__PURE__ */ exampleFamilyStar(7),
      progress: 'Attendance is full and the arrears are cleared.',
      decision: 'close',
      needsResolved: ['financial-difficulty', 'missing-education'],
    },
  },
} satisfies TaskBehaviour<CaseTaskDefinition<'review'>>);
