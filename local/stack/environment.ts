import { LOCAL_ARNS, listWorkflows } from '../../workflows/definitions';

// The Lambda environment of the handlers when they run locally (in the stack's process, invoked by the
// engine and by the API server): the same variables the CDK app sets, pointed at the local services.

export const LOCAL_TABLES = { domain: 'sfw-local-domain', idempotency: 'sfw-local-idempotency' } as const;
export const LOCAL_SENDER = 'family-support@demo.invalid';
/** The case documents bucket in the local S3. */
export const LOCAL_DOCUMENTS_BUCKET = 'sfw-local-documents';

export function stateMachineArn(workflow: string): string {
  return `arn:aws:states:${LOCAL_ARNS.region}:${LOCAL_ARNS.accountId}:stateMachine:${workflow}`;
}

export function localFunctionArn(name: string): string {
  return `arn:aws:lambda:${LOCAL_ARNS.region}:${LOCAL_ARNS.accountId}:function:${name}`;
}

/** `<NAME>_STATE_MACHINE_ARN` for every workflow in workflows/, as the CDK app names them. */
export function stateMachineVariables(): Record<string, string> {
  return Object.fromEntries(
    listWorkflows().map((workflow) => [
      `${workflow.name.replaceAll('-', '_').toUpperCase()}_STATE_MACHINE_ARN`,
      stateMachineArn(workflow.name),
    ]),
  );
}

export function handlerEnvironment(endpoints: {
  dynamodb: string;
  ses: string;
  s3?: string;
  sfn?: string;
  pagesBaseUrl: string;
  tables?: { domain: string; idempotency: string };
}): Record<string, string> {
  const tables = endpoints.tables ?? LOCAL_TABLES;
  return {
    AWS_REGION: LOCAL_ARNS.region,
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
    STAGE: 'local',
    TABLE_NAME: tables.domain,
    IDEMPOTENCY_TABLE_NAME: tables.idempotency,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_SESV2: endpoints.ses,
    ...(endpoints.sfn ? { AWS_ENDPOINT_URL_SFN: endpoints.sfn } : {}),
    ...(endpoints.s3 ? { AWS_ENDPOINT_URL_S3: endpoints.s3, DOCUMENTS_BUCKET: LOCAL_DOCUMENTS_BUCKET } : {}),
    SENDER_ADDRESS: LOCAL_SENDER,
    PAGES_BASE_URL: endpoints.pagesBaseUrl,
    POWERTOOLS_SERVICE_NAME: 'supporting-families-workflow',
    POWERTOOLS_METRICS_NAMESPACE: 'SupportingFamiliesWorkflow',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    POWERTOOLS_LOGGER_LOG_EVENT: 'false',
    POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
    // No X-Ray daemon locally.
    POWERTOOLS_TRACE_ENABLED: 'false',
    ...stateMachineVariables(),
  };
}
