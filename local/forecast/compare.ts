import type { Projection } from '../../shared/domain/forecast/project';
import type { SimulationSummary } from '../simulate/summary';
import type { SimulationScenario } from './scenario';

// The calibration's comparison: the figures a county-year simulation reports for the partnership,
// set against the forecast model's median over its seeded runs of the same scenario, each with its
// tolerance (docs/decisions.md, "Forecast: calibration against the simulation").

/** The simulation's figures the model is compared on (committed as the calibration fixture). */
export interface SimulatedFigures {
  waitingListPeak: number;
  longestWaitDays: number;
  waitingListAtEnd: number;
  assessments: number;
  assessmentsOnTimePercent: number;
  reviews: number;
  reviewsAt12WeeksPercent: number;
  caseloadPercent: number;
  closed: number;
  inSupport: number;
}

export interface CalibrationScenario {
  name: string;
  scenario: SimulationScenario & { seed: number };
  simulated: SimulatedFigures;
}

/** How far the model may be from the simulation: a share of the simulated figure, or points of a percentage. */
export const TOLERANCE: Record<keyof SimulatedFigures, { share?: number; points?: number }> = {
  waitingListPeak: { share: 0.1 },
  longestWaitDays: { share: 0.1 },
  waitingListAtEnd: { share: 0.1 },
  assessments: { share: 0.12 },
  assessmentsOnTimePercent: { points: 3 },
  reviews: { share: 0.1 },
  reviewsAt12WeeksPercent: { points: 3 },
  caseloadPercent: { points: 3 },
  closed: { share: 0.15 },
  inSupport: { share: 0.15 },
};

export function simulatedFigures(summary: SimulationSummary): SimulatedFigures {
  const p = summary.partnership;
  return {
    waitingListPeak: p.waitingListPeak,
    longestWaitDays: p.longestWaitDays,
    waitingListAtEnd: p.statuses.WAITING_LIST ?? 0,
    assessments: p.assessments,
    assessmentsOnTimePercent: p.assessmentsOnTimePercent ?? 0,
    reviews: p.reviews,
    reviewsAt12WeeksPercent: p.reviewsAt12WeeksPercent ?? 0,
    caseloadPercent: p.caseloadPercent,
    closed: p.statuses.CLOSED ?? 0,
    inSupport: p.statuses.SUPPORT ?? 0,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  return (sorted[Math.floor(middle)]! + sorted[Math.ceil(middle)]!) / 2;
};

/** The model's figures for the same measures: the median over its runs. */
export function modelFigures(projection: Projection): SimulatedFigures {
  const runs = projection.perRun;
  const percent = (
    part: (run: (typeof runs)[number]) => number,
    whole: (run: (typeof runs)[number]) => number,
  ) => median(runs.map((run) => (whole(run) === 0 ? 0 : (100 * part(run)) / whole(run))));
  const last = projection.weeks.at(-1)!;
  return {
    waitingListPeak: median(runs.map((run) => run.waitingListPeak)),
    longestWaitDays: median(runs.map((run) => run.longestWaitDays)),
    waitingListAtEnd: median(runs.map((run) => run.statuses.WAITING_LIST ?? 0)),
    assessments: median(runs.map((run) => run.assessments)),
    assessmentsOnTimePercent: percent(
      (run) => run.assessmentsOnTime,
      (run) => run.assessments,
    ),
    reviews: median(runs.map((run) => run.reviews)),
    reviewsAt12WeeksPercent: percent(
      (run) => run.reviewsOnTime,
      (run) => run.reviews,
    ),
    caseloadPercent: last.caseloadPercent?.median ?? 0,
    closed: median(runs.map((run) => run.statuses.CLOSED ?? 0)),
    inSupport: median(runs.map((run) => run.statuses.SUPPORT ?? 0)),
  };
}

export interface ComparisonRow {
  measure: keyof SimulatedFigures;
  simulated: number;
  model: number;
  /** Model minus simulation, as a share of the simulation (counts) or in points (percentages). */
  difference: number;
  allowed: number;
  unit: 'share' | 'points';
  within: boolean;
}

export function compare(simulated: SimulatedFigures, model: SimulatedFigures): ComparisonRow[] {
  return (Object.keys(TOLERANCE) as (keyof SimulatedFigures)[]).map((measure) => {
    const tolerance = TOLERANCE[measure];
    const points = tolerance.points !== undefined;
    const difference = points
      ? model[measure] - simulated[measure]
      : simulated[measure] === 0
        ? model[measure] === 0
          ? 0
          : 1
        : (model[measure] - simulated[measure]) / simulated[measure];
    const allowed = (points ? tolerance.points : tolerance.share) ?? 0;
    return {
      measure,
      simulated: simulated[measure],
      model: Math.round(model[measure] * 10) / 10,
      difference: Math.round(difference * 1000) / 1000,
      allowed,
      unit: points ? 'points' : 'share',
      within: Math.abs(difference) <= allowed,
    };
  });
}
