import { getConfig } from '../../shared/core/config';
import type { Projection, WhatIf } from '../../shared/domain/forecast/project';
import { spreadByShares } from '../stack/workforce';
import { type CalibrationScenario, compare, type ComparisonRow, modelFigures } from './compare';
import { projectSimulation, type SimulationScenario } from './scenario';

// The calibration's scenarios: the default county-year of `npm run simulate` and two what-ifs, each
// run by the simulation with its own options and by the model as the default year plus the what-if
// (so the model's what-if machinery is what is checked, not a second baseline).

export const BASELINE: SimulationScenario = { families: 3302, days: 365, workers: 48, start: '2026-04-01' };

export interface ScenarioPlan {
  name: string;
  /** The options `npm run simulate` runs it with. */
  simulate: { families: number; workers: number };
  /** The same change as the model's what-if on the default year. */
  whatIf?: WhatIf;
}

/** Workers removed (or added) in each locality when the county has `workers` instead of the default. */
function workerChanges(workers: number): WhatIf['workers'] {
  const { localities } = getConfig();
  const shares = localities.map((locality) => locality.staffShare);
  const base = spreadByShares(BASELINE.workers, shares);
  const changed = spreadByShares(workers, shares);
  return localities.flatMap((locality, index) => {
    const change = changed[index]! - base[index]!;
    return change === 0 ? [] : [{ locality: locality.id, change, from: BASELINE.start }];
  });
}

export const SCENARIOS: ScenarioPlan[] = [
  { name: 'baseline', simulate: { families: 3302, workers: 48 } },
  { name: 'workers-40', simulate: { families: 3302, workers: 40 }, whatIf: { workers: workerChanges(40) } },
  {
    name: 'referrals-120',
    simulate: { families: 3962, workers: 48 },
    whatIf: { referralRate: { factor: 3962 / 3302 } },
  },
];

/** Runs and seed of the model in the calibration (the forecast's own: 40 runs). */
export const CALIBRATION_RUNS = 40;

export function modelProjection(name: string): Projection {
  const plan = SCENARIOS.find((scenario) => scenario.name === name);
  if (!plan) throw new RangeError(`no calibration scenario ${name}`);
  return projectSimulation(BASELINE, {
    runs: CALIBRATION_RUNS,
    seed: 1,
    ...(plan.whatIf ? { whatIf: plan.whatIf } : {}),
  });
}

export function calibrate(entry: CalibrationScenario): ComparisonRow[] {
  return compare(entry.simulated, modelFigures(modelProjection(entry.name)));
}
