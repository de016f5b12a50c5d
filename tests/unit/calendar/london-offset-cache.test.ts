import { describe, expect, it } from 'vitest';
import { londonDate, londonOffsetMinutes } from '../../../shared/core/calendar';

// london.ts keeps London's offset per UTC hour instead of asking Intl on every call. These compare its
// answers with Intl asked about the very instant, in an order that reuses the cache across calls.

const reference = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function intlAnswers(ms: number): { date: string; offset: number } {
  const parts: Record<string, number> = {};
  for (const part of reference.formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  const date = `${String(parts.year).padStart(4, '0')}-${String(parts.month).padStart(2, '0')}-${String(parts.day).padStart(2, '0')}`;
  return { date, offset: Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000) };
}

const HOUR = 3_600_000;

/** A seeded sequence, so a failure names the same instants on every run. */
function* instants(seed: number, count: number, from: number, to: number): Generator<number> {
  let state = seed;
  for (let i = 0; i < count; i += 1) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    yield from + Math.floor((state / 2 ** 32) * (to - from));
  }
}

function disagreements(list: Iterable<number>): string[] {
  const wrong: string[] = [];
  for (const ms of list) {
    const expected = intlAnswers(ms);
    const actual = { date: londonDate(ms), offset: londonOffsetMinutes(ms) };
    if (actual.date !== expected.date || actual.offset !== expected.offset) {
      wrong.push(`${new Date(ms).toISOString()}: ${JSON.stringify(actual)} not ${JSON.stringify(expected)}`);
    }
  }
  return wrong;
}

describe("London's offset, kept per hour", () => {
  it('agrees with Intl at random instants from 1840 to 2100, before the cached range included', () => {
    expect(disagreements(instants(21, 40_000, Date.UTC(1840, 0, 1), Date.UTC(2100, 0, 1)))).toEqual([]);
  });

  it('agrees with Intl a millisecond either side of every hour of years with clock changes', () => {
    const around: number[] = [];
    // 1968-1971 (British Standard Time all year), 1996 (the EU rule's first year), 2026 and 2099.
    for (const year of [1968, 1971, 1996, 2026, 2099]) {
      for (let hour = Date.UTC(year, 0, 1); hour < Date.UTC(year + 1, 0, 1); hour += HOUR) {
        around.push(hour + HOUR - 1, hour, hour + 1);
      }
    }
    expect(disagreements(around)).toEqual([]);
  });

  it('agrees with Intl around both clock changes of every year the EU rule is worked out for', () => {
    // Arrange: every hour, and a millisecond either side, of the last eight days of March and of
    // October (the last Sunday falls in them), 1996 to 2099, and the hours either side of the range.
    const around: number[] = [];
    for (let year = 1996; year <= 2099; year += 1) {
      for (const month of [2, 9]) {
        for (let hour = Date.UTC(year, month, 24); hour < Date.UTC(year, month + 1, 1, 2); hour += HOUR) {
          around.push(hour - 1, hour, hour + 1);
        }
      }
    }
    for (const edge of [Date.UTC(1996, 0, 1), Date.UTC(2100, 0, 1)]) {
      for (let hour = edge - 3 * HOUR; hour <= edge + 3 * HOUR; hour += HOUR)
        around.push(hour - 1, hour, hour + 1);
    }
    // Act
    const wrong = disagreements(around);
    // Assess
    expect(around.length).toBeGreaterThan(100_000);
    expect(wrong).toEqual([]);
  });
});
