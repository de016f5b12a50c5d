import { CLOSURE_OUTCOMES, CLOSURE_REASON_KEYS, REFERRAL_OUTCOMES } from './definitions';
import { FAMILY_STAR_AREAS } from '../../core/vocabulary/family-star';
import { HEADLINE_OUTCOMES, NEEDS } from '../../core/vocabulary/needs';
import { REFERRAL_SOURCES } from '../../core/vocabulary/referrals';

// The figures a report shows, in the order it shows them: key, group, label, unit, which columns
// it has, and for each total the parts it must equal the sum of. The HTML, the CSV and the JSON are
// all written from a report's stored `metrics` in this order, so they cannot disagree.

export type MetricUnit = 'count' | 'percent' | 'days' | 'score' | 'units';

/**
 * - `flow`: `{ quarter, yearToDate }`, things that happened in the period;
 * - `position`: `{ atQuarterEnd }`, the state when the report was computed;
 * - `worker`: one row per key worker `{ openCases, loadUnits, capacityUnits, utilisationPercent }`;
 * - `trend`: one column per quarter id, the last four quarters.
 */
export type MetricShape = 'flow' | 'position' | 'worker' | 'trend';

export interface MetricInfo {
  key: string;
  group: string;
  label: string;
  unit: MetricUnit;
  shape: MetricShape;
  /** Keys whose values (column by column) add up to this one. */
  sumOf?: string[];
}

export const COLUMN_LABELS: Record<string, string> = {
  quarter: 'This quarter',
  yearToDate: 'Year to date',
  atQuarterEnd: 'At quarter end',
  openCases: 'Open cases',
  loadUnits: 'Caseload (units)',
  capacityUnits: 'Capacity (units)',
  utilisationPercent: 'Caseload against capacity (%)',
};

const SOURCE_LABELS: Record<string, string> = {
  partner: 'Partner agency',
  self: 'Self-referral',
  staff: 'Staff',
};
const OUTCOME_LABELS: Record<string, string> = {
  'stepped-up': 'Stepped up to social care',
  redirected: 'Redirected to another service',
  nfa: 'No further action',
  allocated: 'Allocated a key worker',
  withdrawn: 'Withdrawn',
};
const CLOSURE_OUTCOME_LABELS: Record<string, string> = {
  'needs-met': 'All needs met',
  'some-needs-met': 'Some needs met',
  'no-needs-met': 'No needs met',
  'stepped-up': 'Stepped up to social care',
  'not-recorded': 'Not recorded',
};

const label = (slug: string) => slug.charAt(0).toUpperCase() + slug.slice(1).replaceAll('-', ' ');

/** Figures trended over the last four quarters, each from its quarter's own column. */
export const TREND_OF = [
  'referrals.received',
  'families.engaged',
  'assessments.onTimePercent',
  'reviews.onTimePercent',
  'closures.total',
  'waitingList.length',
] as const;

