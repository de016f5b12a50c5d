import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/build-app';
import {
  FIXTURE_CONTEXT,
  FIXTURE_FUNCTIONS_DIR,
  FIXTURE_MANIFEST,
  FIXTURE_ROUTES,
  FIXTURE_WORKFLOWS_DIR,
} from './fixtures';

// What differs between a developer's stage and production, read from the constructed app without
// bundling any handler (the bundling-stacks context lists no stack).

function build(stage: string) {
  return buildApp({
    context: { ...FIXTURE_CONTEXT, stage, 'aws:cdk:bundling-stacks': [] },
    functionsDir: FIXTURE_FUNCTIONS_DIR,
    workflowsDir: FIXTURE_WORKFLOWS_DIR,
    manifest: FIXTURE_MANIFEST,
    routes: FIXTURE_ROUTES,
  });
}

describe('stages', () => {
  it('protects production from deletion, and no other stage', () => {
    expect(build('prod').stack.terminationProtection).toBe(true);
    expect(build('staging').stack.terminationProtection).toBe(false);
    expect(build('dev').stack.terminationProtection).toBe(false);
  });
});
