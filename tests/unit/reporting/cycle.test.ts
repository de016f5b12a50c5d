import { describe, expect, it } from 'vitest';
import {
  addDays,
  isWorkingDay,
  londonDate,
  londonOffsetMinutes,
  londonTime,
  parseQuarterId,
  quarter,
  type QuarterNumber,
} from '../../../shared/core/calendar';
import { cycleQuarter, planCycle } from '../../../shared/domain/reporting/cycle';
import { chaseSchedule } from '../../../shared/domain/tasks/schedule';

const YEARS = [2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030];
const QUARTERS: QuarterNumber[] = [1, 2, 3, 4];

/** When EventBridge Scheduler fires `cron(30 0 1 1,4,7,10 ? *)` in Europe/London after a quarter. */
function scheduledAfter(startYear: number, number: QuarterNumber): string {
  const ended = quarter(startYear, number);
  return londonTime(addDays(ended.end, 1), '00:30').toISOString();
}

describe('which quarter a scheduled run reports on', () => {
  it('is the quarter that just ended, every quarter of eight years, in BST and GMT alike', () => {
    for (const year of YEARS) {
      for (const number of QUARTERS) {
        const scheduledTime = scheduledAfter(year, number);
        expect(cycleQuarter({ scheduledTime }).id).toBe(quarter(year, number).id);
        // A retry up to 12 hours later still reports on the same quarter.
        const retried = new Date(new Date(scheduledTime).getTime() + 12 * 3_600_000).toISOString();
        expect(cycleQuarter({ scheduledTime: retried }).id).toBe(quarter(year, number).id);
      }
    }
  });

  it('reads 00:30 BST on 1 April as April, though it is still 31 March in UTC', () => {
    const scheduledTime = scheduledAfter(2026, 4);
    expect(scheduledTime).toBe('2027-03-31T23:30:00.000Z');
    expect(cycleQuarter({ scheduledTime }).id).toBe('2026-27-Q4');
    expect(cycleQuarter({ scheduledTime: scheduledAfter(2026, 3) })).toMatchObject({ id: '2026-27-Q3' });
  });

  it('takes an explicit quarter over the schedule, and refuses neither', () => {
    expect(cycleQuarter({ quarter: '2025-26-Q2', scheduledTime: scheduledAfter(2026, 4) }).id).toBe(
      '2025-26-Q2',
    );
    expect(() => cycleQuarter({})).toThrow(/quarter/);
  });
});

