// A line chart with a shaded band, drawn as SVG on the server: for each series the median as a line
// and its 10-90% band as an area behind it, weeks along the bottom, the figure up the side. The page
// puts the same figures in a table, so the chart is a picture of numbers it also states.

export interface BandPoint {
  p10: number;
  median: number;
  p90: number;
}

export interface BandSeries {
  /** Names the series in the legend and the chart's description. */
  name: string;
  /** `baseline` or `what-if`: the stylesheet's colours. */
  kind: 'baseline' | 'what-if';
  points: readonly (BandPoint | null)[];
}

export interface BandChart {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  yTicks: { y: number; label: string }[];
  xTicks: { x: number; label: string }[];
  series: { kind: string; name: string; area: string; line: string }[];
}

/** A tidy top for the axis: 1, 2, 2.5 or 5 times a power of ten, at or above `value`. */
function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

const round = (value: number) => Math.round(value * 10) / 10;

export function bandChart(
  labels: readonly string[],
  series: readonly BandSeries[],
  options: { width?: number; height?: number; max?: number } = {},
): BandChart {
  const width = options.width ?? 640;
  const height = options.height ?? 260;
  const left = 50;
  const right = width - 15;
  const top = 10;
  const bottom = height - 30;
  const highest = Math.max(
    0,
    ...series.flatMap((line) => line.points.flatMap((point) => (point ? [point.p90] : []))),
  );
  const max = options.max ?? niceMax(highest);
  const x = (index: number) =>
    round(labels.length <= 1 ? left : left + ((right - left) * index) / (labels.length - 1));
  const y = (value: number) => round(bottom - ((bottom - top) * Math.min(value, max)) / max);
  const every = Math.max(1, Math.ceil(labels.length / 7));
  return {
    width,
    height,
    left,
    right,
    top,
    bottom,
    yTicks: [0, 0.25, 0.5, 0.75, 1].map((share) => ({
      y: y(max * share),
      label: String(round(max * share)),
    })),
    xTicks: labels.flatMap((label, index) =>
      index % every === 0 ||
      (index === labels.length - 1 && index - Math.floor(index / every) * every >= every / 2)
        ? [{ x: x(index), label }]
        : [],
    ),
    series: series.map((line) => {
      const present = line.points.flatMap((point, index) => (point ? [{ point, index }] : []));
      const upper = present.map(({ point, index }) => `${x(index)},${y(point.p90)}`);
      const lower = present.map(({ point, index }) => `${x(index)},${y(point.p10)}`).reverse();
      return {
        kind: line.kind,
        name: line.name,
        area: [...upper, ...lower].join(' '),
        line: present.map(({ point, index }) => `${x(index)},${y(point.median)}`).join(' '),
      };
    }),
  };
}
