// A horizontal bar chart drawn as SVG on the server: one row per label, a bar to scale against the
// largest value (or a fixed maximum, e.g. a worker's capacity). The page puts the same figures in a
// table, so the chart is a picture of numbers it also states.

export interface BarRow {
  label: string;
  value: number;
  /** Draws an outline to this value behind the bar (capacity behind load). */
  outline?: number;
  /** Marks a bar at or over its outline. */
  full?: boolean;
}

export interface BarChart {
  width: number;
  height: number;
  labelWidth: number;
  rows: {
    label: string;
    y: number;
    textY: number;
    width: number;
    outlineWidth?: number;
    full: boolean;
    valueX: number;
    value: number;
  }[];
  rowHeight: number;
}

export function barChart(
  rows: readonly BarRow[],
  options: { width?: number; labelWidth?: number; max?: number } = {},
): BarChart {
  const width = options.width ?? 600;
  const labelWidth = options.labelWidth ?? 200;
  const plot = width - labelWidth - 50;
  const rowHeight = 26;
  // A fixed scale (100 for percentages) keeps charts of the same unit comparable.
  const max = Math.max(options.max ?? 1, ...rows.map((row) => Math.max(row.value, row.outline ?? 0)));
  return {
    width,
    height: rows.length * rowHeight + 10,
    labelWidth,
    rowHeight,
    rows: rows.map((row, index) => {
      const barWidth = Math.round((row.value / max) * plot);
      return {
        label: row.label,
        y: index * rowHeight + 5,
        textY: index * rowHeight + 5 + 15,
        width: barWidth,
        ...(row.outline !== undefined ? { outlineWidth: Math.round((row.outline / max) * plot) } : {}),
        full: row.full ?? false,
        valueX:
          labelWidth +
          Math.max(barWidth, row.outline !== undefined ? Math.round((row.outline / max) * plot) : 0) +
          6,
        value: row.value,
      };
    }),
  };
}