describe('report due dates', () => {
  it('are the last working day within four weeks of every quarter end for eight years', () => {
    for (const year of YEARS) {
      for (const number of QUARTERS) {
        const q = quarter(year, number);
        const deadline = addDays(q.end, 28);
        const due = planCycle(q, scheduledAfter(year, number)).quarterly[0]!.dueDate;
        expect(isWorkingDay(due), `${q.id} due ${due}`).toBe(true);
        expect(due <= deadline).toBe(true);
        // Nothing later is a working day up to the deadline.
        for (let day = addDays(due, 1); day <= deadline; day = addDays(day, 1)) {
          expect(isWorkingDay(day), `${q.id}: ${day}`).toBe(false);
        }
      }
    }
  });

  it('moves a deadline on a weekend to the Friday: leap years and year ends included', () => {
    const dueOf = (id: string) => planCycle(parseQuarterId(id), '2030-01-01T00:00:00Z').quarterly[0]!.dueDate;
    expect(dueOf('2024-25-Q1')).toBe('2024-07-26'); // 28 Jul 2024 is a Sunday
    expect(dueOf('2023-24-Q3')).toBe('2024-01-26'); // 28 Jan 2024 is a Sunday
    expect(dueOf('2023-24-Q4')).toBe('2024-04-26'); // 31 Mar 2024 (leap year) + 28 = Sunday 28 Apr
    expect(dueOf('2027-28-Q4')).toBe('2028-04-28'); // leap year 2028: Friday
    expect(dueOf('2026-27-Q2')).toBe('2026-10-28');
  });

  it('gives the annual report after Q4 only, due by 31 May or the working day before', () => {
    const annualDue = (startYear: number) =>
      planCycle(quarter(startYear, 4), scheduledAfter(startYear, 4)).annual.map((task) => task.dueDate);
    expect(annualDue(2025)).toEqual(Array(8).fill('2026-05-29')); // 31 May 2026 is a Sunday
    expect(annualDue(2026)).toEqual(Array(8).fill('2027-05-28')); // 31 May 2027 is the spring bank holiday
    expect(annualDue(2027)).toEqual(Array(8).fill('2028-05-31'));
    for (const number of [1, 2, 3] as QuarterNumber[]) {
      expect(planCycle(quarter(2026, number), scheduledAfter(2026, number)).annual).toEqual([]);
    }
  });

  it('opens the annual conversation for each locality on November’s first working day, in GMT', () => {
    const plan = planCycle(quarter(2026, 2), scheduledAfter(2026, 2));
    expect(plan.conversations).toHaveLength(7);
    expect(plan.conversations.map((task) => task.scope)).not.toContain('partnership');
    const [first] = plan.conversations;
    // 1 November 2026 is a Sunday; BST ended on 25 October, so 09:00 London is 09:00 UTC.
    expect(first).toMatchObject({
      period: '2026-27',
      dueDate: '2026-11-30',
      opensAt: '2026-11-02T09:00:00.000Z',
    });
    expect(londonOffsetMinutes(first!.opensAt)).toBe(0);
    for (const number of [1, 3, 4] as QuarterNumber[]) {
      expect(planCycle(quarter(2026, number), scheduledAfter(2026, number)).conversations).toEqual([]);
    }
  });

  it('names every task and child execution from the quarter alone', () => {
    const first = planCycle(quarter(2026, 4), '2027-03-31T23:30:00.000Z');
    const again = planCycle(quarter(2026, 4), '2027-04-01T11:30:00.000Z');
    const names = (plan: typeof first) =>
      [...plan.quarterly, ...plan.annual].map((task) => [task.uniqueKey, task.executionName, task.dueDate]);
    expect(names(again)).toEqual(names(first));
    expect(first.quarterly.find((task) => task.scope === 'partnership')).toMatchObject({
      owner: 'role:head-of-service:county',
      executionName: 'quarterly-report-partnership-2026-27-Q4',
    });
    for (const task of [...first.quarterly, ...first.annual]) {
      expect(task.executionName).toMatch(/^[a-z0-9-]{1,80}$/i);
    }
  });
});

describe('reminders on report tasks', () => {
  const days = (type: 'quarterly-report' | 'annual-report', due: string) =>
    chaseSchedule(type, due).map((point) => [point.kind, point.day, londonDate(point.at)]);

  it('come 10 and 3 working days before and on the due day, skipping a bank holiday', () => {
    // Annual report 2025/26 due Friday 29 May 2026; Monday 25 May is the spring bank holiday.
    expect(days('annual-report', '2026-05-29')).toEqual([
      ['reminder', '2026-05-14', '2026-05-14'],
      ['reminder', '2026-05-26', '2026-05-26'],
      ['reminder', '2026-05-29', '2026-05-29'],
      ['escalation', '2026-06-01', '2026-06-01'],
    ]);
  });

  it('skip Easter for the Q4 report of a leap year', () => {
    // 2027/28 Q4 report due Friday 28 April 2028; Good Friday 14 April and Easter Monday 17 April.
    const reminders = days('quarterly-report', '2028-04-28').filter(([kind]) => kind === 'reminder');
    expect(reminders.map(([, day]) => day)).toEqual(['2028-04-12', '2028-04-25', '2028-04-28']);
    for (const [, day] of reminders) expect(isWorkingDay(day as string)).toBe(true);
  });

  it('land at the same London hour on either side of a clock change', () => {
    // The Q3 2026/27 report: due Thursday 28 Jan 2027 (GMT); the Q1 report: due Tuesday 28 Jul 2026 (BST).
    const winter = chaseSchedule('quarterly-report', '2027-01-28');
    const summer = chaseSchedule('quarterly-report', '2026-07-28');
    expect(winter[0]!.at.toISOString()).toBe('2027-01-14T09:00:00.000Z');
    expect(summer[0]!.at.toISOString()).toBe('2026-07-14T08:00:00.000Z');
  });
});
