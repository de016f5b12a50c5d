import { getConfig } from '../../shared/core/config';
import { FALLBACK, type ForecastParameters } from '../../shared/domain/forecast/parameters';
import { type Projection, project, type WhatIf } from '../../shared/domain/forecast/project';
import type { LocalityStart } from '../../shared/domain/forecast/model';
import { DEFAULT_STEP_DOWN_SHARE, DEFAULT_URGENT_SHARE, workingDaysFrom } from '../simulate/population';
import { spreadByShares } from '../stack/workforce';

// The forecast model set up as `npm run simulate` sets up its county-year: an empty service on the
// first day, the simulation's workers spread by staff share, its families spread by the seeds'
// March 2012 counts over the period's working days (complex in each locality's high-risk share),
// and the simulated staff's shares and delays (the model's documented fallback). Calibration runs
// this and compares its figures with the simulation's summary.json.

export interface SimulationScenario {
  families: number;
  days: number;
  workers: number;
  start: string;
  urgentShare?: number;
  stepDownShare?: number;
}

/** The parameters the simulation's own staff and population imply. */
export function simulationParameters(scenario: SimulationScenario): ForecastParameters {
  const { localities } = getConfig();
  const perLocality = spreadByShares(
    scenario.families,
    localities.map((locality) => locality.march2012.total),
  );
  const workingDays = workingDaysFrom(scenario.start, scenario.days).length;
  const urgent = scenario.urgentShare ?? DEFAULT_URGENT_SHARE;
  const stepDown = (scenario.stepDownShare ?? DEFAULT_STEP_DOWN_SHARE) * (1 - urgent);
  const steppedUpAtScreen = urgent * 0.3 + (1 - urgent - stepDown) * 0.02;
  return {
    ...FALLBACK,
    endings: {
      steppedUpAtScreen,
      redirected: 0.08 * (1 - steppedUpAtScreen),
      nfa: 0.04 * (1 - steppedUpAtScreen),
      withdrawn: 0,
    },
    localities: Object.fromEntries(
      localities.map((locality, index) => {
        const count = perLocality[index]!;
        const complex = Math.round((count * locality.march2012.highRisk) / locality.march2012.total);
        return [
          locality.id,
          {
            referralsPerWorkingDay: new Array<number>(12).fill(count / workingDays),
            complexShare: count === 0 ? 0 : complex / count,
            enhancedShare: FALLBACK.enhancedShare,
          },
        ];
      }),
    ),
  };
}

/** The simulation's empty start: its workers, no open case. */
export function simulationStart(scenario: SimulationScenario): LocalityStart[] {
  const { localities, staffing } = getConfig();
  const workers = spreadByShares(
    scenario.workers,
    localities.map((locality) => locality.staffShare),
  );
  return localities.map((locality, index) => ({
    locality: locality.id,
    workers: Array.from({ length: workers[index]! }, () => ({
      capacity: staffing.caseload.unitsPerWorker,
      load: 0,
    })),
    open: [],
  }));
}

export function projectSimulation(
  scenario: SimulationScenario,
  options: { runs: number; seed: number; whatIf?: WhatIf; localities?: string[] },
): Projection {
  const start = simulationStart(scenario).filter(
    (locality) => !options.localities || options.localities.includes(locality.locality),
  );
  return project({
    start: scenario.start,
    days: scenario.days,
    runs: options.runs,
    seed: options.seed,
    localities: start,
    parameters: simulationParameters(scenario),
    ...(options.whatIf ? { whatIf: options.whatIf } : {}),
  });
}
