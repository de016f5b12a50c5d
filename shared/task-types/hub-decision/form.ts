import { configuredStaffing } from '../../core/config';
import { one, optional } from '../../pages/forms';
import { radios } from '../../pages/task-forms/options';
import type { TaskForm } from '../../pages/task-forms/types';
import { complexityFromNeeds, type NeedId } from '../../core/vocabulary/needs';
import { isStepDown } from '../../core/vocabulary/referrals';

// The locality hub coordinator decides what help fits: family support (standard or enhanced),
// another early help service, or no further action.

export const hubDecisionForm: TaskForm = {
  fields: {
    decision: { label: 'a decision', kind: 'choice' },
    supportLevel: { label: 'the level of support', kind: 'choice' },
    service: { label: 'the service the family is redirected to', kind: 'text' },
    reason: { label: 'the reason for your decision', kind: 'text' },
    notes: { label: 'notes', kind: 'text' },
  },
  toOutcome(values) {
    const decision = optional(values, 'decision');
    return {
      decision,
      ...(decision === 'family-support' ? { supportLevel: optional(values, 'supportLevel') } : {}),
      ...(decision === 'redirect' ? { service: optional(values, 'service') } : {}),
      reason: optional(values, 'reason'),
      notes: optional(values, 'notes'),
    };
  },
  async viewData(context, values) {
    const needs = context.record?.needs ?? [];
    // One need is not refused (anyone may be referred), but the hub sees it is below seeds/003's
    // threshold for this service and what usually follows: other early help or a single agency.
    const belowThreshold =
      context.record !== undefined && complexityFromNeeds(needs as NeedId[]) === 'below-threshold'
        ? { needs: needs.length, atRisk: configuredStaffing().needsThresholds.atRisk }
        : undefined;
    return {
      ...(belowThreshold ? { belowThreshold } : {}),
      stepDown: context.record !== undefined && isStepDown(context.record.referral),
      decisionItems: radios(one(values, 'decision'), [
        ['family-support', 'Family support from a key worker'],
        belowThreshold
          ? [
              'redirect',
              'Redirect to another early help service',
              'Usual below the threshold: other early help or a single agency',
            ]
          : ['redirect', 'Redirect to another early help service'],
        ['nfa', 'No further action'],
      ]),
      supportLevelItems: radios(one(values, 'supportLevel'), [
        ['standard', 'Standard', 'About 3 months'],
        ['enhanced', 'Enhanced', 'Up to 12 months, for complex needs'],
      ]),
    };
  },
};
