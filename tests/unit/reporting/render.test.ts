import { describe, expect, it } from 'vitest';
import { METRIC_CATALOGUE } from '../../../shared/domain/metrics/catalogue';
import { reportCsv, reportRows, reportView } from '../../../shared/domain/reporting/render';
import type { Report } from '../../../shared/core/schemas';
import { csvLines, sampleReport } from '../../support/sample-report';

const THRESHOLDS = {
  assessmentsOnTime: 0.86,
  reviewsOnTime: 0.9,
  waitingListGrowthQuarters: 2,
  persistentQuarters: 2,
  assessmentsOnTimeIsBaseline: true,
};

const report = (): Report => sampleReport('melton', { thresholds: THRESHOLDS });
const parseCsv = csvLines;

describe('report output', () => {
  it('writes every stored figure once to the CSV and the JSON, and they agree', () => {
    const stored = report();
    const csv = parseCsv(reportCsv(stored));
    const view = reportView(stored);
    const header = csv[0]!;
    const rows = csv
      .slice(1)
      .map((fields) => Object.fromEntries(header.map((name, index) => [name, fields[index]!])));
    let storedCount = 0;
    for (const value of Object.values(stored.metrics)) {
      storedCount += typeof value === 'number' ? 1 : Object.keys(value).length;
    }
    expect(rows).toHaveLength(storedCount);
    expect(view.rows).toHaveLength(storedCount);
    for (const row of rows) {
      const value = stored.metrics[row.metric!] as Record<string, number>;
      expect(Number(row.value), `${row.metric} ${row.column}`).toBe(value[row.column!]);
    }
    expect(
      rows.find((row) => row.metric === 'referrals.received' && row.column === 'yearToDate')?.value,
    ).toBe('6');
  });

  it('keeps each total equal to the sum of its parts in the CSV', () => {
    const csv = parseCsv(reportCsv(report()));
    const value = (metric: string, column: string) =>
      Number(csv.find((fields) => fields[5] === metric && fields[8] === column)?.[9] ?? 0);
    for (const info of METRIC_CATALOGUE.filter((row) => row.sumOf)) {
      for (const column of ['quarter', 'yearToDate']) {
        const parts = info.sumOf!.reduce((sum, key) => sum + value(key, column), 0);
        expect(value(info.key, column), `${info.key} ${column}`).toBe(parts);
      }
    }
    expect(value('closures.total', 'yearToDate')).toBe(3);
  });

  it('lists rows in report order with labels, key workers before the trends', () => {
    const rows = reportRows(report());
    const keys = [...new Set(rows.map((row) => row.key))];
    expect(keys[0]).toBe('referrals.received');
    expect(keys.indexOf('caseload.worker.fsw-9')).toBeLessThan(keys.indexOf('trend.referrals.received'));
    expect(
      rows.find((row) => row.key === 'assessments.onTimePercent' && row.column === 'quarter'),
    ).toMatchObject({
      label: 'Completed within timescale (%)',
      columnLabel: 'This quarter',
      value: 66.7,
    });
  });
});
