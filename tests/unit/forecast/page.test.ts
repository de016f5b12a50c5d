import { describe, expect, it } from 'vitest';
import { whatIfScopeErrors } from '../../../shared/domain/forecast/forecast';
import { bandChart } from '../../../shared/pages/band-chart';
import { forecastFormErrors, forecastQueryOf } from '../../../shared/pages/forecast';

// The forecast page's half: its form as the forecast's query, the band chart's geometry, and a
// what-if's workers kept inside the scope asked for.

describe('the forecast form', () => {
  it("turns the page's what-if fields into the forecast's query", () => {
    expect(
      forecastQueryOf(
        {
          weeks: '26',
          workersChange: '2',
          'workersFrom-day': '4',
          'workersFrom-month': '1',
          'workersFrom-year': '2027',
          referralRate: '120',
        },
        'melton',
        '2026-12-03',
      ),
    ).toEqual({ weeks: '26', referralRate: '120', workers: 'melton:+2:2027-01-04' });
    expect(
      forecastQueryOf({ workersChange: '-1', workersLocality: 'blaby' }, 'partnership', '2026-12-03'),
    ).toEqual({
      workers: 'blaby:-1:2026-12-03',
    });
    expect(forecastQueryOf({}, 'melton', '2026-12-03')).toEqual({});
  });

  it('asks for a locality when the partnership changes its workers', () => {
    expect(forecastFormErrors({ workersChange: '2' }, 'partnership').map((error) => error.path)).toEqual([
      'workersLocality',
    ]);
    expect(forecastFormErrors({ workersChange: '2' }, 'melton')).toEqual([]);
  });

  it("keeps a what-if's workers inside the scope", () => {
    const whatIf = { workers: [{ locality: 'blaby', change: 1, from: '2027-01-04' }] };
    expect(whatIfScopeErrors('melton', whatIf).map((error) => error.path)).toEqual(['workers']);
    expect(whatIfScopeErrors('blaby', whatIf)).toEqual([]);
    expect(whatIfScopeErrors('partnership', whatIf)).toEqual([]);
  });
});

describe('the band chart', () => {
  it('draws each median as a line inside its band, on a tidy scale', () => {
    const chart = bandChart(
      ['1 Jan', '8 Jan', '15 Jan'],
      [
        {
          name: 'Baseline',
          kind: 'baseline',
          points: [{ p10: 10, median: 20, p90: 30 }, null, { p10: 20, median: 30, p90: 41 }],
        },
      ],
      { width: 400, height: 200 },
    );
    // 41 rounds up to a top of 50; the y axis runs from 170 (0) to 10 (50)
    expect(chart.yTicks.map((tick) => tick.label)).toEqual(['0', '12.5', '25', '37.5', '50']);
    expect(chart.yTicks[0]!.y).toBe(170);
    expect(chart.yTicks[4]!.y).toBe(10);
    // A week without figures is left out of the line and the band
    expect(chart.series[0]!.line).toBe('50,106 385,74');
    expect(chart.series[0]!.area).toBe('50,74 385,38.8 385,106 50,138');
    expect(chart.xTicks.map((tick) => tick.label)).toEqual(['1 Jan', '8 Jan', '15 Jan']);
  });
});
