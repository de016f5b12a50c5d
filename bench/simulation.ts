import { runSimulation } from '../local/simulate/run';
import { summarise } from '../local/simulate/summary';
import { table, writeResult } from './results-file';

// Simulation families per second: a county's referrals over a period through the real local stack
// (BENCH_SIM_FAMILIES, default 330, a tenth of the county, over BENCH_SIM_DAYS, default 365).
// Written to bench/results/simulation.json with the run's work counts.

const FAMILIES = Number(process.env.BENCH_SIM_FAMILIES ?? 330);
const DAYS = Number(process.env.BENCH_SIM_DAYS ?? 365);

export async function run() {
  const simulation = await runSimulation({
    families: FAMILIES,
    days: DAYS,
    seed: 1,
    workers: 48,
    start: '2026-04-01',
    emailsInProcess: true,
  });
  try {
    const summary = await summarise(simulation);
    const figures = {
      families: FAMILIES,
      days: DAYS,
      wallSeconds: summary.wallSeconds,
      familiesPerSecond: summary.familiesPerSecond,
      timing: summary.timing,
      writesPerFamily: summary.work.dynamodb.writesPerFamily,
      writeUnitsPerFamily: summary.work.dynamodb.writeUnitsPerFamily,
      readsPerFamily: summary.work.dynamodb.readsPerFamily,
      lambdaInvocations: summary.work.lambdaTotal,
      stateTransitions: summary.engine.stateTransitions,
      failedExecutions: summary.engine.failedExecutions,
      costPerFamilyYear: summary.cost.perFamilyYear,
    };
    console.log(
      table(
        ['families', 'days', 'wall s', 'families/s', 'writes/family', 'reads/family', 'failed'],
        [
          [
            FAMILIES,
            DAYS,
            figures.wallSeconds,
            figures.familiesPerSecond,
            figures.writesPerFamily,
            figures.readsPerFamily,
            figures.failedExecutions,
          ],
        ],
      ),
    );
    console.log(`written ${writeResult('simulation', figures)}`);
    return figures;
  } finally {
    await simulation.runtime.close();
  }
}
