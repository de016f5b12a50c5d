import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  type CfnMethod,
  CognitoUserPoolsAuthorizer,
  Cors,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  type Method,
  type MethodDeploymentOptions,
  MethodLoggingLevel,
  type RequestValidator,
  ResponseType,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Route } from '../../shared/http/route-table';
import { EVERY_ANSWER_HEADERS } from '../../shared/http/security-headers';
import { acknowledge } from '../security/nag';
import type { Auth } from './auth';
import { checkRoutes, effectiveScopes, pathParameters } from './routes';
import { ApiWebAcl } from './web-acl';

/** Header values in API Gateway's mapping syntax (a static value is quoted). */
const GATEWAY_ANSWER_HEADERS: Record<string, string> = Object.fromEntries(
  Object.entries(EVERY_ANSWER_HEADERS).map(([name, value]) => [name, `'${value}'`]),
);

export interface HttpApiProps {
  prefix: string;
  stageName: string;
  routes: readonly Route[];
  functions: ReadonlyMap<string, IFunction>;
  auth: Auth;
  /** Origins of browser pages on other domains; CORS is added to non-partner routes only when set. */
  allowedOrigins: readonly string[];
  logRetention: RetentionDays;
  /** Stage-wide default throttling (requests per second and burst). */
  throttle?: { rateLimit: number; burstLimit: number };
}

// Access logs say who called what and how it went, never bodies, IP addresses or user agents.
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  time: '$context.requestTimeEpoch',
  method: '$context.httpMethod',
  route: '$context.resourcePath',
  status: '$context.status',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  responseBytes: '$context.responseLength',
  clientId: '$context.authorizer.claims.client_id',
  wafResponse: '$context.wafResponseCode',
  error: '$context.error.responseType',
};

const PROBLEMS: { type: ResponseType; status: number; title: string }[] = [
  { type: ResponseType.UNAUTHORIZED, status: 401, title: 'Unauthorized' },
  { type: ResponseType.MISSING_AUTHENTICATION_TOKEN, status: 404, title: 'Not Found' },
  { type: ResponseType.ACCESS_DENIED, status: 403, title: 'Forbidden' },
  { type: ResponseType.BAD_REQUEST_PARAMETERS, status: 400, title: 'Bad Request' },
  { type: ResponseType.REQUEST_TOO_LARGE, status: 413, title: 'Payload Too Large' },
  { type: ResponseType.THROTTLED, status: 429, title: 'Too Many Requests' },
  { type: ResponseType.DEFAULT_5XX, status: 502, title: 'Bad Gateway' },
];

/**
 * The REST API built from the shared route table: one Lambda proxy method per route, the Cognito
 * authorizer on every partner, staff and admin route (partner routes also demand their OAuth scopes),
 * request validation of path parameters, throttling, access logs without bodies, errors as
 * problem+json, and a WAF web ACL on the stage.
 */
