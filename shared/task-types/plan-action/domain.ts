import { planActionOutcomeSchema } from './core';
import {
  markPlanActionDone,
  planActionDoneWrites,
  readPlanTaskCheck,
} from '../../domain/family-plan/plan-task-rules';
import { type CaseworkTaskDefinition, keyWorkerOwnership } from '../../domain/tasks/types/definition';
import { planActionFacts } from './facts';
import { type TaskBehaviour, withFacts } from '../../domain/tasks/types/definition';

// A staff-owned action of the family plan, or the next Team Around the Family meeting (issue #18): the
// key worker's task, due on the action's `dueOn` (the meeting's date), emailed, reminded and escalated
// like every task by its own human-task execution. The domain creates it once per action and round when
// a plan version adds the action or reopens it (shared/domain/family-plan/plan-tasks.ts); completing it
// marks the action done in the plan; marking the action done in the plan completes it, dropping it
// cancels it. Each wake-up checks the
// plan again, so a missed change is put right at the next reminder at the latest.

export const planActionTask = /* @__PURE__ */ withFacts(planActionFacts, {
  outcomeSchema: planActionOutcomeSchema,
  owner: (record) => keyWorkerOwnership('plan-action', record),
  // The task completed and its action marked done in one transaction (one request fewer a completion).
  completionWrites: (db, task, _outcome, actor, now) => planActionDoneWrites(db, task, actor, now),
  // A retry that finds the task completed (before the two were written together) marks it done now.
  afterComplete: async (db, task, _outcome, actor, now) => {
    await markPlanActionDone(db, task, actor, now);
  },
  check: readPlanTaskCheck,
  api: {
    outcomeNote:
      'Marks the plan action done as the plan’s next version (the next meeting’s task changes no plan); `note` says what was done.',
    outcomeExample: { note: 'Went with the family to the housing office; the repayment plan is agreed.' },
  },
} satisfies TaskBehaviour<CaseworkTaskDefinition<'plan-action'>>);
