import {
  annualConversation,
  annualReportDue,
  type IsoDate,
  londonDate,
  londonTime,
  nextQuarter,
  parseQuarterId,
  previousQuarter,
  type Quarter,
  quarterlyReportDue,
  quarterOf,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
} from '../../core/calendar';
import { configuredLocalities, configuredTimescales } from '../../core/config';
import { type ReportTaskType, reportTaskDefinition } from '../tasks/types';
import { PARTNERSHIP } from '../tasks/types/report-scope';

// What a run of the reporting cycle owes for a quarter, decided from the quarter alone so that a
// retried or repeated run names the same reports, tasks and child executions (seeds/002 §42):
// - every quarter: a quarterly report per locality and for the partnership, due quarter end + 4 weeks;
// - after Q4: the annual report per locality and for the partnership, due two months after year end;
// - after Q2: the annual conversation per locality, opened on November's first working day, due by
//   its last.
// A task is due on the last working day on or before the seeds' deadline (28 July 2024 is a Sunday:
// the task is due Friday 26th), so the due-day reminder and the deadline both fall on working days.

export { PARTNERSHIP } from '../tasks/types/report-scope';
export type { ReportTaskType } from '../tasks/types';

export interface ReportTask {
  type: ReportTaskType;
  /** A locality id or `partnership`. */
  scope: string;
  /** `2026-27-Q4` (quarterly) or `2026-27` (annual report, annual conversation). */
  period: string;
  owner: string;
  area: string;
  dueDate: IsoDate;
  /** When the task opens (the conversation waits for November); ISO instant. */
  opensAt: string;
  /** One task per natural key, however often the cycle runs. */
  uniqueKey: string;
  /** The child execution's name: deterministic, so a second start finds the first. */
  executionName: string;
}

/** The quarter a run reports on: the one given, or the one that ended just before the schedule fired. */
export function cycleQuarter(input: { quarter?: string; scheduledTime?: string }): Quarter {
  if (input.quarter) return parseQuarterId(input.quarter);
  if (!input.scheduledTime)
    throw new RangeError('reporting cycle: give quarter (2026-27-Q4) or scheduledTime');
  // 00:30 on 1 April BST is 23:30 UTC on 31 March: the London day decides which quarter just ended.
  return previousQuarter(quarterOf(londonDate(input.scheduledTime)));
}

export function scopesOf(): string[] {
  return [...configuredLocalities().map((locality) => locality.id), PARTNERSHIP];
}

function task(
  type: ReportTaskType,
  scope: string,
  period: string,
  dueDate: IsoDate,
  opensAt: string,
): ReportTask {
  return {
    type,
    scope,
    period,
    ...reportTaskDefinition(type).owner(scope),
    dueDate,
    opensAt,
    uniqueKey: `${type}:${scope}:${period}`,
    executionName: `${type}-${scope}-${period}`,
  };
}

export interface CyclePlan {
  quarter: string;
  quarterly: ReportTask[];
  annual: ReportTask[];
  conversations: ReportTask[];
}

/** Every report and task a run owes for `quarter`; `now` is when the run started (tasks open then). */
export function planCycle(quarter: Quarter, now: Date | string): CyclePlan {
  const { reporting } = configuredTimescales();
  const opensNow = new Date(now).toISOString();
  const year = quarter.financialYear;
  const scopes = scopesOf();
  const quarterly = scopes.map((scope) =>
    task(
      'quarterly-report',
      scope,
      quarter.id,
      workingDayOnOrBefore(quarterlyReportDue(quarter, reporting.quarterlyReportWeeksAfterQuarterEnd)),
      opensNow,
    ),
  );
  const annual =
    quarter.quarter === 4
      ? scopes.map((scope) =>
          task(
            'annual-report',
            scope,
            year.id,
            workingDayOnOrBefore(annualReportDue(year, reporting.annualReportMonthsAfterYearEnd)),
            opensNow,
          ),
        )
      : [];
  // The conversation falls in the quarter after this one: its financial year is that quarter's.
  const conversation = annualConversation(
    nextQuarter(quarter).financialYear,
    reporting.annualConversationMonth,
  );
  // The conversation belongs to the run after the quarter it falls in starts: after Q2 for November.
  const conversationQuarter = quarterOf(conversation.start);
  const opensAt = londonTime(
    workingDayOnOrAfter(conversation.start),
    configuredTimescales().chase.time,
  ).toISOString();
  const conversations =
    previousQuarter(conversationQuarter).id === quarter.id
      ? scopes
          .filter((scope) => scope !== PARTNERSHIP)
          .map((scope) => {
            const spec = task(
              'annual-conversation',
              scope,
              nextQuarter(quarter).financialYear.id,
              conversation.due,
              opensAt,
            );
            return new Date(opensAt) < new Date(now) ? { ...spec, opensAt: opensNow } : spec;
          })
      : [];
  return { quarter: quarter.id, quarterly, annual, conversations };
}
