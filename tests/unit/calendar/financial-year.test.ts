import { describe, expect, it } from 'vitest';
import {
  addMonths,
  addYears,
  annualConversation,
  annualReportDue,
  financialYear,
  financialYearOf,
  isQuarterId,
  nextQuarter,
  parseQuarterId,
  previousQuarter,
  quarter,
  quarterOf,
  quarterlyReportDue,
  quartersToDate,
} from '../../../shared/core/calendar';

describe('financial year', () => {
  it.each([
    ['2027-03-31', '2026/27', '2026-04-01', '2027-03-31'],
    ['2027-04-01', '2027/28', '2027-04-01', '2028-03-31'],
    ['2026-01-15', '2025/26', '2025-04-01', '2026-03-31'],
    ['1999-12-31', '1999/00', '1999-04-01', '2000-03-31'],
  ])('%s falls in %s', (date, label, start, end) => {
    const year = financialYearOf(date);
    expect(year.label).toBe(label);
    expect(year.start).toBe(start);
    expect(year.end).toBe(end);
  });

  it('rejects a nonsense start year', () => {
    expect(() => financialYear(12.5)).toThrow(RangeError);
  });
});

describe('quarters and report due dates', () => {
  it.each([
    // quarter id, start, end, quarterly report due (end + 4 weeks)
    ['2026-27-Q1', '2026-04-01', '2026-06-30', '2026-07-28'],
    ['2026-27-Q2', '2026-07-01', '2026-09-30', '2026-10-28'],
    ['2026-27-Q3', '2026-10-01', '2026-12-31', '2027-01-28'],
    ['2026-27-Q4', '2027-01-01', '2027-03-31', '2027-04-28'],
    ['2023-24-Q4', '2024-01-01', '2024-03-31', '2024-04-28'],
    ['2024-25-Q1', '2024-04-01', '2024-06-30', '2024-07-28'],
  ])('%s runs %s to %s, report due %s', (id, start, end, due) => {
    const q = parseQuarterId(id);
    expect(q.start).toBe(start);
    expect(q.end).toBe(end);
    expect(quarterlyReportDue(q)).toBe(due);
    expect(q.id).toBe(id);
  });

  it.each([
    ['2027-03-31', '2026-27-Q4'],
    ['2027-04-01', '2027-28-Q1'],
    ['2026-09-30', '2026-27-Q2'],
    ['2026-10-01', '2026-27-Q3'],
    ['2024-02-29', '2023-24-Q4'],
  ])('%s is in %s', (date, id) => {
    expect(quarterOf(date).id).toBe(id);
  });

  it('steps across financial years', () => {
    expect(nextQuarter(quarter(2026, 4)).id).toBe('2027-28-Q1');
    expect(previousQuarter(quarter(2027, 1)).id).toBe('2026-27-Q4');
    expect(quartersToDate(quarter(2026, 3)).map((q) => q.id)).toEqual([
      '2026-27-Q1',
      '2026-27-Q2',
      '2026-27-Q3',
    ]);
  });

  it('rejects malformed quarter ids', () => {
    expect(isQuarterId('2026-27-Q5')).toBe(false);
    expect(isQuarterId('2026-28-Q1')).toBe(false);
    expect(isQuarterId('2026-27-Q1')).toBe(true);
    expect(() => parseQuarterId('Q1')).toThrow(/Q1/);
  });

  it('puts the annual report two months after the year end and the conversation in November', () => {
    const year = financialYear(2026);
    expect(annualReportDue(year)).toBe('2027-05-31');
    expect(annualConversation(year)).toEqual({
      month: '2026-11',
      start: '2026-11-01',
      end: '2026-11-30',
      due: '2026-11-30',
    });
    // 30 November 2025 is a Sunday: the conversation is due on the Friday before.
    expect(annualConversation(financialYear(2025)).due).toBe('2025-11-28');
  });
});

describe('month and year arithmetic', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2027-03-31', 2, '2027-05-31'],
    ['2026-11-30', 3, '2027-02-28'],
  ])('%s + %i months = %s', (from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected);
  });

  it('keeps retention dates valid across leap years', () => {
    expect(addYears('2024-02-29', 6)).toBe('2030-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2026-11-23', 6)).toBe('2032-11-23');
  });
});
