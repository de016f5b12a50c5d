// Recurring starts of workflows, on EventBridge Scheduler in AWS (and the local scheduler on the
// engine's clock locally). Times are wall-clock Europe/London, so they follow BST.
// Each execution's input is `{ "schedule": <name>, "scheduledTime": <ISO time the schedule fired> }`.

export interface ScheduleEntry {
  name: string;
  /** The workflow started: workflows/<workflow>.asl.json */
  workflow: string;
  /** EventBridge Scheduler cron: `cron(minutes hours day-of-month month day-of-week year)` */
  expression: string;
  description: string;
}

export const SCHEDULE_TIME_ZONE = 'Europe/London';

export const SCHEDULES: readonly ScheduleEntry[] = [
  {
    name: 'reporting-cycle',
    workflow: 'reporting-cycle',
    // 00:30 on 1 April, 1 July, 1 October and 1 January: just after each financial quarter ends.
    expression: 'cron(30 0 1 1,4,7,10 ? *)',
    description:
      'Starts the quarterly reporting cycle just after each quarter end (financial year April-March)',
  },
  {
    name: 'retention-sweep',
    workflow: 'retention-sweep',
    // 02:30 every day, outside working hours.
    expression: 'cron(30 2 * * ? *)',
    description: 'Deletes personal data of closed cases past their retention date',
  },
  {
    name: 'claim-cycle',
    workflow: 'claim-cycle',
    // 06:00 on 2 April, 2 July, 2 October and 2 January: the results claim for the quarter just ended,
    // after the reporting cycle has started.
    expression: 'cron(0 6 2 1,4,7,10 ? *)',
    description:
      'Starts the Supporting Families results claim for the quarter just ended: claimable list, audit sample, sign-off, claim file',
  },
];
