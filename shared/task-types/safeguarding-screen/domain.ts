import { type SafeguardingScreenOutcome, SYSTEM_ACTOR } from '../../core/schemas';
import { safeguardingScreenOutcomeSchema } from './core';
import { changeCase } from '../../domain/journey/case-changes';
import { done, stepUp } from '../../domain/journey/endings';
import type { Step } from '../../domain/journey/route';
import { type CaseTaskDefinition, workingDaysDue } from '../../domain/tasks/types/definition';
import { safeguardingScreenFacts } from './facts';
import { type TaskBehaviour, withFacts } from '../../domain/tasks/types/definition';
import { COUNTY } from '../../core/vocabulary/areas';
import { roleOwner } from '../../core/vocabulary/tasks';

// The duty team (First Response) screens every referral for an immediate safeguarding concern, by the
// next working day (Working Together), or within a working hour when the referrer flagged one:
// proceed to the locality hub, or step up to social care.

export function afterScreen(outcome: SafeguardingScreenOutcome): Step {
  return outcome.decision === 'step-up'
    ? { route: 'end', status: 'STEPPED_UP' }
    : { route: 'hub-decision', status: 'HUB_DECISION' };
}

export const safeguardingScreenTask = /* @__PURE__ */ withFacts(safeguardingScreenFacts, {
  outcomeSchema: safeguardingScreenOutcomeSchema,
  owner: () => ({ owner: roleOwner('duty-social-worker', COUNTY), area: COUNTY }),
  due: (context, timescales) => workingDaysDue('safeguarding-screen', context.openedAt, timescales),
  // An immediate safeguarding concern is screened at once, never queued for the next working day
  // (seeds/000 §5.16: "no delays in reporting an immediate safeguarding concern").
  urgent: (record) => record.referral.immediateSafeguardingConcern,
  journey: {
    asl: { stage: 'Screen', entry: 'OpenScreen', routes: ['hub-decision'] },
    routedInExecution: false,
    statusOnOpen: { from: 'RECEIVED', to: 'SCREENING' },
    async applyOutcome({ db, record, task, now, applied, outcome: parse }) {
      const outcome = parse();
      const step = afterScreen(outcome);
      if (applied) return step.route;
      const details = {
        decision: outcome.decision,
        confirmedDuplicates: outcome.confirmedDuplicates?.length ?? 0,
      };
      if (step.status === 'STEPPED_UP') {
        await stepUp(db, record, { task, now, details });
      } else {
        await changeCase(db, record, {
          now,
          actor: SYSTEM_ACTOR,
          status: step.status!,
          changes: done(task),
          taskId: task.id,
          details,
        });
      }
      return step.route;
    },
  },
  api: {
    outcomeNote:
      '`proceed` sends the referral to the locality hub; `step-up` passes it to the duty team (the case ends STEPPED_UP).',
    outcomeExample: { decision: 'proceed', reason: 'No immediate risk; suitable for early help.' },
  },
} satisfies TaskBehaviour<CaseTaskDefinition<'safeguarding-screen'>>);
