import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// One config for every kind of test; integration tests start their own services on free ports,
// so `npm test` needs nothing running beforehand.

// Node's on-disk compile cache (V8's code cache, Node 22.1 and later) for every worker and every Node
// process the tests start (`npm start`, the simulate CLI, the soak's parts, `cdk`): each would
// otherwise compile the same SDK, engine and handler modules again; about a tenth of a Node start's CPU
// (docs/decisions.md, "Sixth pass"). Entries are keyed by the source's hash and Node's version, so a
// stale one is never used; NODE_DISABLE_COMPILE_CACHE=1 turns it off.
process.env.NODE_COMPILE_CACHE ??= join(tmpdir(), 'sfw-node-compile-cache');

// The local user pool's scrypt at N=1024 rather than 16384 for every worker and every stack the tests
// start: each API, pages and browser file (and each `npm start`, soak and crash stack) seeds 34 demo
// passwords, 1.2 to 1.4 s of CPU a file at 16384, about 0.1 s at 1024. Hashing, verifying and the
// stored format are the same code; each hash names its own N (local/api/identity/passwords.ts).
process.env.SFW_LOCAL_SCRYPT_N ??= '1024';

// Pure tests (no local stack, no handler modules reading the environment at import) share their
// worker processes: starting a fresh process and importing the same modules again for each of these
// small files cost more CPU than their tests. tests/support/shared-worker-setup.ts puts back after each
// file what a file may change in the process (environment, clock source, spies, SDK client mocks).
// docs/decisions.md, "Test suite speed".
const SHARED_WORKERS = [
  'tests/unit/**/*.test.ts',
  'tests/engine/language/**/*.test.ts',
  // The engine's own tests (each starts and closes its engines; none reads the environment at
  // import), but for integrations.test.ts, which needs the run's DynamoDB Local (project `stack`).
  'tests/engine/!(integrations).test.ts',
  // The infrastructure's rules read the manifests, folders and definitions without building CDK.
  'tests/infra/{rules,workflow-limits}.test.ts',
];

// The order vitest starts the files in. Without results from an earlier run (a clean clone in CI),
// vitest starts the largest files first, so a short file whose one test takes minutes (the soak,
// `cdk synth`, a crash test) could start last and run alone on one core at the end; and the
// durations vitest keeps leave out beforeAll, where the simulations do their work. These files start
// first, whatever their project, longest first: ordered by each file's wall time from queued to done
// (beforeAll included) in a whole `npm test` with 3 workers (docs/decisions.md, "Fifth pass" and
// "Seventh pass"; the staff journey before the soak and `cdk synth`, as it outlasted both at load 30);
// everything else keeps vitest's order (earlier durations, else size), each project's files together
// so a worker shared by one project's files is not stopped for another's.
const SLOW_FIRST = [
  'tests/integration/simulate/small-county.test.ts',
  'tests/browser/staff-journey.test.ts',
  'tests/integration/soak/killed-parts.test.ts',
  'tests/infra/synth-cli.test.ts',
  'tests/browser/case-record.test.ts',
  'tests/integration/stack/crash-at-intake.test.ts',
  'tests/browser/family-plan.test.ts',
  'tests/browser/forecast.test.ts',
  'tests/integration/journey/plan-action-tasks.test.ts',
  'tests/browser/claims.test.ts',
  'tests/integration/simulate/deterministic.test.ts',
  'tests/browser/staff-referral.test.ts',
  'tests/integration/stack/generated-client.test.ts',
  'tests/browser/family-match.test.ts',
  'tests/integration/stack/npm-start.test.ts',
  'tests/browser/case-actions.test.ts',
  'tests/browser/first-sign-in.test.ts',
  'tests/integration/security/personal-data-scanner.test.ts',
  'tests/infra/stages.test.ts',
  'tests/browser/documents.test.ts',
  'tests/engine/crash.test.ts',
  'tests/integration/security/local-files.test.ts',
];

// Files that test handlers and adapters against the run's DynamoDB Local (tables of their own), the
// local engine, SES and S3 servers they start and close in the file: they share worker processes too.
// Nothing holds a file's tables or endpoints past the file: SDK clients are made on first use and
// forgotten after each file (shared-worker-setup.ts), and the Powertools idempotency store is built
// again when the table or client changed. Files that start `npm start`, Java or simulations of their
// own keep a process of their own (project `stack`). docs/decisions.md, "Test suite speed".
const SHARED_STACK_WORKERS = [
  'tests/integration/{api,claims,data,journey,pages,reporting,retention}/**/*.test.ts',
  'tests/integration/security/!(local-files|personal-data-scanner).test.ts',
  'tests/integration/local-ses.test.ts',
  'tests/integration/stack/{failed-journeys,scheduler}.test.ts',
  'tests/engine/integrations.test.ts',
  // The browser files: each starts its pages stack (the journey harness and the API server, in this
  // process) and one Chromium in beforeAll and closes both in afterAll (docs/decisions.md, "Sixth pass").
  'tests/browser/**/*.test.ts',
];

class SlowFirstSequencer extends BaseSequencer {
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
        rank(a) - rank(b) ||
        projectStart.get(a.project.name)! - projectStart.get(b.project.name)! ||
        position.get(a)! - position.get(b)!,
    );
  }
}

export default defineConfig({
  test: {
    pool: 'forks',
    // 3 on the 2-core CI machine: much of a worker's time is waiting on DynamoDB Local, the engine's
    // children, Chromium or `cdk`, so a third worker fills the cores a second leaves idle (docs/decisions.md,
    // "Fifth pass"). Not more: several files start Java or Chromium of their own.
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
    reporters: ['default'],
    // The slowest files start first, so none is left running alone at the end of the run.
    sequence: { sequencer: SlowFirstSequencer },
    // Each project names its own files and global setup (a project's arrays add to these, not replace).
    projects: [
      {
        extends: true,
        test: {
          name: 'pure',
          include: SHARED_WORKERS,
          isolate: false,
          setupFiles: ['tests/support/shared-worker-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'stack-shared',
          include: SHARED_STACK_WORKERS,
          isolate: false,
          setupFiles: ['tests/support/shared-worker-setup.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
        },
      },
      {
        extends: true,
        // Everything else keeps a fresh process per file: files that start `npm start`, Java, `cdk`
        // or simulations in processes of their own, or that change what a process holds for good.
        test: {
          name: 'stack',
          include: ['tests/**/*.test.ts'],
          exclude: [...SHARED_WORKERS, ...SHARED_STACK_WORKERS],
          // Starts one DynamoDB Local for the run and provides its endpoint: inject('dynamodbEndpoint').
          globalSetup: ['tests/support/global-setup.ts'],
        },
      },
    ],
  },
});
