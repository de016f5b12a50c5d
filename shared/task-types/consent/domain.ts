import { type ConsentOutcome, SYSTEM_ACTOR } from '../../core/schemas';
import { consentOutcomeSchema } from './core';
import { changeCase } from '../../domain/journey/case-changes';
import { closeForConsentNotGiven, done } from '../../domain/journey/endings';
import type { Step } from '../../domain/journey/route';
import {
  type CaseTaskDefinition,
  keyWorkerOwnership,
  workingDaysDue,
} from '../../domain/tasks/types/definition';
import { consentFacts } from './facts';
import { type TaskBehaviour, withFacts } from '../../domain/tasks/types/definition';

// The key worker records whether the family agreed to work with the service. Declined, no contact, or
// no answer in time (the one task type that times out) closes the case: consent not given.

/** Consent given -> assessment; declined, no contact, or no answer in time -> closed (consent not given). */
export function afterConsent(outcome: ConsentOutcome | 'timed-out'): Step {
  return outcome !== 'timed-out' && outcome.decision === 'given'
    ? { route: 'assessment', status: 'ASSESSMENT' }
    : { route: 'end', status: 'CLOSED' };
}

export const consentTask = /* @__PURE__ */ withFacts(consentFacts, {
  outcomeSchema: consentOutcomeSchema,
  owner: (record) => keyWorkerOwnership('consent', record),
  due: (context, timescales) => workingDaysDue('consent', context.openedAt, timescales),
  journey: {
    asl: { stage: 'Consent', entry: 'OpenConsent', routes: ['assessment'] },
    routedInExecution: true,
    statusOnOpen: { from: 'ALLOCATED', to: 'CONSENT' },
    async onTimeout(db, record, task, now) {
      await closeForConsentNotGiven(db, record, task, now);
      return 'end';
    },
    async applyOutcome({ db, record, task, now, applied, outcome: parse }) {
      const outcome = parse();
      const step = afterConsent(outcome);
      if (applied) return step.route;
      if (outcome.decision === 'given') {
        await changeCase(db, record, {
          now,
          actor: SYSTEM_ACTOR,
          status: 'ASSESSMENT',
          changes: { consentGivenOn: outcome.date, ...done(task) },
          details: { decision: 'given' },
          taskId: task.id,
        });
      } else {
        await closeForConsentNotGiven(db, record, task, now, outcome.decision);
      }
      return step.route;
    },
  },
  api: {
    outcomeNote:
      'Selected by `decision`: `given`, `declined` (the case closes) or `no-contact` after `attempts` tries (the case closes).',
    outcomeExample: {
      decision: 'given',
      date: '2026-12-02',
      givenBy: 'Alex Example',
      relationship: 'parent',
    },
  },
} satisfies TaskBehaviour<CaseTaskDefinition<'consent'>>);
