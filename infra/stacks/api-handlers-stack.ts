import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { Route } from '../../shared/http/route-table';
import { namePrefix } from '../config';
import { Handlers } from '../functions/handlers';
import type { FunctionEntry } from '../functions-manifest';
import type { DataStack } from './data-stack';
import { sharedHandlerProps } from './handler-options';
import type { IdentityStack } from './identity-stack';
import { logRetentionOf, type ServiceStackProps } from './service-stack-props';

export interface ApiHandlersStackProps extends ServiceStackProps {
  data: DataStack;
  identity: IdentityStack;
  functionsDir: string;
  manifest: readonly FunctionEntry[];
  workflowNames: readonly string[];
  routes: readonly Route[];
}

/**
 * The handlers behind the API's routes (partner API, staff pages, admin), apart from the API itself so
 * that neither stack nears CloudFormation's 500 resources (each handler is a function, a role and a
 * policy). The API references these; they never reference the API, so the links in their emails come
 * from `-c pagesBaseUrl` or, without it, from the requests they serve (shared/adapters/email/send.ts).
 */
export class ApiHandlersStack extends Stack {
  readonly handlers: Handlers;

  constructor(scope: Construct, id: string, props: ApiHandlersStackProps) {
    super(scope, id, props);
    const { config } = props;
    const routed = new Set(props.routes.map((route) => route.handler));
    this.handlers = new Handlers(this, 'Handlers', {
      functionsDir: props.functionsDir,
      manifest: props.manifest,
      workflowNames: props.workflowNames,
      prefix: namePrefix(config),
      stage: config.stage,
      logRetention: logRetentionOf(config),
      concern: 'api',
      ...sharedHandlerProps(props.data, props.identity),
      include: (name) => routed.has(name),
    });
    if (config.pagesBaseUrl) this.handlers.addEnvironment('PAGES_BASE_URL', config.pagesBaseUrl);
    if (config.allowedOrigins.length > 0) {
      this.handlers.addEnvironment('ALLOWED_ORIGINS', config.allowedOrigins.join(','));
    }
  }
}
