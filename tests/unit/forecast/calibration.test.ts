import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CalibrationScenario } from '../../../local/forecast/compare';
import { calibrate, SCENARIOS } from '../../../local/forecast/calibration';

// The forecast model against the full local stack (issue #22): for the default county-year of
// `npm run simulate` and two what-ifs (8 fewer workers; a fifth more referrals), the model's median
// over its 40 seeded runs agrees with the simulation's figures within the stated tolerance
// (local/forecast/compare.ts, docs/decisions.md). The simulation's figures are the committed fixture
// `npm run forecast:calibrate -- --simulate` writes (a county-year takes minutes; the model, a second).

const fixture = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../support/forecast-calibration.json'), 'utf8'),
) as { scenarios: CalibrationScenario[] };

describe('the forecast model calibrated against the simulation', () => {
  it('has the simulated county-year and its what-ifs in the fixture', () => {
    expect(fixture.scenarios.map((entry) => entry.name)).toEqual(SCENARIOS.map((plan) => plan.name));
  });

  it.each(fixture.scenarios.map((entry) => [entry.name, entry] as const))(
    '%s: every figure within its tolerance',
    (_name, entry) => {
      const rows = calibrate(entry);
      expect(rows.filter((row) => !row.within)).toEqual([]);
      expect(rows).toHaveLength(10);
    },
  );
});
