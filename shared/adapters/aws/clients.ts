import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { optionalEnv } from '../../core/environment';

// SDK clients, one per module, created on first use so a test or the local stack can set endpoints
// first. Endpoints come from the SDK's own service-specific settings (AWS_ENDPOINT_URL_DYNAMODB,
// AWS_ENDPOINT_URL_SFN, AWS_ENDPOINT_URL_SESV2, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER), which SDK v3 reads itself (tests/unit/aws-clients
// proves it against a listening server). The code only adds placeholder credentials when an endpoint
// is local and none are set, because DynamoDB Local and the local engine still want signed requests.

const DEFAULT_REGION = 'eu-west-2';

function baseConfig(endpointVariable: `AWS_ENDPOINT_URL_${string}`) {
  const local = Boolean(optionalEnv(endpointVariable) ?? optionalEnv('AWS_ENDPOINT_URL'));
  const credentials =
    local && !optionalEnv('AWS_ACCESS_KEY_ID') && !optionalEnv('AWS_PROFILE')
      ? { accessKeyId: 'local', secretAccessKey: 'local' }
      : undefined;
  return {
    region: optionalEnv('AWS_REGION') ?? optionalEnv('AWS_DEFAULT_REGION') ?? DEFAULT_REGION,
    ...(credentials ? { credentials } : {}),
  };
}

/** The name a handler's error carries when the network failed under an SDK call (after its own retries). */
const NETWORK_ERROR = 'NetworkError';
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

interface MiddlewareClient {
  middlewareStack: { add(middleware: never, options: { step: 'initialize'; name: string }): void };
}

type Next = (args: unknown) => Promise<unknown>;

/**
 * A refused or cut connection reaches a handler as a plain `Error` with a `code` once the SDK's own
 * quick retries (about 100 ms in all) are spent, and a workflow step cannot name `Error` in its Retry
 * without retrying every bug. Renamed `NetworkError` here, each Lambda step retries it with the
 * transient errors (a DynamoDB Local or engine restart in `npm run soak` failed 50 journeys on it; on
 * AWS a connection reset does the same).
 */
function nameNetworkErrors<C extends MiddlewareClient>(client: C): C {
  const middleware = (next: Next) => async (args: unknown) => {
    try {
      return await next(args);
    } catch (error) {
      const failure = error as { name?: string; code?: string };
      if (failure?.name === 'Error' && failure.code && NETWORK_CODES.has(failure.code))
        failure.name = NETWORK_ERROR;
      throw error;
    }
  };
  client.middlewareStack.add(middleware as never, { step: 'initialize', name: 'nameNetworkErrors' });
  return client;
}

let dynamoDbClient: DynamoDBClient | undefined;
let documentClient: DynamoDBDocumentClient | undefined;
let sfnClient: SFNClient | undefined;
let sesClient: SESv2Client | undefined;
let cognitoClient: CognitoIdentityProviderClient | undefined;
let s3Client: S3Client | undefined;

/** The DynamoDB document client (undefined attributes dropped, so optional fields can be left unset). */
export function dynamo(): DynamoDBDocumentClient {
  documentClient ??= createDocumentClient(dynamoRaw());
  return documentClient;
}

/** The plain DynamoDB client, for libraries that marshal items themselves (Powertools idempotency). */
export function dynamoRaw(): DynamoDBClient {
  dynamoDbClient ??= nameNetworkErrors(new DynamoDBClient(baseConfig('AWS_ENDPOINT_URL_DYNAMODB')));
  return dynamoDbClient;
}

export function createDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
}

export function sfn(): SFNClient {
  sfnClient ??= nameNetworkErrors(new SFNClient(baseConfig('AWS_ENDPOINT_URL_SFN')));
  return sfnClient;
}

export function ses(): SESv2Client {
  sesClient ??= nameNetworkErrors(new SESv2Client(baseConfig('AWS_ENDPOINT_URL_SESV2')));
  return sesClient;
}

/**
 * The documents bucket's client. Locally (AWS_ENDPOINT_URL_S3 set) addressed path-style, as a local
 * server on 127.0.0.1 has no bucket subdomains. Checksums only where S3 requires them: a presigned
 * PUT must not carry the checksum of an empty body the SDK would otherwise compute when signing.
 */
export function s3(): S3Client {
  s3Client ??= nameNetworkErrors(
    new S3Client({
      ...baseConfig('AWS_ENDPOINT_URL_S3'),
      forcePathStyle: Boolean(optionalEnv('AWS_ENDPOINT_URL_S3')),
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
  );
  return s3Client;
}

/** The user pool: staff sign-in and partner app clients (locally, the local API server plays it). */
export function cognito(): CognitoIdentityProviderClient {
  cognitoClient ??= new CognitoIdentityProviderClient(
    baseConfig('AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER'),
  );
  return cognitoClient;
}

/** Forgets the clients (tests that change endpoints between files). */
export function resetClients(): void {
  documentClient?.destroy();
  dynamoDbClient?.destroy();
  sfnClient?.destroy();
  sesClient?.destroy();
  cognitoClient?.destroy();
  s3Client?.destroy();
  s3Client = undefined;
  documentClient = undefined;
  dynamoDbClient = undefined;
  sfnClient = undefined;
  sesClient = undefined;
  cognitoClient = undefined;
}
