import { describe, expect, it } from 'vitest';
import {
  endOfLondonDay,
  londonDate,
  londonOffsetMinutes,
  londonTime,
  startOfLondonDay,
} from '../../../shared/core/calendar';

// BST 2026 runs from 01:00 UTC on Sunday 29 March to 01:00 UTC on Sunday 25 October.

describe('London calendar days', () => {
  it.each([
    ['2026-03-29T00:30:00Z', '2026-03-29', 0],
    ['2026-03-29T01:00:00Z', '2026-03-29', 60],
    ['2026-06-30T23:30:00Z', '2026-07-01', 60],
    ['2026-10-24T23:30:00Z', '2026-10-25', 60],
    ['2026-10-25T01:00:00Z', '2026-10-25', 0],
    ['2026-10-25T23:30:00Z', '2026-10-25', 0],
    ['2026-12-31T23:59:59Z', '2026-12-31', 0],
    ['2024-02-29T23:30:00Z', '2024-02-29', 0],
  ])('%s is %s in London (offset %i min)', (instant, date, offset) => {
    expect(londonDate(instant)).toBe(date);
    expect(londonOffsetMinutes(instant)).toBe(offset);
  });

  it('finds midnight in BST and GMT', () => {
    expect(startOfLondonDay('2026-07-01').toISOString()).toBe('2026-06-30T23:00:00.000Z');
    expect(startOfLondonDay('2026-12-01').toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });

  it('gives the spring-forward day 23 hours and the fall-back day 25', () => {
    const spring = endOfLondonDay('2026-03-29').getTime() - startOfLondonDay('2026-03-29').getTime();
    const autumn = endOfLondonDay('2026-10-25').getTime() - startOfLondonDay('2026-10-25').getTime();
    expect(spring / 3_600_000).toBe(23);
    expect(autumn / 3_600_000).toBe(25);
  });

  it('resolves wall-clock times skipped or repeated by the clock change', () => {
    expect(londonTime('2026-03-29', '01:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(londonTime('2026-10-25', '01:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(londonTime('2026-07-01', '09:00').toISOString()).toBe('2026-07-01T08:00:00.000Z');
    expect(londonTime('2027-01-04', '09:00').toISOString()).toBe('2027-01-04T09:00:00.000Z');
  });

  it('rejects a bad instant or time', () => {
    expect(() => londonDate('not a date')).toThrow(/not a date/);
    expect(() => londonTime('2026-07-01', '9am')).toThrow(/9am/);
  });
});
