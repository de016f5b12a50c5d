import table from './bank-holidays.json';
import { addDays, dayOfWeek, type IsoDate, partsOf } from './dates';

// Working days in England: Monday to Friday, minus the bank holidays of England and Wales. The days
// come from a table written from date-holidays' rules (bank-holiday-rules.ts, `npm run holidays`), so
// no handler carries the library; a test keeps the table and the library in step.

// The table holds each year as one string, `MMDD:<index into names>` separated by spaces
// (update-bank-holidays.ts), read into a map the first time a year is asked for.
const byYear = new Map<number, Map<IsoDate, string>>();

function bankHolidaysOf(year: number): Map<IsoDate, string> {
  let days = byYear.get(year);
  if (!days) {
    const encoded = (table.years as Record<string, string>)[year];
    if (encoded === undefined) throw outsideTable(year);
    days = new Map(
      encoded.split(' ').map((day) => {
        const [monthDay, name] = day.split(':');
        return [`${year}-${monthDay.slice(0, 2)}-${monthDay.slice(2)}`, table.names[Number(name)]];
      }),
    );
    byYear.set(year, days);
  }
  return days;
}

function outsideTable(year: number): RangeError {
  return new RangeError(
    `No bank holidays known for ${year} (the table covers ${table.from} to ${table.to}): run npm run holidays -- --from <year> --to <year>`,
  );
}

/** The bank holidays of England and Wales in a calendar year, in date order. */
export function bankHolidays(year: number): { date: IsoDate; name: string }[] {
  return [...bankHolidaysOf(year)]
    .map(([date, name]) => ({ date, name }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

export function isBankHoliday(date: IsoDate): boolean {
  return bankHolidaysOf(partsOf(date).year).has(date);
}

export function isWeekend(date: IsoDate): boolean {
  const weekday = dayOfWeek(date);
  return weekday === 0 || weekday === 6;
}

export function isWorkingDay(date: IsoDate): boolean {
  return !isWeekend(date) && !isBankHoliday(date);
}

/**
 * Moves `days` working days from `date`, counting the days after it: the next working day is
 * `addWorkingDays(date, 1)` whatever `date` is; negative counts move back; 0 returns `date` unchanged.
 */
export function addWorkingDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`Working days must be a whole number, got ${days}`);
  const step = days < 0 ? -1 : 1;
  let remaining = Math.abs(days);
  let current = date;
  partsOf(date);
  while (remaining > 0) {
    current = addDays(current, step);
    if (isWorkingDay(current)) remaining -= 1;
  }
  return current;
}

/**
 * Working days after `from` up to and including `to`: how many working days it took to get from
 * `from` to `to`, so `workingDaysBetween(d, addWorkingDays(d, n)) === n`. Negative when `to` is earlier.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  if (to < from) return -workingDaysBetween(to, from);
  let count = 0;
  for (let current = addDays(from, 1); current <= to; current = addDays(current, 1)) {
    if (isWorkingDay(current)) count += 1;
  }
  return count;
}

/** `date` itself when it is a working day, else the next one. */
export function workingDayOnOrAfter(date: IsoDate): IsoDate {
  return isWorkingDay(date) ? date : addWorkingDays(date, 1);
}

/** `date` itself when it is a working day, else the previous one. */
export function workingDayOnOrBefore(date: IsoDate): IsoDate {
  return isWorkingDay(date) ? date : addWorkingDays(date, -1);
}
