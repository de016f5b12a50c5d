import { londonDate, quarterOf } from '../../core/calendar';
import type { MetricChange, MetricsOption } from '../../adapters/data/cases';
import { type CaseEventContext, caseMetricChanges } from '../metrics/case-events';
import type { Case } from '../../core/schemas';
import { type CaseStatus, isOpenStatus } from '../../core/vocabulary/cases';
import type { ReferralSource } from '../../core/vocabulary/referrals';

// Counters a case change moves, in the same transaction as the change. The reporting counters
// (shared/domain/metrics/definitions.ts: referrals, engagement, assessments and reviews on time, closures,
// waiting list) are inferred from the case as read and as written (`caseMetricChanges`), so every
// path counts the same way; the journey adds the few only it knows (the status entered, how each
// journey ended by source, the hub's decisions). Per locality and quarter (London); the partnership
// is the sum of its localities. Names are listed in docs/journey.md and only ever added to.

export const JOURNEY_COUNTERS = {
  /** Every time a case enters a status. */
  statusEntered: (status: CaseStatus) => `status.${status}`,
  /** Journeys ended, by how the referral came and the final status. */
  endedBySource: (source: ReferralSource, status: CaseStatus) => `ended.${source}.${status}`,
  hubDecision: (decision: string) => `hub.decision.${decision}`,
  supportLevel: (level: string) => `hub.support.${level}`,
} as const;

export type Increments = Record<string, number>;

/** The journey's own counters for a change from `before` to `after` (undefined `before`: created). */
export function journeyIncrements(before: Case | undefined, after: Case, extra: Increments = {}): Increments {
  const increments: Increments = { ...extra };
  if (!before || before.status !== after.status) {
    increments[JOURNEY_COUNTERS.statusEntered(after.status)] = 1;
    if (!isOpenStatus(after.status)) {
      increments[JOURNEY_COUNTERS.endedBySource(after.referral.source, after.status)] = 1;
    }
  }
  return increments;
}

/** Changes for the same counters item folded together (a transaction may touch an item only once). */
export function mergeChanges(changes: readonly MetricChange[]): MetricChange[] {
  const merged = new Map<string, MetricChange>();
  for (const change of changes) {
    const key = `${change.scope}#${change.period}`;
    const entry = merged.get(key) ?? { scope: change.scope, period: change.period, increments: {} };
    for (const [name, delta] of Object.entries(change.increments)) {
      entry.increments[name] = (entry.increments[name] ?? 0) + delta;
    }
    merged.set(key, entry);
  }
  return [...merged.values()].filter((change) => Object.keys(change.increments).length > 0);
}

/** What a journey case write passes as `metrics`: reporting's inferred counters plus the journey's. */
export function journeyMetrics(
  now: string,
  options: { extra?: Increments; closureOutcome?: CaseEventContext['closureOutcome'] } = {},
): MetricsOption {
  return (before, after) =>
    mergeChanges([
      ...caseMetricChanges(before, after, {
        now,
        ...(options.closureOutcome ? { closureOutcome: options.closureOutcome } : {}),
      }),
      {
        scope: after.locality,
        period: quarterOf(londonDate(now)).id,
        increments: journeyIncrements(before, after, options.extra),
      },
    ]);
}
