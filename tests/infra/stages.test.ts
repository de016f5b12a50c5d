import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { type BuiltApp, buildApp } from '../../infra/build-app';
import {
  FIXTURE_CONTEXT,
  FIXTURE_FUNCTIONS_DIR,
  FIXTURE_MANIFEST,
  FIXTURE_ROUTES,
  FIXTURE_WORKFLOWS_DIR,
} from './fixtures';
import { ownTemporaryFolder } from './fixtures/temporary-folder';

// How the app is cut into stacks, and what differs between a developer's stage and production, read
// from the constructed app without bundling any handler (the bundling-stacks context lists no stack).

// Each stage is built at most once, and synthesised at most once, for the whole file: building the app
// and synthesising it (cdk-nag's checks included) is what this file's time goes to, and no test changes
// what it is given. Three synths (staging, dev, staging with a verified sender) where there were six.
const built = new Map<string, BuiltApp>();
// Each app's cloud assembly in a folder of its own under this file's temporary folder; nothing else
// may be left there once the file is done.
const temporary = ownTemporaryFolder();
afterAll(() => {
  expect(temporary.removeAll(['assemblies'])).toEqual([]);
});

function build(stage: string, extraContext: Record<string, string> = {}): BuiltApp {
  const key = JSON.stringify([stage, extraContext]);
  let app = built.get(key);
  if (!app) {
    app = buildApp({
      context: { ...FIXTURE_CONTEXT, ...extraContext, stage, 'aws:cdk:bundling-stacks': [] },
      outdir: join(temporary.root, 'assemblies', String(built.size)),
      functionsDir: FIXTURE_FUNCTIONS_DIR,
      workflowsDir: FIXTURE_WORKFLOWS_DIR,
      manifest: FIXTURE_MANIFEST,
      routes: FIXTURE_ROUTES,
    });
    built.set(key, app);
  }
  return app;
}

const RETAINED = ['AWS::DynamoDB::GlobalTable', 'AWS::KMS::Key', 'AWS::S3::Bucket', 'AWS::Cognito::UserPool'];

function policiesOf(template: Template, types: readonly string[]) {
  const resources = template.toJSON().Resources as Record<string, { Type: string; DeletionPolicy?: string }>;
  return Object.values(resources)
    .filter((resource) => types.includes(resource.Type))
    .map((resource) => [resource.Type, resource.DeletionPolicy ?? 'Delete']);
}

describe('stacks', () => {
  it('are one per concern, each depending only on the ones before it', () => {
    const { stacks } = build('staging');
    expect(Object.values(stacks).map((stack) => stack.stackName)).toEqual([
      'SupportingFamilies-staging-Data',
      'SupportingFamilies-staging-Identity',
      'SupportingFamilies-staging-ApiHandlers',
      'SupportingFamilies-staging-Api',
      'SupportingFamilies-staging-Workflows',
      'SupportingFamilies-staging-Monitoring',
    ]);
    const order = Object.values(stacks);
    for (const [index, stack] of order.entries()) {
      for (const dependency of stack.dependencies) {
        expect(order.indexOf(dependency as (typeof order)[number]), stack.stackName).toBeLessThan(index);
      }
    }
    expect(stacks.data.dependencies).toEqual([]);
    expect(stacks.identity.dependencies).toEqual([]);
  });

  it('keep tables, keys and the user pool, with deletion protection, on every stage but dev', () => {
    const staging = build('staging').stacks;
    const data = Template.fromStack(staging.data);
    const identity = Template.fromStack(staging.identity);
    const kept = [...policiesOf(data, RETAINED), ...policiesOf(identity, ['AWS::Cognito::UserPool'])];
    // two tables, the data key, the documents bucket, its logs and its key, the pool
    expect(kept.length).toBe(7);
    for (const [type, policy] of kept) expect(policy, type).toBe('Retain');
    for (const table of Object.values(data.findResources('AWS::DynamoDB::GlobalTable'))) {
      expect(table.Properties.Replicas[0].DeletionProtectionEnabled).toBe(true);
    }
    identity.hasResourceProperties('AWS::Cognito::UserPool', { DeletionProtection: 'ACTIVE' });

    const dev = build('dev').stacks;
    const gone = [
      ...policiesOf(Template.fromStack(dev.data), RETAINED),
      ...policiesOf(Template.fromStack(dev.identity), ['AWS::Cognito::UserPool']),
    ];
    for (const [type, policy] of gone) expect(policy, type).toBe('Delete');
  }, 240_000);

  it('protect every production stack from deletion, and no other stage', () => {
    for (const stack of Object.values(build('prod').stacks)) expect(stack.terminationProtection).toBe(true);
    for (const stack of Object.values(build('staging').stacks)) {
      expect(stack.terminationProtection).toBe(false);
    }
  });

  it('send Cognito email through the SES sender once it is verified, and not before', () => {
    const before = Template.fromStack(build('staging').stacks.identity);
    expect(
      Object.values(before.findResources('AWS::Cognito::UserPool'))[0]!.Properties.EmailConfiguration,
    ).toBeUndefined();

    const after = build('staging', { senderVerified: 'true' }).stacks.identity;
    const pool = Object.values(Template.fromStack(after).findResources('AWS::Cognito::UserPool'))[0]!;
    expect(pool.Properties.EmailConfiguration).toMatchObject({
      EmailSendingAccount: 'DEVELOPER',
      From: `Supporting Families <${FIXTURE_CONTEXT.senderAddress}>`,
      ConfigurationSet: 'sfw-staging-email',
    });
    expect(JSON.stringify(pool.Properties.EmailConfiguration.SourceArn)).toContain(
      `identity/${FIXTURE_CONTEXT.senderAddress}`,
    );
  }, 240_000);
});
