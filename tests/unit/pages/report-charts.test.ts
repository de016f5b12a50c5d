import { describe, expect, it } from 'vitest';
import { parseQuarterId } from '../../../shared/core/calendar';
import { computeAnnualReport, computeReport } from '../../../shared/domain/metrics/compute';
import { reportCharts, reportTables } from '../../../shared/pages/reports';
import { renderPage } from '../../../shared/pages/render';

const THRESHOLDS = {
  assessmentsOnTime: 0.86,
  reviewsOnTime: 0.9,
  waitingListGrowthQuarters: 2,
  persistentQuarters: 2,
  assessmentsOnTimeIsBaseline: true,
};

function metrics() {
  return computeReport(
    {
      scope: 'melton',
      quarter: parseQuarterId('2026-27-Q2'),
      counters: {
        '2025-26-Q3': { 'referrals.source.partner': 1 },
        '2025-26-Q4': { 'referrals.source.partner': 4, 'stock.waitingList.length': 1 },
        '2026-27-Q1': { 'referrals.source.partner': 3, 'assessments.completed': 2, 'assessments.onTime': 1 },
        '2026-27-Q2': {
          'referrals.source.partner': 2,
          'referrals.source.self': 1,
          'assessments.completed': 4,
          'assessments.onTime': 4,
          'stock.waitingList.length': 2,
        },
      },
      workers: [
        { workerId: 'fsw-1', openCases: 3, loadUnits: 9, capacityUnits: 30 },
        { workerId: 'fsw-2', openCases: 6, loadUnits: 30, capacityUnits: 30 },
      ],
    },
    THRESHOLDS,
  ).metrics;
}

describe('reportCharts', () => {
  it('draws each trended figure as a bar per quarter, oldest first, from the report’s own figures', () => {
    // Act
    const { trends } = reportCharts({ metrics: metrics() });
    // Assess
    const referrals = trends.find((trend) => trend.title.startsWith('Referrals received'))!;
    expect(referrals.title).toBe('Referrals received, Q3 2025-26 to Q2 2026-27');
    expect(referrals.chart.rows.map((row) => [row.label, row.value])).toEqual([
      ['Q3 2025-26', 1],
      ['Q4 2025-26', 4],
      ['Q1 2026-27', 3],
      ['Q2 2026-27', 3],
    ]);
    expect(referrals.description).toContain('Q4 2025-26: 4');
    // the largest bar fills the plot; the others are to scale
    const widths = referrals.chart.rows.map((row) => row.width);
    expect(widths[1]).toBe(Math.max(...widths));
    expect(widths[0]! * 4).toBeCloseTo(widths[1]!, -1);
    expect(new Set(trends.map((trend) => trend.id)).size).toBe(trends.length);
  });

  it('draws percentages on a 0 to 100 scale and caseload against capacity per key worker', () => {
    // Act
    const { trends, caseload } = reportCharts({ metrics: metrics() });
    // Assess
    const onTime = trends.find((trend) =>
      trend.title.startsWith('Assessments: completed within timescale (%)'),
    )!;
    const [q1, q2] = onTime.chart.rows.slice(-2);
    expect(q1!.value).toBe(50);
    expect(q2!.value).toBe(100);
    expect(q1!.width * 2).toBe(q2!.width);
    expect(caseload?.chart.rows.map((row) => [row.label, row.value, row.full])).toEqual([
      ['fsw-1', 9, false],
      ['fsw-2', 30, true],
    ]);
  });

  it('has nothing to draw for a report without trends or key workers', () => {
    expect(reportCharts({ metrics: {} })).toEqual({ trends: [] });
  });

  it('is drawn on the report page as labelled SVG images', () => {
    // Prepare
    const charts = reportCharts({ metrics: metrics() });
    // Act
    const html = renderPage('report', {
      title: 'Quarterly report',
      report: {
        kind: 'quarterly',
        period: '2026-27-Q2',
        status: 'draft',
        version: 1,
        createdAt: '2026-10-01T00:00:00.000Z',
        flags: [],
      },
      scopeName: 'Melton',
      tables: [],
      options: [],
      charts,
      csvLink: '/reports/melton/2026-27-Q2/csv',
    });
    // Assess
    expect(html).toContain('Trends across quarters');
    expect(html.match(/<svg class="app-chart"[^>]*role="img"/g)?.length).toBe(charts.trends.length + 1);
    expect(html).toContain('<title id="trend-0-title">');
  });
});

describe('the annual report page', () => {
  it("shows the interventions that prevented escalation and the manager's case studies (seeds/002 §43)", () => {
    // Act
    const html = renderPage('report', {
      title: 'Annual report',
      report: {
        kind: 'annual',
        period: '2026-27',
        status: 'submitted',
        version: 1,
        createdAt: '2027-04-01T06:00:00.000Z',
        flags: [],
        preventedEscalations: 'Two families kept out of care proceedings.',
        caseStudies: [{ title: 'Back to school', story: 'Attendance from 40% to 95% in two terms.' }],
      },
      scopeName: 'The partnership (all localities)',
      tables: [],
      options: [],
      charts: { trends: [] },
      csvLink: '/reports/partnership/2026-27/csv',
    });
    // Assess
    expect(html).toContain('Interventions that prevented escalation');
    expect(html).toContain('Two families kept out of care proceedings.');
    expect(html).toContain('<h3 class="govuk-heading-s">Back to school</h3>');
    expect(html).toContain('Attendance from 40% to 95% in two terms.');
  });
});

describe('reportTables', () => {
  it('heads an annual report’s columns by quarter, then the whole year or the year end', () => {
    // Prepare
    const { metrics } = computeAnnualReport(
      {
        scope: 'melton',
        quarter: parseQuarterId('2026-27-Q4'),
        counters: {
          '2026-27-Q1': { 'referrals.source.partner': 3 },
          '2026-27-Q2': { 'referrals.source.partner': 2 },
          '2026-27-Q3': { 'referrals.source.self': 1 },
          '2026-27-Q4': { 'referrals.source.partner': 4, 'stock.waitingList.length': 2 },
        },
        workers: [],
      },
      THRESHOLDS,
    );
    // Act
    const tables = reportTables({ metrics } as never);
    // Assess
    const referrals = tables.find((table) => table.group === 'Referrals')!;
    expect(referrals.columns).toEqual(['Q1 2026-27', 'Q2 2026-27', 'Q3 2026-27', 'Q4 2026-27', 'Whole year']);
    expect(referrals.rows.find((row) => row.label === 'Referrals received')?.values).toEqual([
      '3',
      '2',
      '1',
      '4',
      '10',
    ]);
    const waiting = tables.find((table) => table.group === 'Waiting list')!;
    expect(waiting.columns).toContain('At year end');
  });
});