export class HttpApi extends Construct {
  readonly restApi: RestApi;
  readonly methods = new Map<string, Method>();
  /** The API's base URL (`https://<id>.execute-api.<region>.amazonaws.com/<stage>`), with no dependency on the stage. */
  readonly baseUrl: string;
  readonly webAcl: ApiWebAcl;
  private authorizer?: CognitoUserPoolsAuthorizer;
  private validator?: RequestValidator;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const problems = checkRoutes(props.routes, new Set(props.functions.keys()), props.auth.scopes);
    if (problems.length > 0) throw new Error(`shared/http/route-table/:\n  ${problems.join('\n  ')}`);

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const methodOptions: Record<string, MethodDeploymentOptions> = {};
    for (const route of props.routes) {
      if (route.throttle) {
        methodOptions[`${route.path}/${route.method}`] = {
          throttlingRateLimit: route.throttle.rateLimit,
          throttlingBurstLimit: route.throttle.burstLimit,
        };
      }
    }
    this.restApi = new RestApi(this, 'Api', {
      restApiName: `${props.prefix}-api`,
      description: 'Supporting Families Workflow: partner, staff and admin API',
      endpointTypes: [EndpointType.REGIONAL],
      // The staff pages serve fonts and icons (base64 from the handler): with every type binary, the
      // gateway decodes any response marked isBase64Encoded; text answers pass through unchanged and
      // base64-encoded request bodies are decoded by the handlers (shared/http/request-checks.ts).
      binaryMediaTypes: ['*/*'],
      cloudWatchRole: true,
      // The logging role is account-wide (API Gateway's one setting per region): another stage may use it.
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: props.stageName,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
        loggingLevel: MethodLoggingLevel.ERROR,
        // Data tracing would log request and response bodies: never.
        dataTraceEnabled: false,
        metricsEnabled: true,
        tracingEnabled: true,
        throttlingRateLimit: props.throttle?.rateLimit ?? 50,
        throttlingBurstLimit: props.throttle?.burstLimit ?? 100,
        methodOptions,
      },
    });
    acknowledge(this.restApi, {
      id: 'AwsSolutions-APIG2',
      reason:
        'The gateway validates path parameters (validator path-parameters on every method); bodies are validated by the handlers with the zod schemas that also generate the OpenAPI document, so AWS and the local API server answer the same problem+json with field paths.',
    });
    acknowledge(this.restApi, {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason:
        "The account-level role API Gateway uses to write execution logs; AmazonAPIGatewayPushToCloudWatchLogs is the policy AWS documents for it and it is scoped to API Gateway's own log groups.",
    });
    this.baseUrl = `https://${this.restApi.restApiId}.execute-api.${Stack.of(this).region}.${Aws.URL_SUFFIX}/${props.stageName}`;

    for (const { type, status, title } of PROBLEMS) {
      this.restApi.addGatewayResponse(`Problem${status}${type.responseType}`, {
        type,
        statusCode: String(status),
        // The gateway's own refusals (authorizer, throttling, WAF) carry the headers every answer does.
        responseHeaders: { 'Content-Type': "'application/problem+json'", ...GATEWAY_ANSWER_HEADERS },
        templates: { 'application/json': JSON.stringify({ type: 'about:blank', title, status }) },
      });
    }

    for (const route of props.routes) this.addRoute(route, props);
    if (props.allowedOrigins.length > 0) this.addCors(props);

    this.webAcl = new ApiWebAcl(this, 'Firewall', {
      prefix: props.prefix,
      stageArn: this.restApi.deploymentStage.stageArn,
    });
  }

  private addRoute(route: Route, props: HttpApiProps): void {
    const resource = this.restApi.root.resourceForPath(route.path);
    const parameters = pathParameters(route.path);
    // One invoke permission per handler for this API (not one per method): a handler serves only
    // the routes that name it, and the API stack stays far from CloudFormation's resource limit.
    const integration = new LambdaIntegration(props.functions.get(route.handler)!, {
      scopePermissionToMethod: false,
    });
    const validation = {
      requestValidator: this.requestValidator(),
      requestParameters: Object.fromEntries(parameters.map((name) => [`method.request.path.${name}`, true])),
    };
    const label = `${route.method} ${route.path}`;
    let method: Method;
    if (route.auth === 'public') {
      method = resource.addMethod(route.method, integration, {
        authorizationType: AuthorizationType.NONE,
        ...validation,
      });
      const why = `${label} is public at the gateway by design (auth 'public' in shared/http/route-table/): its callers have no token yet (self-referral, sign-in, OpenAPI) or the handler checks the session itself; the handler validates every input and the WAF rate-limits it.`;
      acknowledge(
        method,
        { id: 'AwsSolutions-APIG4', reason: why },
        { id: 'AwsSolutions-COG4', reason: why },
      );
    } else {
      const scopes = effectiveScopes(route);
      method = resource.addMethod(route.method, integration, {
        authorizationType: AuthorizationType.COGNITO,
        authorizer: this.cognitoAuthorizer(props),
        authorizationScopes: scopes.length > 0 ? scopes : undefined,
        ...validation,
      });
    }
    this.methods.set(label, method);
  }

  private addCors(props: HttpApiProps): void {
    const browserRoutes = props.routes.filter((route) => route.auth !== 'partner');
    const paths = [...new Set(browserRoutes.map((route) => route.path))];
    for (const path of paths) {
      const resource = this.restApi.root.resourceForPath(path);
      const options = resource.addCorsPreflight({
        allowOrigins: [...props.allowedOrigins],
        allowMethods: browserRoutes.filter((route) => route.path === path).map((route) => route.method),
        allowHeaders: [...Cors.DEFAULT_HEADERS, 'Idempotency-Key'],
        maxAge: Duration.hours(1),
      });
      // Under binaryMediaTypes '*/*' the preflight's (empty) body counts as binary, and a MOCK
      // integration then cannot apply its '{"statusCode": 200}' request template: API Gateway answers
      // 500. Converting the body to text lets the template apply; addCorsPreflight has no option for it.
      (options.node.defaultChild as CfnMethod).addPropertyOverride(
        'Integration.ContentHandling',
        'CONVERT_TO_TEXT',
      );
      const why = `CORS preflight for ${path}: browsers send OPTIONS without credentials, so it cannot be authorised; it answers with headers only (mock integration, no handler).`;
      acknowledge(
        options,
        { id: 'AwsSolutions-APIG4', reason: why },
        { id: 'AwsSolutions-COG4', reason: why },
      );
    }
  }

  private cognitoAuthorizer(props: HttpApiProps): CognitoUserPoolsAuthorizer {
    this.authorizer ??= new CognitoUserPoolsAuthorizer(this, 'Authorizer', {
      authorizerName: `${props.prefix}-cognito`,
      cognitoUserPools: [props.auth.userPool],
      resultsCacheTtl: Duration.minutes(5),
    });
    return this.authorizer;
  }

  private requestValidator(): RequestValidator {
    this.validator ??= this.restApi.addRequestValidator('PathParameters', {
      requestValidatorName: 'path-parameters',
      validateRequestParameters: true,
      validateRequestBody: false,
    });
    return this.validator;
  }
}