function build(): MetricInfo[] {
  const rows: MetricInfo[] = [];
  const row = (info: MetricInfo) => rows.push(info);
  const flow = (group: string, key: string, text: string, unit: MetricUnit = 'count', sumOf?: string[]) =>
    row({ key, group, label: text, unit, shape: 'flow', ...(sumOf ? { sumOf } : {}) });
  const position = (group: string, key: string, text: string, unit: MetricUnit = 'count') =>
    row({ key, group, label: text, unit, shape: 'position' });

  const referrals = 'Referrals';
  flow(
    referrals,
    'referrals.received',
    'Referrals received',
    'count',
    REFERRAL_SOURCES.map((source) => `referrals.source.${source}`),
  );
  for (const source of REFERRAL_SOURCES) {
    flow(referrals, `referrals.source.${source}`, `Received: ${SOURCE_LABELS[source] ?? label(source)}`);
  }
  // Part of the staff referrals: a family children's social care refers on as it closes its case.
  flow(referrals, 'referrals.stepDowns', "Received: step-downs from children's social care");
  flow(referrals, 'referrals.stepDownPercent', 'Step-down rate (% of referrals received)', 'percent');
  flow(
    referrals,
    'referrals.reReferred',
    'Re-referrals: the family’s earlier case ended in the last 12 months',
  );
  flow(referrals, 'referrals.reReferredPercent', 'Re-referrals: % of referrals received', 'percent');
  flow(
    referrals,
    'referrals.outcomes',
    'Referral outcomes decided',
    'count',
    REFERRAL_OUTCOMES.map((outcome) => `referrals.outcome.${outcome}`),
  );
  for (const outcome of REFERRAL_OUTCOMES) {
    flow(
      referrals,
      `referrals.outcome.${outcome}`,
      `Outcome: ${OUTCOME_LABELS[outcome]}`,
      'count',
      REFERRAL_SOURCES.map((source) => `referrals.outcome.${source}.${outcome}`),
    );
  }
  for (const source of REFERRAL_SOURCES) {
    for (const outcome of REFERRAL_OUTCOMES) {
      flow(
        referrals,
        `referrals.outcome.${source}.${outcome}`,
        `${SOURCE_LABELS[source]}: ${OUTCOME_LABELS[outcome]}`,
      );
    }
  }

  const engaged = 'Families and individuals engaged';
  flow(engaged, 'families.engaged', 'Families newly engaged (consent given)');
  flow(engaged, 'individuals.engaged', 'Individuals in newly engaged families');
  position(engaged, 'families.open', 'Families being supported');
  position(engaged, 'individuals.open', 'Individuals in families being supported');

  const issues = 'Issues at the start of intervention';
  flow(issues, 'issues.assessed', 'Families assessed');
  for (const need of NEEDS) {
    flow(issues, `issues.${need.id}`, `${need.label}: families`);
    flow(issues, `issues.${need.id}.percent`, `${need.label}: % of families assessed`, 'percent');
  }

  const assessments = 'Assessments';
  flow(assessments, 'assessments.completed', 'Assessments completed');
  flow(assessments, 'assessments.onTime', 'Completed within timescale');
  flow(assessments, 'assessments.onTimePercent', 'Completed within timescale (%)', 'percent');

  const reviews = 'Reviews';
  flow(reviews, 'reviews.held', 'Reviews held');
  flow(reviews, 'reviews.onTime', 'Held at 12 weeks (by the due date)');
  flow(reviews, 'reviews.onTimePercent', 'Held at 12 weeks (%)', 'percent');

  const star = 'Family Star (baseline to latest review)';
  flow(star, 'familyStar.readings', 'Reviews with a Family Star reading');
  for (const area of FAMILY_STAR_AREAS) {
    flow(star, `familyStar.${area.id}.baseline`, `${area.label}: average baseline`, 'score');
    flow(star, `familyStar.${area.id}.latest`, `${area.label}: average at review`, 'score');
    flow(star, `familyStar.${area.id}.change`, `${area.label}: average change`, 'score');
  }

  const closures = 'Closures';
  flow(
    closures,
    'closures.total',
    'Cases closed',
    'count',
    CLOSURE_REASON_KEYS.map((reason) => `closures.reason.${reason}`),
  );
  for (const reason of CLOSURE_REASON_KEYS) {
    flow(closures, `closures.reason.${reason}`, `Reason: ${label(reason)}`);
  }
  flow(
    closures,
    'closures.byOutcome',
    'Cases closed, by outcome',
    'count',
    CLOSURE_OUTCOMES.map((outcome) => `closures.outcome.${outcome}`),
  );
  for (const outcome of CLOSURE_OUTCOMES) {
    flow(closures, `closures.outcome.${outcome}`, `Outcome: ${CLOSURE_OUTCOME_LABELS[outcome]}`);
  }

  const claims = 'Supporting Families claims';
  flow(claims, 'claims.candidates', 'Closed meeting the outcome criteria (3+ headline areas, all met)');
  flow(claims, 'claims.lapsed', 'Candidates that did not last six months');
  flow(claims, 'claims.eligible', 'Eligible to claim (criteria sustained six months after closure)');
  flow(claims, 'claims.claimable', 'Claimable families on the results claims produced');
  flow(claims, 'claims.audited', 'Audited before the claim');
  flow(claims, 'claims.failedAudit', 'Failed audit (left the claim)');
  flow(
    claims,
    'claims.claimed',
    'Claimed',
    'count',
    HEADLINE_OUTCOMES.map((headline) => `claims.claimed.headline.${headline.id}`),
  );
  for (const headline of HEADLINE_OUTCOMES) {
    flow(claims, `claims.claimed.headline.${headline.id}`, `Claimed with a need under: ${headline.label}`);
  }

  const waiting = 'Waiting list';
  flow(waiting, 'waitingList.joined', 'Joined the waiting list');
  flow(waiting, 'waitingList.left', 'Left the waiting list');
  flow(waiting, 'waitingList.averageWaitDays', 'Average wait of those who left (days)', 'days');
  position(waiting, 'waitingList.length', 'Families waiting');
  position(waiting, 'waitingList.longestWaitDays', 'Longest wait (days)', 'days');

  const caseload = 'Caseload against capacity';
  position(caseload, 'caseload.workers', 'Family support workers');
  position(caseload, 'caseload.openCases', 'Open cases held');
  position(caseload, 'caseload.loadUnits', 'Caseload (units)', 'units');
  position(caseload, 'caseload.capacityUnits', 'Capacity (units)', 'units');
  position(caseload, 'caseload.utilisationPercent', 'Caseload against capacity (%)', 'percent');

  for (const key of TREND_OF) {
    const of = rows.find((info) => info.key === key)!;
    row({ key: `trend.${key}`, group: 'Trends', label: of.label, unit: of.unit, shape: 'trend' });
  }
  return rows;
}

export const METRIC_CATALOGUE: readonly MetricInfo[] = build();

const byKey = new Map(METRIC_CATALOGUE.map((info) => [info.key, info]));

export const WORKER_PREFIX = 'caseload.worker.';

/** What a stored metric key is: a catalogue row, or one key worker's caseload row. */
export function metricInfo(key: string): MetricInfo | undefined {
  const known = byKey.get(key);
  if (known) return known;
  if (key.startsWith(WORKER_PREFIX) && key.length > WORKER_PREFIX.length) {
    return {
      key,
      group: 'Caseload by key worker',
      label: key.slice(WORKER_PREFIX.length),
      unit: 'count',
      shape: 'worker',
    };
  }
  return undefined;
}

/** The keys of `metrics` in report order: the catalogue's order, then key workers by id. */
export function orderedKeys(metrics: Record<string, unknown>): string[] {
  const known = METRIC_CATALOGUE.map((info) => info.key).filter((key) => key in metrics);
  const workers = Object.keys(metrics)
    .filter((key) => key.startsWith(WORKER_PREFIX))
    .sort();
  const caseloadEnd = known.findIndex((key) => key.startsWith('trend.'));
  return caseloadEnd < 0
    ? [...known, ...workers]
    : [...known.slice(0, caseloadEnd), ...workers, ...known.slice(caseloadEnd)];
}
