import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { Route } from '../../shared/http/route-table';
import { HttpApi } from '../api/rest-api';
import { namePrefix } from '../config';
import { Handlers } from '../functions/handlers';
import type { FunctionEntry } from '../functions-manifest';
import type { DataStack } from './data-stack';
import { sharedHandlerProps } from './handler-options';
import type { IdentityStack } from './identity-stack';
import { logRetentionOf, type ServiceStackProps } from './service-stack-props';

export interface ApiStackProps extends ServiceStackProps {
  data: DataStack;
  identity: IdentityStack;
  functionsDir: string;
  manifest: readonly FunctionEntry[];
  workflowNames: readonly string[];
  routes: readonly Route[];
}

/**
 * The API and the handlers behind its routes (partner API, staff pages, admin), with its WAF. The
 * handlers live here, not beside the workflows, because their pages' links need the API's URL and
 * the API needs them: in two stacks that would be a cycle.
 */
export class ApiStack extends Stack {
  readonly handlers: Handlers;
  readonly api?: HttpApi;
  /** Base URL of the staff pages, for links in emails. */
  readonly pagesBaseUrl?: string;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config } = props;
    const prefix = namePrefix(config);
    const routed = new Set(props.routes.map((route) => route.handler));
    this.handlers = new Handlers(this, 'Handlers', {
      functionsDir: props.functionsDir,
      manifest: props.manifest,
      workflowNames: props.workflowNames,
      prefix,
      stage: config.stage,
      logRetention: logRetentionOf(config),
      concern: 'api',
      ...sharedHandlerProps(props.data, props.identity),
      include: (name) => routed.has(name),
    });
    if (props.routes.length > 0) {
      this.api = new HttpApi(this, 'Api', {
        prefix,
        stageName: config.stage,
        routes: props.routes,
        functions: this.handlers.functions,
        auth: props.identity.auth,
        allowedOrigins: config.allowedOrigins,
        logRetention: logRetentionOf(config),
      });
      new CfnOutput(this, 'ApiUrl', {
        value: this.api.baseUrl,
        description: 'Base URL of the API and staff pages',
      });
    }
    this.pagesBaseUrl = config.pagesBaseUrl ?? this.api?.baseUrl;
    if (this.pagesBaseUrl) this.handlers.addEnvironment('PAGES_BASE_URL', this.pagesBaseUrl);
    if (config.allowedOrigins.length > 0) {
      this.handlers.addEnvironment('ALLOWED_ORIGINS', config.allowedOrigins.join(','));
    }
  }
}
