import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// The order vitest starts the files in. Without results from an earlier run (a clean clone in CI),
// vitest starts the largest files first, so a short file whose one test takes a minute or more (the
// soak, `cdk synth`, a crash test) could start last and run alone on one core at the end. These
// files, the slowest by design (docs/decisions.md, "Test suite speed"), start first within their
// project; everything else keeps vitest's order (earlier durations, else size).

export const SLOW_FIRST = [
  'tests/integration/soak/killed-parts.test.ts',
  'tests/browser/staff-journey.test.ts',
  'tests/infra/synth-cli.test.ts',
  'tests/integration/stack/crash-at-intake.test.ts',
  'tests/integration/simulate/deterministic.test.ts',
  'tests/integration/stack/npm-start.test.ts',
  'tests/integration/stack/generated-client.test.ts',
  'tests/engine/crash.test.ts',
  'tests/browser/case-record.test.ts',
  'tests/browser/family-plan.test.ts',
  'tests/browser/forecast.test.ts',
  'tests/infra/stages.test.ts',
  'tests/integration/journey/early-ends.test.ts',
  'tests/browser/family-match.test.ts',
];

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const position = new Map(sorted.map((spec, index) => [spec, index]));
    const projectStart = new Map<string, number>();
    sorted.forEach((spec, index) => {
      if (!projectStart.has(spec.project.name)) projectStart.set(spec.project.name, index);
    });
    const rank = (spec: TestSpecification) => {
      const at = SLOW_FIRST.indexOf(relative(spec.project.config.root, spec.moduleId));
      return at === -1 ? SLOW_FIRST.length : at;
    };
    return [...sorted].sort(
      (a, b) =>
        projectStart.get(a.project.name)! - projectStart.get(b.project.name)! ||
        rank(a) - rank(b) ||
        position.get(a)! - position.get(b)!,
    );
  }
}
