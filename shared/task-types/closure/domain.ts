import { londonDate } from '../../core/calendar';
import { SYSTEM_ACTOR } from '../../core/schemas';
import { closureOutcomeSchema } from './core';
import { allocateWaiting } from '../../domain/allocation/allocate';
import { endCase } from '../../domain/journey/case-changes';
import { done } from '../../domain/journey/endings';
import {
  type CaseTaskDefinition,
  keyWorkerOwnership,
  workingDaysDue,
} from '../../domain/tasks/types/definition';
import { exampleFamilyStar } from '../../domain/tasks/types/examples';
import { closureFacts } from './facts';
import { type TaskBehaviour, withFacts } from '../../domain/tasks/types/definition';

// The key worker closes the case: why, the needs resolved and outstanding, the last Family Star. The
// worker's place is freed and the locality's waiting list moves.

export const closureTask = /* @__PURE__ */ withFacts(closureFacts, {
  outcomeSchema: closureOutcomeSchema,
  owner: (record) => keyWorkerOwnership('closure', record),
  due: (context, timescales) => workingDaysDue('closure', context.openedAt, timescales),
  journey: {
    asl: { stage: 'Closure', entry: 'OpenClosure', routes: [] },
    routedInExecution: true,
    async applyOutcome({ db, record, task, now, applied, outcome: parse }) {
      const outcome = parse();
      if (applied) return 'end';
      const ended = await endCase(db, record, {
        now,
        actor: SYSTEM_ACTOR,
        status: 'CLOSED',
        changes: {
          closure: { on: londonDate(now), reason: outcome.reason, summary: outcome.outcomes.summary },
          ...(outcome.outcomes.familyStar ? { latestFamilyStar: outcome.outcomes.familyStar } : {}),
          ...done(task),
        },
        details: {
          reason: outcome.reason,
          needsResolved: outcome.outcomes.needsResolved.length,
          needsOutstanding: outcome.outcomes.needsOutstanding.length,
        },
        taskId: task.id,
        closureOutcome: {
          needsResolved: outcome.outcomes.needsResolved,
          needsOutstanding: outcome.outcomes.needsOutstanding,
        },
      });
      if (ended.freedLocality) await allocateWaiting(db, ended.freedLocality, now);
      return 'end';
    },
  },
  familyStar: {
    read: (outcome, task) => ({ star: outcome.outcomes?.familyStar, on: task.completedAt?.slice(0, 10) }),
    label: () => 'Closure',
  },
  api: {
    outcomeNote: 'Closes the case; `needsResolved` and `needsOutstanding` each hold no need twice.',
    outcomeExample: {
      reason: 'plan-completed',
      outcomes: {
        needsResolved: ['financial-difficulty', 'missing-education'],
        needsOutstanding: ['looking-after-children'],
        familyStar: /* @__PURE__ */ exampleFamilyStar(7),
        summary: 'Plan completed; attendance and money much improved.',
      },
    },
  },
} satisfies TaskBehaviour<CaseTaskDefinition<'closure'>>);
