import type { FamilyStar } from '../core/schemas/family-star';
import { FAMILY_STAR_AREAS } from '../core/vocabulary/family-star';

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
  table: { area: string; scores: (number | string)[] }[];
}

const MAX_READINGS = 5;
const BAR = 10;
const GAP = 2;

export function starChart(all: readonly StarReading[]): StarChart | undefined {
  return scoreChart(
    FAMILY_STAR_AREAS,
    all.map((reading) => ({ label: reading.label, on: reading.on, scores: reading.star })),
  );
}

/** A reading of any rows' scores (a goal's progress 0-10, a carer's star); a row not scored has no bar. */
export interface ScoreReading {
  label: string;
  on?: string;
  scores: Readonly<Record<string, number | undefined>>;
}

/**
 * The same chart for any rows scored out of 10: the star areas, or the plan's goals across reviews
 * (issue #18). A row a reading did not score (a goal added since) has no bar and '-' in the table.
 */
export function scoreChart(
  rowsOf: readonly { id: string; label: string }[],
  all: readonly ScoreReading[],
): StarChart | undefined {
  if (all.length === 0 || rowsOf.length === 0) return undefined;
  // The baseline and the latest readings: at most five bars per area.
  const readings = all.length > MAX_READINGS ? [all[0]!, ...all.slice(-(MAX_READINGS - 1))] : [...all];
  const labelWidth = 200;
  const plotWidth = 360;
  const plotTop = 24;
  const rowHeight = readings.length * (BAR + GAP) + 12;
  const plotBottom = plotTop + rowHeight * rowsOf.length;
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
    rows: rowsOf.map((area, row) => {
      const top = plotTop + row * rowHeight + 6;
      return {
        label: area.label.length > 30 ? `${area.label.slice(0, 29)}…` : area.label,
        labelY: top + (readings.length * (BAR + GAP)) / 2 + 4,
        bars: readings.flatMap((reading, index) => {
          const score = reading.scores[area.id];
          if (score === undefined) return [];
          const y = top + index * (BAR + GAP);
          return [
            {
              x: labelWidth,
              y,
              width: xOf(score) - labelWidth,
              height: BAR,
              className: `app-chart__bar--${swatch(index)}`,
              title: `${area.label}, ${reading.label}: ${score}`,
              valueX: xOf(score) + 4,
              valueY: y + BAR - 1,
              value: score,
            },
          ];
        }),
      };
    }),
    table: rowsOf.map((area) => ({
      area: area.label,
      scores: readings.map((reading) => reading.scores[area.id] ?? '-'),
    })),
  };
}
