import { type HubDecisionOutcome, SYSTEM_ACTOR } from '../../core/schemas';
import { hubDecisionOutcomeSchema } from './core';
import { changeCase, endCase } from '../../domain/journey/case-changes';
import { done } from '../../domain/journey/endings';
import { JOURNEY_COUNTERS } from '../../domain/journey/metrics';
import { tellReferrer } from '../../domain/journey/notify';
import type { Step } from '../../domain/journey/route';
import { type CaseTaskDefinition, workingDaysDue } from '../../domain/tasks/types/definition';
import { hubDecisionFacts } from './facts';
import { type TaskBehaviour, withFacts } from '../../domain/tasks/types/definition';
import { roleOwner } from '../../core/vocabulary/tasks';
import type { SupportLevel } from '../../core/vocabulary/cases';

// The locality hub decides within five working days: family support (standard or enhanced), a
// redirection to another service, or no further action.

export function afterHubDecision(outcome: HubDecisionOutcome): Step & { supportLevel?: SupportLevel } {
  switch (outcome.decision) {
    case 'family-support':
      return { route: 'allocation', supportLevel: outcome.supportLevel };
    case 'redirect':
      return { route: 'end', status: 'REDIRECTED' };
    case 'nfa':
      return { route: 'end', status: 'NFA' };
  }
}

export const hubDecisionTask = /* @__PURE__ */ withFacts(hubDecisionFacts, {
  outcomeSchema: hubDecisionOutcomeSchema,
  owner: (record) => ({ owner: roleOwner('hub-coordinator', record.locality), area: record.locality }),
  due: (context, timescales) => workingDaysDue('hub-decision', context.openedAt, timescales),
  journey: {
    asl: { stage: 'HubDecision', entry: 'OpenHubDecision', routes: ['allocation'] },
    routedInExecution: true,
    // A step-down arrives here straight from RECEIVED (the journey starts at the hub); every other
    // referral's screen moved it to HUB_DECISION already.
    statusOnOpen: { from: 'RECEIVED', to: 'HUB_DECISION' },
    async applyOutcome({ db, record, task, now, applied, outcome: parse }) {
      const outcome = parse();
      const step = afterHubDecision(outcome);
      if (applied) return step.route;
      const increments = { [JOURNEY_COUNTERS.hubDecision(outcome.decision)]: 1 };
      if (step.supportLevel) {
        const updated = await changeCase(db, record, {
          now,
          actor: SYSTEM_ACTOR,
          changes: { supportLevel: step.supportLevel, ...done(task) },
          action: 'case.updated',
          details: { decision: outcome.decision, supportLevel: step.supportLevel },
          taskId: task.id,
          increments: { ...increments, [JOURNEY_COUNTERS.supportLevel(step.supportLevel)]: 1 },
        });
        await tellReferrer(updated, 'family-support');
      } else {
        const ended = await endCase(db, record, {
          now,
          actor: SYSTEM_ACTOR,
          status: step.status!,
          changes: done(task),
          details: { decision: outcome.decision },
          taskId: task.id,
          increments,
        });
        await tellReferrer(ended.case, step.status === 'REDIRECTED' ? 'redirected' : 'nfa');
      }
      return step.route;
    },
  },
  api: {
    outcomeNote:
      'Selected by `decision`: `family-support` (with a `supportLevel`), `redirect` (to another `service`) or `nfa`.',
    outcomeExample: {
      decision: 'family-support',
      supportLevel: 'standard',
      reason: 'Several needs at once; the family agrees to support.',
    },
  },
} satisfies TaskBehaviour<CaseTaskDefinition<'hub-decision'>>);
