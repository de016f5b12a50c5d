import { App, Tags } from 'aws-cdk-lib';
import type { AwsSolutionsChecks } from 'cdk-nag';
import { ROUTES, type Route } from '../shared/http/route-table';
import { isProductionStage, readDeploymentConfig } from './config';
import { FUNCTIONS, type FunctionEntry } from './functions-manifest';
import { FUNCTIONS_DIR, WORKFLOWS_DIR } from './paths';
import { SCHEDULES, type ScheduleEntry } from './schedules-manifest';
import { applyNagChecks } from './security/nag';
import { SupportingFamiliesStack } from './stack';

export interface BuildAppOptions {
  /** Context for the App (the CLI passes cdk.json's context itself). */
  context?: Record<string, unknown>;
  outdir?: string;
  functionsDir?: string;
  workflowsDir?: string;
  manifest?: readonly FunctionEntry[];
  routes?: readonly Route[];
  schedules?: readonly ScheduleEntry[];
}

export interface BuiltApp {
  app: App;
  stack: SupportingFamiliesStack;
  nag: AwsSolutionsChecks;
}

/** Builds the app from the repository's folders, or from fixtures in tests. */
export function buildApp(options: BuildAppOptions = {}): BuiltApp {
  const app = new App({ context: options.context, outdir: options.outdir });
  const config = readDeploymentConfig((key) => app.node.tryGetContext(key));
  const stack = new SupportingFamiliesStack(app, `SupportingFamilies-${config.stage}`, {
    // Region only: no account, no lookups, so the app synthesises offline and deploys to any account.
    env: { region: config.region },
    description: `Supporting Families Workflow (${config.stage})`,
    terminationProtection: isProductionStage(config.stage),
    config,
    functionsDir: options.functionsDir ?? FUNCTIONS_DIR,
    workflowsDir: options.workflowsDir ?? WORKFLOWS_DIR,
    manifest: options.manifest ?? FUNCTIONS,
    routes: options.routes ?? ROUTES,
    schedules: options.schedules ?? SCHEDULES,
  });
  Tags.of(stack).add('Project', 'supporting-families-workflow');
  Tags.of(stack).add('Stage', config.stage);
  const nag = applyNagChecks(app);
  return { app, stack, nag };
}
