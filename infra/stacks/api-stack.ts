import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { Route } from '../../shared/http/route-table';
import { HttpApi } from '../api/rest-api';
import { namePrefix } from '../config';
import type { ApiHandlersStack } from './api-handlers-stack';
import type { IdentityStack } from './identity-stack';
import { logRetentionOf, type ServiceStackProps } from './service-stack-props';

export interface ApiStackProps extends ServiceStackProps {
  identity: IdentityStack;
  apiHandlers: ApiHandlersStack;
  routes: readonly Route[];
}

/** The API built from the route table over the handlers of the ApiHandlers stack, with its WAF. */
export class ApiStack extends Stack {
  readonly api?: HttpApi;
  /** Base URL of the staff pages, for links in the workflows' emails. */
  readonly pagesBaseUrl?: string;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config } = props;
    if (props.routes.length > 0) {
      this.api = new HttpApi(this, 'Api', {
        prefix: namePrefix(config),
        stageName: config.stage,
        routes: props.routes,
        functions: props.apiHandlers.handlers.functions,
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
  }
}
