import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../infra/paths';
import { ROUTES } from '../../../shared/http/route-table';
import { publicHttpHandler } from '../../../shared/http/handler';
import { useUnitAwsEnvironment } from '../../support/unit-aws';

// publicHttpHandler is the chain without the token verifier (issue 21: its bundle leaves it out). It
// must be used by exactly the JSON handlers whose routes are all public, and refuse any other route.

useUnitAwsEnvironment();

const context = {
  functionName: 'a-public-handler',
  awsRequestId: 'aws-request-1',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

function event(routeKey: string): APIGatewayProxyEventV2 {
  const [method, path] = routeKey.split(' ');
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: {},
    requestContext: {
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
      requestId: 'gateway-request-1',
      routeKey,
    },
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}

describe('publicHttpHandler', () => {
  it('is the chain of exactly the JSON handlers whose routes are all public', () => {
    // Arrange
    const handlers = [...new Set(ROUTES.map((route) => route.handler))].map((name) => ({
      name,
      source: readFileSync(join(REPO_ROOT, 'functions', `${name}.ts`), 'utf8'),
      allPublic: ROUTES.filter((route) => route.handler === name).every((route) => route.auth === 'public'),
    }));
    const json = handlers.filter(({ source }) => /\b(public)?[hH]ttpHandler\(/.test(source));
    // Act
    const publicChain = json
      .filter(({ source }) => source.includes('publicHttpHandler('))
      .map(({ name }) => name);
    const allPublic = json.filter(({ allPublic }) => allPublic).map(({ name }) => name);
    // Assess
    expect(json.length).toBeGreaterThan(50);
    expect(publicChain.sort()).toEqual(allPublic.sort());
    expect(publicChain).toContain('create-self-referral');
  });

  it('answers a public route with a public principal, and refuses a route that needs a token', async () => {
    // Arrange
    const seen: unknown[] = [];
    const handler = publicHttpHandler(async ({ principal }) => {
      seen.push(principal);
      return { status: 200, body: { ok: true } };
    });
    // Act
    const open = await handler(event('POST /v1/session'), context);
    const guarded = await handler(event('GET /v1/tasks'), context);
    // Assess
    expect(open.statusCode).toBe(200);
    expect(seen).toEqual([{ kind: 'public', sourceIp: '192.0.2.1' }]);
    expect(guarded.statusCode).toBe(500);
  });
});
