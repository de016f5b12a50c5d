import Holidays from 'date-holidays';
import type { IsoDate } from './dates';

// Where the bank holiday table comes from: date-holidays' rules for England and Wales (substitute days
// and one-off days such as 19 September 2022 included; only its 'public' type, so observances such as
// Mother's Day never count). Used at build time (`npm run holidays` writes bank-holidays.json) and by
// the test that keeps the table in step with the library, never by a handler: the library and its
// time-zone data are 1.4 MB of every bundle otherwise (docs/decisions.md, Domain).

const rules = new Holidays('GB', 'ENG', { types: ['public'] });

/** The bank holidays of England and Wales in a calendar year by date-holidays' rules, in date order. */
export function bankHolidaysByRules(year: number): [IsoDate, string][] {
  const days = new Map<IsoDate, string>();
  // `date` is the local date followed by a time: the day itself is the first ten characters.
  for (const holiday of rules.getHolidays(year)) days.set(holiday.date.slice(0, 10), holiday.name);
  return [...days].sort(([a], [b]) => a.localeCompare(b));
}
