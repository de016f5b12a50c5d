import { parseQuarterId } from '../../shared/core/calendar';
import { computeReport } from '../../shared/domain/metrics/compute';
import { type ImprovementThresholds, loadThresholds } from '../../shared/domain/metrics/thresholds';
import type { Report } from '../../shared/core/schemas';

// One small quarterly report computed from known counters (two quarters, one worker), for the tests
// of what is shown and served from a stored report: the render (CSV, rows, view) and the reports API.

export const SAMPLE_QUARTER = '2026-27-Q2';

export function sampleReport(
  scope: Report['scope'],
  options: { version?: number; thresholds?: ImprovementThresholds; extra?: Partial<Report> } = {},
): Report {
  const computed = computeReport(
    {
      scope,
      quarter: parseQuarterId(SAMPLE_QUARTER),
      counters: {
        '2026-27-Q1': {
          'referrals.source.partner': 3,
          'closures.reason.plan-completed': 1,
          'closures.outcome.needs-met': 1,
        },
        [SAMPLE_QUARTER]: {
          'referrals.source.partner': 2,
          'referrals.source.self': 1,
          'referrals.outcome.self.nfa': 1,
          'assessments.completed': 3,
          'assessments.onTime': 2,
          'closures.reason.moved-away': 2,
          'closures.outcome.not-recorded': 2,
          'stock.waitingList.length': 2,
        },
      },
      workers: [{ workerId: 'fsw-9', openCases: 3, loadUnits: 9, capacityUnits: 30 }],
    },
    options.thresholds ?? loadThresholds(),
  );
  return {
    kind: 'quarterly',
    scope,
    period: SAMPLE_QUARTER,
    version: options.version ?? 1,
    status: 'draft',
    metrics: computed.metrics,
    flags: computed.flags,
    // 00:30 in London on 1 October, when the reporting cycle drafts the quarter.
    createdAt: '2026-09-30T23:30:00.000Z',
    ...options.extra,
  };
}

/** A CSV answer's lines split into fields (quoted fields unquoted, doubled quotes undone). */
export function csvLines(text: string): string[][] {
  return text
    .trim()
    .split('\r\n')
    .map((line) =>
      line
        .match(/("([^"]|"")*"|[^,]*)(,|$)/g)!
        .slice(0, -1)
        .map((field) => field.replace(/,$/, '').replace(/^"|"$/g, '').replaceAll('""', '"')),
    );
}
