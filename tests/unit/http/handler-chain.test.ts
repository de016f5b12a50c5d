import {
  CodeMismatchException,
  InitiateAuthCommand,
  NotAuthorizedException,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handler as createSession } from '../../../functions/create-session';
import { handler as getOpenApi } from '../../../functions/get-openapi-document';
import { pagesBaseUrl } from '../../../shared/adapters/email/send';
import { logger } from '../../../shared/core/logger';
import { useUnitAwsEnvironment } from '../../support/unit-aws';

// Handler edges with the SDK mocked (aws-sdk-client-mock): the chain's answers for each failure,
// the one access-log line, and both API Gateway payload formats.

const cognitoMock = mockClient(CognitoIdentityProviderClient);
const dynamoMock = mockClient(DynamoDBDocumentClient);

const context = {
  functionName: 'create-session',
  awsRequestId: 'aws-request-1',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

function v2Event(
  routeKey: string,
  body?: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyEventV2 {
  const [method, path] = routeKey.split(' ');
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    requestContext: {
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
      requestId: 'gateway-request-1',
      routeKey,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}

useUnitAwsEnvironment();

afterEach(() => {
  cognitoMock.reset();
  dynamoMock.reset();
  vi.restoreAllMocks();
});

describe('POST /v1/session', () => {
  it('answers the user pool token with the role and area from the staff record', async () => {
    // Prepare
    cognitoMock
      .on(InitiateAuthCommand)
      .resolves({ AuthenticationResult: { AccessToken: 'a.b.c', ExpiresIn: 3600, TokenType: 'Bearer' } });
    dynamoMock.on(GetCommand).resolves({
      Item: {
        pk: 'WORKER#hub-blaby',
        sk: 'WORKER',
        id: 'hub-blaby',
        role: 'hub-coordinator',
        area: 'blaby',
        active: true,
      },
    });

    // Act
    const result = await createSession(
      v2Event('POST /v1/session', { username: 'hub-blaby', password: 'pw' }),
      context,
    );

    // Assess
    expect(result.statusCode).toBe(201);
    expect(JSON.parse(result.body!)).toEqual({
      token: 'a.b.c',
      tokenType: 'Bearer',
      expiresIn: 3600,
      user: { id: 'hub-blaby', role: 'hub-coordinator', area: 'blaby' },
    });
    expect(cognitoMock.commandCalls(InitiateAuthCommand)[0].args[0].input).toMatchObject({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: 'staff-client',
    });
  });

  it('answers 401 as problem+json when the user pool refuses the password', async () => {
    cognitoMock.on(InitiateAuthCommand).rejects(new NotAuthorizedException({ message: 'no', $metadata: {} }));

    const result = await createSession(
      v2Event('POST /v1/session', { username: 'x', password: 'y' }),
      context,
    );

    expect(result.statusCode).toBe(401);
    expect(result.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(result.body!)).toMatchObject({ status: 401, type: 'urn:sfw:problem:unauthenticated' });
  });

  it('answers the authenticator challenge when the pool requires a second factor', async () => {
    // Prepare
    cognitoMock
      .on(InitiateAuthCommand)
      .resolves({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 'session-1' });
    cognitoMock
      .on(RespondToAuthChallengeCommand)
      .resolves({ AuthenticationResult: { AccessToken: 'm.f.a', ExpiresIn: 3600 } });
    dynamoMock
      .on(GetCommand)
      .resolves({ Item: { id: 'duty', role: 'duty-social-worker', area: 'county', active: true } });

    // Act
    const withoutCode = await createSession(
      v2Event('POST /v1/session', { username: 'duty', password: 'pw' }),
      context,
    );
    const withCode = await createSession(
      v2Event('POST /v1/session', { username: 'duty', password: 'pw', code: '123456' }),
      context,
    );
    cognitoMock
      .on(RespondToAuthChallengeCommand)
      .rejects(new CodeMismatchException({ message: 'x', $metadata: {} }));
    const wrongCode = await createSession(
      v2Event('POST /v1/session', { username: 'duty', password: 'pw', code: '654321' }),
      context,
    );

    // Assess
    expect(withoutCode.statusCode).toBe(401);
    expect(JSON.parse(withoutCode.body!).errors[0]).toMatchObject({ path: 'code', rule: 'required' });
    expect(withCode.statusCode).toBe(201);
    expect(JSON.parse(withCode.body!).token).toBe('m.f.a');
    expect(cognitoMock.commandCalls(RespondToAuthChallengeCommand)[0].args[0].input).toMatchObject({
      Session: 'session-1',
      ChallengeResponses: { USERNAME: 'duty', SOFTWARE_TOKEN_MFA_CODE: '123456' },
    });
    expect(wrongCode.statusCode).toBe(401);
  });

  it('answers 401 for a deactivated member even with the right password', async () => {
    cognitoMock
      .on(InitiateAuthCommand)
      .resolves({ AuthenticationResult: { AccessToken: 'a.b.c', ExpiresIn: 60 } });
    dynamoMock.on(GetCommand).resolves({ Item: { id: 'x', role: 'senior', area: 'blaby', active: false } });

    const result = await createSession(
      v2Event('POST /v1/session', { username: 'x', password: 'y' }),
      context,
    );

    expect(result.statusCode).toBe(401);
  });

  it('answers 422 with each field path and rule, 400 for malformed JSON, 415 for a form post', async () => {
    const invalid = await createSession(v2Event('POST /v1/session', { username: '', extra: 1 }), context);
    const malformed = await createSession(v2Event('POST /v1/session', '{"username":'), context);
    const form = await createSession(
      v2Event('POST /v1/session', 'username=a', { 'content-type': 'application/x-www-form-urlencoded' }),
      context,
    );

    expect(invalid.statusCode).toBe(422);
    expect(JSON.parse(invalid.body!).errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'username', rule: 'required' }),
        expect.objectContaining({ path: 'password', rule: 'required' }),
        expect.objectContaining({ path: 'extra', rule: 'unknown_field' }),
      ]),
    );
    expect(malformed.statusCode).toBe(400);
    expect(form.statusCode).toBe(415);
    expect(cognitoMock.commandCalls(InitiateAuthCommand)).toHaveLength(0);
  });

  it('answers 500 without detail when a dependency fails, and logs only the error name', async () => {
    cognitoMock
      .on(InitiateAuthCommand)
      .resolves({ AuthenticationResult: { AccessToken: 'a.b.c', ExpiresIn: 60 } });
    dynamoMock.on(GetCommand).rejects(new Error('connect ECONNREFUSED secret-host'));
    const errors = vi.spyOn(logger, 'error').mockImplementation(() => undefined);

    const result = await createSession(
      v2Event('POST /v1/session', { username: 'x', password: 'y' }),
      context,
    );

    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain('ECONNREFUSED');
    expect(errors).toHaveBeenCalledWith('unhandled error', expect.objectContaining({ errorName: 'Error' }));
  });

  it('logs one line per request with method, route, status, ms and request id, and never the body', async () => {
    cognitoMock.on(InitiateAuthCommand).rejects(new NotAuthorizedException({ message: 'no', $metadata: {} }));
    const info = vi.spyOn(logger, 'info').mockImplementation(() => undefined);

    await createSession(v2Event('POST /v1/session', { username: 'someone', password: 'hunter22' }), context);

    expect(info).toHaveBeenCalledTimes(1);
    const [message, fields] = info.mock.calls[0] as [string, Record<string, unknown>];
    expect(message).toBe('request');
    expect(fields).toMatchObject({
      method: 'POST',
      route: 'POST /v1/session',
      status: 401,
      requestId: 'gateway-request-1',
    });
    expect(typeof fields.ms).toBe('number');
    expect(JSON.stringify(info.mock.calls)).not.toMatch(/someone|hunter22/);
  });
});

