import type { SoakRun } from './run';
import type { FamilyOutcome } from './snapshot';

// The faulted run against the uninterrupted one of the same seed: lost (a family with a case in the
// uninterrupted run and none after the kills), doubled (a family with more than one case), stuck (an
// execution ended unsuccessfully, or a case whose journey cannot move on), and differences (a family
// whose case ended in another state or with other tasks, a task total that differs).

export interface Comparison {
  families: number;
  cases: { uninterrupted: number; faulted: number };
  lost: string[];
  doubled: string[];
  stuck: string[];
  differences: string[];
}

function same(a: FamilyOutcome, b: FamilyOutcome): boolean {
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, entry]) => [key, sorted(entry)]),
    );
  return value;
}

export function compareRuns(families: number, uninterrupted: SoakRun, faulted: SoakRun): Comparison {
  const base = uninterrupted.outcome;
  const after = faulted.outcome;
  const lost = Object.keys(base.families).filter((family) => !after.families[family]);
  const doubled = [base, after].flatMap((outcome, run) =>
    Object.entries(outcome.families)
      .filter(([, family]) => family.cases > 1)
      .map(
        ([index, family]) =>
          `${run === 0 ? 'uninterrupted' : 'faulted'} family ${index}: ${family.cases} cases`,
      ),
  );
  const stuck = [
    ...base.failedExecutions.map((line) => `uninterrupted: ${line}`),
    ...base.stuck.map((line) => `uninterrupted: ${line}`),
    ...after.failedExecutions.map((line) => `faulted: ${line}`),
    ...after.stuck.map((line) => `faulted: ${line}`),
  ];
  const differences: string[] = [];
  for (const [index, family] of Object.entries(base.families)) {
    const other = after.families[index];
    if (other && !same(family, other))
      differences.push(`family ${index}: ${JSON.stringify(family)} vs ${JSON.stringify(other)}`);
  }
  for (const index of Object.keys(after.families))
    if (!base.families[index]) differences.push(`family ${index}: a case only in the faulted run`);
  const types = new Set([...Object.keys(base.tasks), ...Object.keys(after.tasks)]);
  for (const type of [...types].sort())
    if ((base.tasks[type] ?? 0) !== (after.tasks[type] ?? 0))
      differences.push(`tasks ${type}: ${base.tasks[type] ?? 0} vs ${after.tasks[type] ?? 0}`);
  return {
    families,
    cases: {
      uninterrupted: Object.keys(base.families).length,
      faulted: Object.keys(after.families).length,
    },
    lost,
    doubled,
    stuck,
    differences,
  };
}

export function passed(comparison: Comparison): boolean {
  return (
    comparison.lost.length +
      comparison.doubled.length +
      comparison.stuck.length +
      comparison.differences.length ===
    0
  );
}

function total(record: Record<string, number>): number {
  return Object.values(record).reduce((a, b) => a + b, 0);
}

/** The figures as a table, then the first few of each problem. */
export function formatComparison(comparison: Comparison, uninterrupted: SoakRun, faulted: SoakRun): string {
  const rows: [string, string, string][] = [
    ['', 'uninterrupted', 'faulted'],
    ['kills: DynamoDB Local', String(uninterrupted.kills.dynamodb), String(faulted.kills.dynamodb)],
    ['kills: engine', String(uninterrupted.kills.engine), String(faulted.kills.engine)],
    ['kills: API server', String(uninterrupted.kills.api), String(faulted.kills.api)],
    ['kills in all', String(total(uninterrupted.kills)), String(total(faulted.kills))],
    ['referrals sent', String(uninterrupted.referralsSent), String(faulted.referralsSent)],
    [
      'requests answered only on a retry',
      String(uninterrupted.retriedRequests),
      String(faulted.retriedRequests),
    ],
    [
      'completions done by an earlier attempt',
      String(uninterrupted.completionsDoneByEarlierAttempt),
      String(faulted.completionsDoneByEarlierAttempt),
    ],
    ['cases', String(comparison.cases.uninterrupted), String(comparison.cases.faulted)],
    ['tasks', String(total(uninterrupted.outcome.tasks)), String(total(faulted.outcome.tasks))],
    ['failed actions', String(total(uninterrupted.actionErrors)), String(total(faulted.actionErrors))],
    ['wall time s', uninterrupted.wallSeconds.toFixed(0), faulted.wallSeconds.toFixed(0)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = rows.map(([label, a, b]) => `${label.padEnd(width)}  ${a.padStart(13)}  ${b.padStart(13)}`);
  lines.push(
    '',
    `lost ${comparison.lost.length}, doubled ${comparison.doubled.length}, stuck ${comparison.stuck.length}, differences ${comparison.differences.length}`,
  );
  for (const [name, list] of [
    ['lost', comparison.lost.map((family) => `family ${family}`)],
    ['doubled', comparison.doubled],
    ['stuck', comparison.stuck],
    ['differences', comparison.differences],
    ['failed actions (faulted)', Object.entries(faulted.actionErrors).map(([k, v]) => `${k} x${v}`)],
    [
      'failed actions (uninterrupted)',
      Object.entries(uninterrupted.actionErrors).map(([k, v]) => `${k} x${v}`),
    ],
  ] as const) {
    if (list.length === 0) continue;
    lines.push(`${name}:`, ...list.slice(0, 10).map((line) => `  ${line}`));
    if (list.length > 10) lines.push(`  ... and ${list.length - 10} more`);
  }
  return lines.join('\n');
}
