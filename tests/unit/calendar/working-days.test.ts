import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  bankHolidays,
  dueInWorkingDays,
  isOverdue,
  isWorkingDay,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
  workingDaysBetween,
} from '../../../shared/core/calendar';

// Every expected date below was checked by hand against gov.uk/bank-holidays and a printed calendar.

describe('isWorkingDay', () => {
  it.each([
    ['2022-08-29', false, 'Summer bank holiday 2022 (Monday)'],
    ['2022-08-30', true, 'the Tuesday after it'],
    ['2022-09-19', false, "Queen Elizabeth II's funeral (one-off bank holiday)"],
    ['2022-12-25', false, 'Christmas Day 2022 (Sunday)'],
    ['2022-12-26', false, 'Boxing Day 2022 (Monday)'],
    ['2022-12-27', false, 'Christmas substitute day 2022 (Tuesday)'],
    ['2022-12-28', true, 'Wednesday after Christmas 2022'],
    ['2023-05-08', false, "King Charles III's coronation"],
    ['2026-12-25', false, 'Christmas Day 2026 (Friday)'],
    ['2026-12-26', false, 'Boxing Day 2026 (Saturday)'],
    ['2026-12-28', false, 'Boxing Day substitute 2026 (Monday)'],
    ['2026-12-29', true, 'Tuesday 29 Dec 2026'],
    ['2027-03-26', false, 'Good Friday 2027'],
    ['2027-03-29', false, 'Easter Monday 2027'],
    ['2027-03-14', false, 'Mothering Sunday is an observance, and a Sunday'],
    ['2024-02-29', true, 'leap day 2024 (Thursday)'],
    ['2026-11-28', false, 'a Saturday'],
    ['2026-11-29', false, 'a Sunday'],
    ['2026-11-30', true, 'a Monday'],
  ])('%s is %s (%s)', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it('lists the England and Wales bank holidays of 2026 only (no observances, no Scottish days)', () => {
    expect(bankHolidays(2026).map((holiday) => holiday.date)).toEqual(
      [
        '2026-01-01',
        '2026-04-03',
        '2026-04-06',
        '2026-05-04',
        '2026-05-25',
        '2026-08-31',
        '2026-12-25',
        '2026-12-28',
        '2026-12-26',
      ].sort(),
    );
  });

  it('rejects a date that is not a calendar date', () => {
    expect(() => isWorkingDay('2026-02-30')).toThrow(/2026-02-30/);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2022-08-26', 1, '2022-08-30', 'Friday + 1 skips the weekend and the bank holiday Monday'],
    ['2022-08-30', -1, '2022-08-26', 'and back again'],
    [
      '2026-12-24',
      1,
      '2026-12-29',
      'Christmas Eve 2026 + 1 skips Christmas, the weekend and the substitute day',
    ],
    ['2027-03-25', 1, '2027-03-30', 'Easter 2027'],
    ['2026-11-23', 5, '2026-11-30', 'a week of five working days'],
    ['2026-11-28', 1, '2026-11-30', 'from a Saturday the next working day is Monday'],
    ['2026-11-02', 45, '2027-01-07', 'assessment: 9 weeks of weekdays plus three bank holidays'],
    ['2026-11-02', 0, '2026-11-02', 'zero moves nothing'],
    ['2024-02-28', 1, '2024-02-29', 'leap day counts'],
    ['2023-02-28', 1, '2023-03-01', 'no leap day in 2023'],
  ])('%s + %i working days = %s (%s)', (from, days, expected) => {
    expect(addWorkingDays(from, days)).toBe(expected);
  });

  it('rejects a fractional count', () => {
    expect(() => addWorkingDays('2026-11-02', 1.5)).toThrow(/whole number/);
  });
});

describe('workingDaysBetween', () => {
  it.each([
    ['2022-08-26', '2022-08-30', 1],
    ['2026-11-02', '2027-01-07', 45],
    ['2026-12-24', '2026-12-29', 1],
    ['2026-11-30', '2026-11-30', 0],
    ['2022-08-30', '2022-08-26', -1],
  ])('from %s to %s is %i', (from, to, expected) => {
    expect(workingDaysBetween(from, to)).toBe(expected);
  });

  it('inverts addWorkingDays over a year of start days', () => {
    for (let day = 0; day < 366; day += 7) {
      const from = addWorkingDays('2026-01-01', day % 200);
      expect(workingDaysBetween(from, addWorkingDays(from, 12))).toBe(12);
    }
  });
});

describe('nearest working day', () => {
  it('moves a weekend or holiday forward or back', () => {
    expect(workingDayOnOrAfter('2022-08-27')).toBe('2022-08-30');
    expect(workingDayOnOrBefore('2022-08-29')).toBe('2022-08-26');
    expect(workingDayOnOrAfter('2022-08-30')).toBe('2022-08-30');
  });
});

describe('due dates from an instant', () => {
  it('counts from the London day, which differs from the UTC day late on a BST evening', () => {
    // 23:30 UTC on Thursday 25 June 2026 is 00:30 on Friday 26 June in London.
    expect(dueInWorkingDays('2026-06-25T23:30:00Z', 1)).toBe('2026-06-29');
    // In winter (GMT) the same UTC time is still Thursday in London.
    expect(dueInWorkingDays('2026-11-26T23:30:00Z', 1)).toBe('2026-11-27');
  });

  it('is overdue only once the whole due day has passed in London', () => {
    expect(isOverdue('2026-06-26', '2026-06-26T22:59:59Z')).toBe(false);
    expect(isOverdue('2026-06-26', '2026-06-26T23:00:00Z')).toBe(true);
  });
});
