import { describe, expect, it } from 'vitest';
import { bankHolidays, isWorkingDay } from '../../../shared/core/calendar';
import { bankHolidaysByRules } from '../../../shared/core/calendar/bank-holiday-rules';
import table from '../../../shared/core/calendar/bank-holidays.json';

// The handlers read bank holidays from a table rather than carrying date-holidays: the table must say
// exactly what the library says, every year it covers (after a library update: npm run holidays).

describe('bank holiday table', () => {
  it('covers this century and the retention period of any case closed in it', () => {
    expect(table.from).toBeLessThanOrEqual(2000);
    expect(table.to).toBeGreaterThanOrEqual(2099);
  });

  it('agrees with date-holidays for every year it covers', () => {
    for (let year = table.from; year <= table.to; year += 1) {
      expect(
        bankHolidays(year).map(({ date, name }) => [date, name]),
        String(year),
      ).toEqual(bankHolidaysByRules(year));
    }
  });

  it('refuses a year outside the table with how to widen it', () => {
    expect(() => bankHolidays(table.to + 1)).toThrow(/npm run holidays/);
    // A weekend needs no table: only weekdays are looked up.
    expect(isWorkingDay(`${table.to}-12-31`)).toBe(true);
  });
});
