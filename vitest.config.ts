import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './tests/support/slow-first-sequencer';

// One config for every kind of test; integration tests start their own services on free ports,
// so `npm test` needs nothing running beforehand.

// Pure tests (no local stack, no handler modules reading the environment at import) share their
// worker processes: starting a fresh process and importing the same modules again for each of these
// small files cost more CPU than their tests. tests/support/shared-worker-setup.ts puts back after each
// file what a file may change in the process (environment, clock source, spies, SDK client mocks).
// docs/decisions.md, "Test suite speed".
const SHARED_WORKERS = ['tests/unit/**/*.test.ts', 'tests/engine/language/**/*.test.ts'];

export default defineConfig({
  test: {
    pool: 'forks',
    // The CI machine has 2 noisy cores and several tests start Java or Chromium: keep parallelism modest.
    maxWorkers: 2,
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
        // Everything else keeps a fresh process per file: handlers and the local stack read the
        // environment when first imported, and each file has its own tables and services.
        test: {
          name: 'stack',
          include: ['tests/**/*.test.ts'],
          exclude: SHARED_WORKERS,
          // Starts one DynamoDB Local for the run and provides its endpoint: inject('dynamodbEndpoint').
          globalSetup: ['tests/support/global-setup.ts'],
        },
      },
    ],
  },
});