describe('payload formats', () => {
  it('serves a REST API (payload 1.0) event the same as an HTTP API one', async () => {
    const v1 = {
      resource: '/openapi.json',
      path: '/openapi.json',
      httpMethod: 'GET',
      headers: { Accept: 'application/json' },
      multiValueHeaders: {},
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      pathParameters: null,
      stageVariables: null,
      requestContext: { requestId: 'rest-1', identity: { sourceIp: '192.0.2.2' } },
      body: null,
      isBase64Encoded: false,
    } as unknown as APIGatewayProxyEvent;

    const rest = await getOpenApi(v1 as never, context);
    const http = await getOpenApi(v2Event('GET /openapi.json'), context);

    expect(rest.statusCode).toBe(200);
    expect(rest.headers?.['x-request-id']).toBe('rest-1');
    expect(JSON.parse(rest.body!)).toEqual(JSON.parse(http.body!));
  });

  it('learns the pages’ address for email links from the REST API that delivered the request, never the Host header', async () => {
    // Arrange: the API's handlers are deployed before the API, so without `-c pagesBaseUrl` nobody sets it
    vi.stubEnv('PAGES_BASE_URL', '');
    const v1 = {
      resource: '/openapi.json',
      path: '/openapi.json',
      httpMethod: 'GET',
      headers: { Host: 'attacker.example' },
      multiValueHeaders: {},
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      pathParameters: null,
      stageVariables: null,
      requestContext: {
        requestId: 'rest-2',
        identity: { sourceIp: '192.0.2.2' },
        domainName: 'abc123.execute-api.eu-west-2.amazonaws.com',
        stage: 'prod',
      },
      body: null,
      isBase64Encoded: false,
    } as unknown as APIGatewayProxyEvent;
    // Act
    await getOpenApi(v1 as never, context);
    // Assert
    expect(pagesBaseUrl()).toBe('https://abc123.execute-api.eu-west-2.amazonaws.com/prod');
    vi.stubEnv('PAGES_BASE_URL', 'https://pages.council.example');
    expect(pagesBaseUrl()).toBe('https://pages.council.example');
    vi.unstubAllEnvs();
  });

  it('answers 404 for a route key the route table does not have', async () => {
    const result = await getOpenApi(v2Event('GET /v1/unknown'), context);
    expect(result.statusCode).toBe(404);
  });
});
