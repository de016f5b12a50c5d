import { assertIsoDate, type IsoDate, partsOf } from './dates';

// Conversions between instants and Europe/London calendar days and wall-clock times. From 1996 to
// 2099 London's offset follows one rule (below), worked out here; for any other instant Intl, which
// carries the IANA rules, answers. Intl's first DateTimeFormat costs about 10 ms of CPU (ICU's set-up),
// which every handler paid at import when the formatter was built with the module.

export const TIME_ZONE = 'Europe/London';

let formatter: Intl.DateTimeFormat | undefined;

function londonFormatter(): Intl.DateTimeFormat {
  formatter ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return formatter;
}

/** tzdb's GB-Eire zone follows the EU rule from 1996: its first year, and the last year taken here. */
const EU_RULE_FROM_MS = Date.UTC(1996, 0, 1);
const EU_RULE_TO_MS = Date.UTC(2100, 0, 1);

/** 01:00 UTC on the last Sunday of a month (0-based), when the EU rule changes the clocks. */
function lastSundayAtOneUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/**
 * London's offset in milliseconds under the EU rule (BST from 01:00 UTC on the last Sunday of March
 * to 01:00 UTC on the last Sunday of October), or undefined outside the years it covers here.
 * tests/unit/calendar/london-offset-cache.test.ts holds it to Intl's answers.
 */
function euRuleOffset(ms: number): number | undefined {
  if (ms < EU_RULE_FROM_MS || ms >= EU_RULE_TO_MS) return undefined;
  const year = new Date(ms).getUTCFullYear();
  return ms >= lastSundayAtOneUtc(year, 2) && ms < lastSundayAtOneUtc(year, 9) ? HOUR_MS : 0;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockOf(instant: Date): WallClock {
  const ms = instant.getTime();
  // London's offset is a whole number of hours and changes only on the hour (UTC) since 1848 (tzdb),
  // so the offset at the hour's start holds for the whole hour: one formatToParts per hour seen, not
  // per call (it was a few per cent of the simulation's CPU). Earlier instants ask Intl every time.
  if (ms >= OFFSET_CACHE_FROM_MS) {
    const hour = Math.floor(ms / HOUR_MS);
    let offset = euRuleOffset(hour * HOUR_MS) ?? offsetByHour.get(hour);
    if (offset === undefined) {
      if (offsetByHour.size >= OFFSET_CACHE_HOURS) offsetByHour.clear();
      const wall = formatted(new Date(hour * HOUR_MS));
      offset =
        Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - hour * HOUR_MS;
      offsetByHour.set(hour, offset);
    }
    const local = new Date(ms + offset);
    return {
      year: local.getUTCFullYear(),
      month: local.getUTCMonth() + 1,
      day: local.getUTCDate(),
      hour: local.getUTCHours(),
      minute: local.getUTCMinutes(),
      second: local.getUTCSeconds(),
    };
  }
  return formatted(instant);
}

const HOUR_MS = 3_600_000;
/** 1900-01-01T00:00:00Z: well after Europe/London's last offset that is not a whole hour (LMT, to 1847). */
const OFFSET_CACHE_FROM_MS = Date.UTC(1900, 0, 1);
/** About eleven years of hours: bounded, and a simulated year never clears it. */
const OFFSET_CACHE_HOURS = 100_000;
/** London's offset from UTC in milliseconds, by UTC hour (epoch hours). */
const offsetByHour = new Map<number, number>();

function formatted(instant: Date): WallClock {
  const parts: Record<string, number> = {};
  for (const part of londonFormatter().formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

function toInstant(value: Date | string | number): Date {
  const instant = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`Not an instant: ${JSON.stringify(value)}`);
  return instant;
}

/** The Europe/London calendar day an instant falls on. */
export function londonDate(instant: Date | string | number): IsoDate {
  const { year, month, day } = wallClockOf(toInstant(instant));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Minutes London is ahead of UTC at an instant: 0 in GMT, 60 in BST. */
export function londonOffsetMinutes(instant: Date | string | number): number {
  const at = toInstant(instant);
  const wall = wallClockOf(at);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant a London wall-clock time happens on a day. A time skipped by the spring change
 * (01:00-02:00 on the last Sunday of March) is taken in GMT, i.e. it lands an hour later in BST;
 * a time repeated in autumn is the first (BST) occurrence.
 */
export function londonTime(date: IsoDate, time = '00:00'): Date {
  const { year, month, day } = partsOf(assertIsoDate(date));
  const match = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!match) throw new RangeError(`Not a time (HH:MM or HH:MM:SS): ${JSON.stringify(time)}`);
  const asUtc = Date.UTC(year, month - 1, day, Number(match[1]), Number(match[2]), Number(match[3] ?? 0));
  // Try the BST reading first (so repeated autumn times resolve to their first occurrence), then GMT.
  for (const offset of [60, 0]) {
    const candidate = new Date(asUtc - offset * 60_000);
    if (londonOffsetMinutes(candidate) === offset) return candidate;
  }
  return new Date(asUtc);
}

/** The first instant of a London day (midnight local time). */
export function startOfLondonDay(date: IsoDate): Date {
  return londonTime(date, '00:00');
}

/** The instant a London day ends (the next day's midnight), e.g. for "due by the end of the due date". */
export function endOfLondonDay(date: IsoDate): Date {
  const { year, month, day } = partsOf(date);
  const next = new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
  return startOfLondonDay(next);
}
