import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { SimulationSummary } from '../simulate/summary';
import { type CalibrationScenario, simulatedFigures } from './compare';
import { BASELINE, calibrate, SCENARIOS } from './calibration';

// `npm run forecast:calibrate [-- --simulate] [--dir .local/calibration]`: the forecast model against
// the full local stack. With --simulate it first runs `npm run simulate` for the default county-year
// and each what-if (about 15-20 minutes each on two cores); then it reads each summary.json, writes
// the committed fixture tests/support/forecast-calibration.json and prints model against simulation.

const FIXTURE = resolve(import.meta.dirname, '../../tests/support/forecast-calibration.json');

function main() {
  const { values } = parseArgs({
    options: { simulate: { type: 'boolean' }, dir: { type: 'string' } },
  });
  const dir = resolve(values.dir ?? '.local/calibration');
  const entries: CalibrationScenario[] = [];
  for (const plan of SCENARIOS) {
    const out = join(dir, plan.name);
    if (values.simulate) {
      console.log(`npm run simulate for ${plan.name}...`);
      const run = spawnSync(
        'npm',
        [
          'run',
          'simulate',
          '--',
          '--families',
          String(plan.simulate.families),
          '--workers',
          String(plan.simulate.workers),
          '--out',
          out,
        ],
        { stdio: 'inherit' },
      );
      if (run.status !== 0) throw new Error(`npm run simulate for ${plan.name} failed`);
    }
    const file = join(out, 'summary.json');
    if (!existsSync(file)) {
      console.log(`${plan.name}: no ${file} (run with --simulate)`);
      continue;
    }
    const summary = JSON.parse(readFileSync(file, 'utf8')) as SimulationSummary;
    entries.push({
      name: plan.name,
      scenario: {
        ...BASELINE,
        families: summary.options.families,
        workers: summary.options.workers,
        seed: summary.options.seed,
      },
      simulated: simulatedFigures(summary),
    });
  }
  writeFileSync(
    FIXTURE,
    `${JSON.stringify({ generatedBy: 'npm run forecast:calibrate', scenarios: entries }, null, 2)}\n`,
  );
  for (const entry of entries) {
    console.log(`\n${entry.name}`);
    console.table(calibrate(entry));
  }
  console.log(`\nWritten: ${FIXTURE}`);
}

main();
