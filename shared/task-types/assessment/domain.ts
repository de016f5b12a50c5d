import { londonDate } from '../../core/calendar';
import { SYSTEM_ACTOR } from '../../core/schemas';
import { assessmentOutcomeSchema } from './core';
import { changeCase } from '../../domain/journey/case-changes';
import { completedOnTime, done } from '../../domain/journey/endings';
import { firstAllocatedAt, startSupport } from '../../domain/journey/support';
import {
  type CaseTaskDefinition,
  keyWorkerOwnership,
  workingDaysDue,
} from '../../domain/tasks/types/definition';
import { exampleFamilyStar } from '../../domain/tasks/types/examples';
import { assessmentFacts } from './facts';
import { type TaskBehaviour, withFacts } from '../../domain/tasks/types/definition';

// The single family assessment: needs, the Family Star baseline and the plan, due 45 working days
// from allocation (the statutory maximum; its clock runs while consent is sought). Support starts.

export const assessmentTask = /* @__PURE__ */ withFacts(assessmentFacts, {
  outcomeSchema: assessmentOutcomeSchema,
  owner: (record) => keyWorkerOwnership('assessment', record),
  due(context, timescales) {
    const days = timescales.tasks.assessment.dueInWorkingDays;
    if (days === undefined) throw new RangeError('timescales.tasks.assessment.dueInWorkingDays is not set');
    if (!context.allocatedAt)
      throw new RangeError('an assessment task needs the allocation time (allocatedAt)');
    return workingDaysDue('assessment', context.allocatedAt, timescales);
  },
  journey: {
    asl: { stage: 'Assessment', entry: 'OpenAssessment', routes: ['support'] },
    routedInExecution: true,
    async applyOutcome({ db, record, task, now, applied, outcome: parse }) {
      const outcome = parse();
      if (applied) return 'support';
      const onTime = completedOnTime(task);
      await changeCase(db, record, {
        now,
        actor: SYSTEM_ACTOR,
        status: 'SUPPORT',
        changes: {
          assessment: {
            completedOn: outcome.completedOn,
            dueDate: task.dueDate,
            onTime,
            needs: outcome.needs,
            familyStar: outcome.familyStar,
          },
          needs: outcome.needs,
          latestFamilyStar: outcome.familyStar,
          support: startSupport(
            londonDate(firstAllocatedAt(record) ?? now),
            londonDate(now),
            record.supportLevel ?? 'standard',
          ),
          ...done(task),
        },
        details: { onTime, needs: outcome.needs.length },
        taskId: task.id,
      });
      return 'support';
    },
  },
  api: {
    outcomeNote:
      'Each plan goal addresses one of the `needs` assessed (422, `errors[]` holds `{"path": "outcome.plan.goals.<n>.need", "rule": "need_assessed"}`); `needs` holds no need twice.',
    outcomeExample: {
      completedOn: '2026-12-03',
      needs: ['looking-after-children', 'financial-difficulty', 'missing-education'],
      familyStar: /* @__PURE__ */ exampleFamilyStar(4),
      plan: {
        summary: 'Routines, school attendance and money advice.',
        goals: [
          {
            need: 'missing-education',
            goal: 'Full attendance',
            actions: 'Morning routine; school meetings.',
          },
          { need: 'financial-difficulty', goal: 'Rent arrears cleared', actions: 'Money advice referral.' },
        ],
      },
    },
  },
} satisfies TaskBehaviour<CaseTaskDefinition<'assessment'>>);
