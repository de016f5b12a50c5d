import { describe, expect, it } from 'vitest';
import { formatDay, formatInstant } from '../../../shared/pages/labels';

// labels.ts writes dates by hand; these hold its text to what en-GB's Intl writes for the same value.

const intlDay = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const intlInstant = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});
const HOUR = 3_600_000;

/** A seeded sequence, so a failure names the same values on every run. */
function* seeded(seed: number, count: number, from: number, to: number): Generator<number> {
  let state = seed;
  for (let i = 0; i < count; i += 1) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    yield from + Math.floor((state / 2 ** 32) * (to - from));
  }
}

describe('dates written for the pages', () => {
  it('write every day from 1990 to 2105 as Intl does, and days that overflow their month as Intl does', () => {
    // Arrange
    const days: string[] = ['2026-02-31', '2026-04-31', '2025-02-29'];
    for (let ms = Date.UTC(1990, 0, 1); ms < Date.UTC(2105, 0, 1); ms += 24 * HOUR) {
      days.push(new Date(ms).toISOString().slice(0, 10));
    }
    // Act
    const wrong = days.filter((day) => formatDay(day) !== intlDay.format(new Date(`${day}T00:00:00Z`)));
    // Assess
    expect(formatDay('2026-09-04')).toBe('4 September 2026');
    expect(formatDay('2026-02-31')).toBe('3 March 2026');
    expect(wrong).toEqual([]);
  });

  it('write instants as London wall time as Intl does, around every clock change and at random', () => {
    // Arrange
    const instants: number[] = [...seeded(17, 20_000, Date.UTC(1990, 0, 1), Date.UTC(2105, 0, 1))];
    // The clocks change at 01:00 UTC on the last Sunday of March and of October (the 25th to the 31st).
    for (let year = 1995; year <= 2100; year += 1) {
      for (const month of [2, 9]) {
        for (let day = 24; day <= 31; day += 1) {
          for (const hour of [0, 1, 2]) {
            const ms = Date.UTC(year, month, day, hour);
            instants.push(ms - 1, ms, ms + 59_999);
          }
        }
      }
    }
    // Act
    const wrong = instants
      .map((ms) => new Date(ms).toISOString())
      .filter((iso) => formatInstant(iso) !== intlInstant.format(new Date(iso)));
    // Assess
    expect(formatInstant('2026-09-04T08:05:59.999Z')).toBe('4 Sept 2026, 09:05');
    expect(formatInstant('2026-12-04T08:05:00Z')).toBe('4 Dec 2026, 08:05');
    expect(formatInstant('not a date')).toBe('');
    expect(wrong).toEqual([]);
  });
});
