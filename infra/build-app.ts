import { App, type Stack, Tags } from 'aws-cdk-lib';
import type { AwsSolutionsChecks } from 'cdk-nag';
import { ROUTES, type Route } from '../shared/http/route-table';
import { isProductionStage, readDeploymentConfig } from './config';
import { FUNCTIONS, type FunctionEntry } from './functions-manifest';
import { FUNCTIONS_DIR, WORKFLOWS_DIR } from './paths';
import { SCHEDULES, type ScheduleEntry } from './schedules-manifest';
import { applyNagChecks } from './security/nag';
import { ApiHandlersStack } from './stacks/api-handlers-stack';
import { ApiStack } from './stacks/api-stack';
import { DataStack } from './stacks/data-stack';
import { IdentityStack } from './stacks/identity-stack';
import { MonitoringStack } from './stacks/monitoring-stack';
import { WorkflowsStack } from './stacks/workflows-stack';
import { workflowNamesIn } from './workflows/state-machines';

export interface BuildAppOptions {
  /** Context for the App (the CLI passes cdk.json's context itself). */
  context?: Record<string, unknown>;
  /**
   * Where the cloud assembly goes: the CLI's `CDK_OUTDIR` in infra/app.ts, a folder of the test's own
   * in tests. Required so no caller forgets it: an App with neither makes a `cdk.out*` folder in the
   * OS temporary folder and never removes it.
   */
  outdir: string | undefined;
  functionsDir?: string;
  workflowsDir?: string;
  manifest?: readonly FunctionEntry[];
  routes?: readonly Route[];
  schedules?: readonly ScheduleEntry[];
}

export interface ServiceStacks {
  data: DataStack;
  identity: IdentityStack;
  apiHandlers: ApiHandlersStack;
  api: ApiStack;
  workflows: WorkflowsStack;
  monitoring: MonitoringStack;
}

export interface BuiltApp {
  app: App;
  stacks: ServiceStacks;
  nag: AwsSolutionsChecks;
}

/**
 * Builds the app from the repository's folders, or from fixtures in tests: one stack per concern,
 * `SupportingFamilies-<stage>-<Concern>`, each depending only on those before it (data, identity,
 * API handlers, API, workflows, monitoring), so each stays far below CloudFormation's 500 resources.
 */
export function buildApp(options: BuildAppOptions): BuiltApp {
  const app = new App({ context: options.context, outdir: options.outdir });
  const config = readDeploymentConfig((key) => app.node.tryGetContext(key));
  const functionsDir = options.functionsDir ?? FUNCTIONS_DIR;
  const workflowsDir = options.workflowsDir ?? WORKFLOWS_DIR;
  const manifest = options.manifest ?? FUNCTIONS;
  const workflowNames = workflowNamesIn(workflowsDir);
  const common = (concern: string) => ({
    // Region only: no account, no lookups, so the app synthesises offline and deploys to any account.
    env: { region: config.region },
    description: `Supporting Families Workflow (${config.stage}): ${concern}`,
    terminationProtection: isProductionStage(config.stage),
    config,
  });
  const name = (concern: string) => `SupportingFamilies-${config.stage}-${concern}`;

  const data = new DataStack(app, name('Data'), common('tables and their key'));
  const identity = new IdentityStack(app, name('Identity'), common('users, email sender, platform key'));
  const routes = options.routes ?? ROUTES;
  const apiHandlers = new ApiHandlersStack(app, name('ApiHandlers'), {
    ...common('the handlers behind the API'),
    data,
    identity,
    functionsDir,
    manifest,
    workflowNames,
    routes,
  });
  const api = new ApiStack(app, name('Api'), {
    ...common('API and firewall'),
    identity,
    apiHandlers,
    routes,
  });
  const workflows = new WorkflowsStack(app, name('Workflows'), {
    ...common('state machines, their handlers and schedules'),
    data,
    identity,
    apiHandlers,
    api,
    functionsDir,
    workflowsDir,
    manifest,
    workflowNames,
    schedules: options.schedules ?? SCHEDULES,
  });
  const monitoring = new MonitoringStack(app, name('Monitoring'), {
    ...common('alarms and dashboard'),
    identity,
    apiHandlers,
    api,
    workflows,
  });
  const stacks = { data, identity, apiHandlers, api, workflows, monitoring };
  for (const stack of Object.values(stacks) as Stack[]) {
    Tags.of(stack).add('Project', 'supporting-families-workflow');
    Tags.of(stack).add('Stage', config.stage);
  }
  const nag = applyNagChecks(app);
  return { app, stacks, nag };
}
