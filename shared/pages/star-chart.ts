import { FAMILY_STAR_AREAS, type FamilyStar } from '../core/schemas/family-star';

// The Family Star Plus readings of a case (baseline, each review, the closure) as an SVG bar chart
// drawn on the server: one row per area with a bar per reading, scored 1-10. A table of the same
// figures sits beside it for screen readers and for anyone who prefers numbers.

export interface StarReading {
  label: string;
  on?: string;
  star: FamilyStar;
}

export interface StarChart {
  width: number;
  height: number;
  labelWidth: number;
  plotTop: number;
  plotBottom: number;
  readings: { label: string; on?: string; swatch: string }[];
  grid: { x: number; label: string }[];
  rows: {
    label: string;
    labelY: number;
    bars: {
      x: number;
      y: number;
      width: number;
      height: number;
      className: string;
      title: string;
      valueX: number;
      valueY: number;
      value: number;
    }[];
  }[];
  table: { area: string; scores: number[] }[];
}

const MAX_READINGS = 5;
const BAR = 10;
const GAP = 2;

export function starChart(all: readonly StarReading[]): StarChart | undefined {
  if (all.length === 0) return undefined;
  // The baseline and the latest readings: at most five bars per area.
  const readings = all.length > MAX_READINGS ? [all[0]!, ...all.slice(-(MAX_READINGS - 1))] : [...all];
  const labelWidth = 200;
  const plotWidth = 360;
  const plotTop = 24;
  const rowHeight = readings.length * (BAR + GAP) + 12;
  const plotBottom = plotTop + rowHeight * FAMILY_STAR_AREAS.length;
  const swatch = (index: number) =>
    index === 0 && readings[0]!.label === 'Baseline' ? 'baseline' : String(index % MAX_READINGS);
  const xOf = (score: number) => labelWidth + (score / 10) * plotWidth;
  return {
    width: labelWidth + plotWidth + 40,
    height: plotBottom + 6,
    labelWidth,
    plotTop,
    plotBottom,
    readings: readings.map((reading, index) => ({
      label: reading.label,
      on: reading.on,
      swatch: swatch(index),
    })),
    grid: [0, 2, 4, 6, 8, 10].map((score) => ({ x: xOf(score), label: String(score) })),
    rows: FAMILY_STAR_AREAS.map((area, row) => {
      const top = plotTop + row * rowHeight + 6;
      return {
        label: area.label,
        labelY: top + (readings.length * (BAR + GAP)) / 2 + 4,
        bars: readings.map((reading, index) => {
          const score = reading.star[area.id];
          const y = top + index * (BAR + GAP);
          return {
            x: labelWidth,
            y,
            width: xOf(score) - labelWidth,
            height: BAR,
            className: `app-chart__bar--${swatch(index)}`,
            title: `${area.label}, ${reading.label}: ${score}`,
            valueX: xOf(score) + 4,
            valueY: y + BAR - 1,
            value: score,
          };
        }),
      };
    }),
    table: FAMILY_STAR_AREAS.map((area) => ({
      area: area.label,
      scores: readings.map((reading) => reading.star[area.id]),
    })),
  };
}
