import { describe, expect, it } from 'vitest';
import { addWorkingMinutes, isInWorkingHours } from '../../../shared/core/calendar';
import { getConfig } from '../../../shared/core/config';

// First Response's working hours (timescales.workingHours, 09:00-17:00 London time on England's
// working days): an urgent screen is due one working hour after it opens, counted inside them only.

const hours = { start: '09:00', end: '17:00' };
const hourLater = (from: string) => addWorkingMinutes(from, 60, hours).toISOString();

describe('working hours', () => {
  it('are the configured 09:00-17:00', () => {
    expect(getConfig().timescales.workingHours).toEqual(hours);
    expect(getConfig().timescales.tasks['safeguarding-screen'].urgent).toEqual({
      dueInWorkingHours: 1,
      escalateWorkingHoursAfter: [0, 1],
      repeatEveryWorkingHours: 1,
    });
  });

  it.each([
    ['2026-06-03T07:59:59Z', false, 'Wednesday 08:59:59 BST'],
    ['2026-06-03T08:00:00Z', true, 'Wednesday 09:00 BST, the opening'],
    ['2026-06-03T15:59:59Z', true, 'Wednesday 16:59:59 BST'],
    ['2026-06-03T16:00:00Z', false, 'Wednesday 17:00 BST, the close'],
    ['2026-12-02T09:00:00Z', true, 'Wednesday 09:00 GMT'],
    ['2026-12-02T08:30:00Z', false, 'Wednesday 08:30 GMT'],
    ['2026-06-06T11:00:00Z', false, 'a Saturday at noon'],
    ['2026-08-31T11:00:00Z', false, 'the summer bank holiday at noon'],
  ])('%s in working hours: %s (%s)', (instant, expected) => {
    expect(isInWorkingHours(instant, hours)).toBe(expected);
  });

  describe('an hour after', () => {
    it.each([
      ['2026-06-03T09:15:00Z', '2026-06-03T10:15:00.000Z', 'Wednesday 10:15 BST: 11:15 the same day'],
      ['2026-06-03T15:00:00Z', '2026-06-03T16:00:00.000Z', 'Wednesday 16:00 BST: 17:00, the close'],
      // late afternoon: 30 minutes today, 30 minutes tomorrow
      ['2026-06-03T15:30:00Z', '2026-06-04T08:30:00.000Z', 'Wednesday 16:30 BST: Thursday 09:30'],
      ['2026-06-03T19:00:00Z', '2026-06-04T09:00:00.000Z', 'Wednesday 20:00 BST: Thursday 10:00'],
      ['2026-06-04T05:00:00Z', '2026-06-04T09:00:00.000Z', 'Thursday 06:00 BST: 10:00 the same day'],
      // weekend: Friday evening and Saturday both run to Monday morning
      ['2026-06-05T15:30:00Z', '2026-06-08T08:30:00.000Z', 'Friday 16:30 BST: Monday 09:30'],
      ['2026-06-06T11:00:00Z', '2026-06-08T09:00:00.000Z', 'Saturday noon: Monday 10:00'],
      // bank holidays: the summer bank holiday (Mon 31 Aug 2026); Christmas 2026 (Fri 25, Mon 28)
      ['2026-08-28T15:45:00Z', '2026-09-01T08:45:00.000Z', 'Friday 16:45 BST: Tuesday 09:45'],
      ['2026-08-31T10:00:00Z', '2026-09-01T09:00:00.000Z', 'bank holiday 11:00: Tuesday 10:00'],
      ['2026-12-24T16:30:00Z', '2026-12-29T09:30:00.000Z', 'Christmas Eve 16:30 GMT: Tuesday 29th 09:30'],
      // the clocks change: Friday 23 Oct 2026 16:30 BST, Monday 26 Oct 09:30 GMT
      ['2026-10-23T15:30:00Z', '2026-10-26T09:30:00.000Z', 'across the autumn change'],
    ])('from %s is %s (%s)', (from, expected) => {
      expect(hourLater(from)).toBe(expected);
    });

    it('counts no time outside working hours: 0 minutes from a Sunday is Monday at 09:00', () => {
      expect(addWorkingMinutes('2026-06-07T12:00:00Z', 0, hours).toISOString()).toBe(
        '2026-06-08T08:00:00.000Z',
      );
      expect(addWorkingMinutes('2026-06-03T10:00:00Z', 0, hours).toISOString()).toBe(
        '2026-06-03T10:00:00.000Z',
      );
    });

    it('spans several working days: 9 working hours from Wednesday 10:00 is Thursday 11:00', () => {
      expect(addWorkingMinutes('2026-06-03T09:00:00Z', 9 * 60, hours).toISOString()).toBe(
        '2026-06-04T10:00:00.000Z',
      );
    });

    it('refuses a negative count', () => {
      expect(() => addWorkingMinutes('2026-06-03T09:00:00Z', -1, hours)).toThrow(RangeError);
    });
  });
});
