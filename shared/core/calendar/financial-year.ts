import { addMonths, addWeeks, fromParts, type IsoDate, lastDayOfMonth, partsOf } from './dates';
import { workingDayOnOrBefore } from './working-days';

// The financial year runs 1 April to 31 March and is named by both years: 2026/27. Its quarters end
// 30 Jun (Q1), 30 Sep (Q2), 31 Dec (Q3) and 31 Mar (Q4). Quarter ids look like `2026-27-Q4`.
// Reporting duties (seeds/002): quarterly report within four weeks of the quarter end, annual report
// within two months of the year end, annual conversation in November.

export type QuarterNumber = 1 | 2 | 3 | 4;

export interface FinancialYear {
  /** The calendar year it starts in: 2026 for 2026/27. */
  startYear: number;
  /** `2026/27` */
  label: string;
  /** `2026-27`, safe in URLs and keys */
  id: string;
  start: IsoDate;
  end: IsoDate;
}

export interface Quarter {
  financialYear: FinancialYear;
  quarter: QuarterNumber;
  /** `2026-27-Q4` */
  id: string;
  start: IsoDate;
  end: IsoDate;
}

const QUARTER_ID = /^(\d{4})-(\d{2})-Q([1-4])$/;

export function financialYear(startYear: number): FinancialYear {
  if (!Number.isInteger(startYear) || startYear < 1900 || startYear > 9998) {
    throw new RangeError(`Not a financial year start: ${startYear}`);
  }
  const endShort = String((startYear + 1) % 100).padStart(2, '0');
  return {
    startYear,
    label: `${startYear}/${endShort}`,
    id: `${startYear}-${endShort}`,
    start: fromParts(startYear, 4, 1),
    end: fromParts(startYear + 1, 3, 31),
  };
}

export function financialYearOf(date: IsoDate): FinancialYear {
  const { year, month } = partsOf(date);
  return financialYear(month >= 4 ? year : year - 1);
}

export function quarter(startYear: number, number: QuarterNumber): Quarter {
  const year = financialYear(startYear);
  // Q1 starts in April (month 4), Q4 in January of the following calendar year.
  const firstMonth = ((3 + (number - 1) * 3) % 12) + 1;
  const calendarYear = number === 4 ? startYear + 1 : startYear;
  return {
    financialYear: year,
    quarter: number,
    id: `${year.id}-Q${number}`,
    start: fromParts(calendarYear, firstMonth, 1),
    end: lastDayOfMonth(calendarYear, firstMonth + 2),
  };
}

export function quarterOf(date: IsoDate): Quarter {
  const { month } = partsOf(date);
  const year = financialYearOf(date);
  const number = (month >= 4 ? Math.floor((month - 4) / 3) + 1 : 4) as QuarterNumber;
  return quarter(year.startYear, number);
}

/** Parses `2026-27-Q4`; throws a RangeError naming the value when it is not a quarter id. */
export function parseQuarterId(id: string): Quarter {
  const match = QUARTER_ID.exec(id);
  if (!match) throw new RangeError(`Not a quarter id (e.g. 2026-27-Q4): ${JSON.stringify(id)}`);
  const startYear = Number(match[1]);
  if ((startYear + 1) % 100 !== Number(match[2])) {
    throw new RangeError(`Quarter id ${JSON.stringify(id)}: the years must be consecutive`);
  }
  return quarter(startYear, Number(match[3]) as QuarterNumber);
}

export function isQuarterId(id: string): boolean {
  try {
    parseQuarterId(id);
    return true;
  } catch {
    return false;
  }
}

export function nextQuarter(current: Quarter): Quarter {
  return current.quarter === 4
    ? quarter(current.financialYear.startYear + 1, 1)
    : quarter(current.financialYear.startYear, (current.quarter + 1) as QuarterNumber);
}

export function previousQuarter(current: Quarter): Quarter {
  return current.quarter === 1
    ? quarter(current.financialYear.startYear - 1, 4)
    : quarter(current.financialYear.startYear, (current.quarter - 1) as QuarterNumber);
}

/** The quarters of a financial year up to and including `upTo` (year to date). */
export function quartersToDate(upTo: Quarter): Quarter[] {
  const result: Quarter[] = [];
  for (let n = 1; n <= upTo.quarter; n += 1)
    result.push(quarter(upTo.financialYear.startYear, n as QuarterNumber));
  return result;
}

/**
 * The quarterly performance report is due four weeks (28 days) after the quarter end. The date is
 * kept literal, as the seeds state it, even when it falls on a weekend; reminders count working days.
 */
export function quarterlyReportDue(of: Quarter, weeks = 4): IsoDate {
  return addWeeks(of.end, weeks);
}

/** The annual report is due two months after the financial year end: 31 May. */
export function annualReportDue(of: FinancialYear, months = 2): IsoDate {
  return addMonths(of.end, months);
}

export interface AnnualConversation {
  /** `2026-11` */
  month: string;
  start: IsoDate;
  end: IsoDate;
  /** The last working day of the month: the task's due date. */
  due: IsoDate;
}

/** The annual conversation is held in November of the financial year (November 2026 for 2026/27). */
export function annualConversation(of: FinancialYear, month = 11): AnnualConversation {
  const calendarYear = month >= 4 ? of.startYear : of.startYear + 1;
  const end = lastDayOfMonth(calendarYear, month);
  return {
    month: `${calendarYear}-${String(month).padStart(2, '0')}`,
    start: fromParts(calendarYear, month, 1),
    end,
    due: workingDayOnOrBefore(end),
  };
}
