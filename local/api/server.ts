import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { ROUTES } from '../../shared/http/route-table';
import { EVERY_ANSWER_HEADERS } from '../../shared/http/security-headers';
import { buildContext, buildEvent } from './event';
import { COGNITO_TARGET_PREFIX, handleCognitoCall } from './identity/cognito-api';
import { loadOrCreateSigningKey } from './identity/signing-key';
import { handleTokenRequest } from './identity/token-endpoint';
import { LocalUserPool } from './identity/user-pool';
import { compileRoutes, matchRoute } from './router';
import { functionTimeoutSeconds } from '../stack/handlers';

// The local API server: routes exactly by the route table API Gateway is built from, turns each
// request into a real HTTP API (payload 2.0) event and calls the same handler module Lambda runs.
// It also plays the Cognito user pool: token endpoint and JWKS here, the pool's API (the admin calls the
// handlers make) on a second, internal loopback port.

export interface ApiServerSettings {
  /** 0 picks a free port (tests). */
  port?: number;
  host?: string;
  /** The local data directory: the signing key and the local user pool live in `<dataDir>/identity/`. */
  dataDir?: string;
  /** Extra Lambda environment for the handlers (TABLE_NAME, AWS_ENDPOINT_URL_DYNAMODB, ...). */
  env?: Record<string, string>;
  /** Requests no route matches go here first (e.g. the staff pages); answer true when handled. */
  fallback?: (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;
  /** What `GET /_local/health` reports; healthy by default. */
  health?: () => Promise<boolean> | boolean;
  /** Logs one line per request to stderr when true (the handlers log their own line in any case). */
  log?: boolean;
  /**
   * Runs before each route's handler; a failure answers 502 like a failed handler. The soak's API
   * process reads the engine's virtual clock here, being a process of its own (local/soak).
   */
  beforeHandler?: () => Promise<void>;
}

export interface ApiServerHandle {
  url: string;
  port: number;
  userPool: LocalUserPool;
  close(): Promise<void>;
}

type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

const MAX_REQUEST_BYTES = 10 * 1024 * 1024; // API Gateway's own payload limit
const FUNCTIONS_DIR = resolve(import.meta.dirname, '../../functions');

const handlers = new Map<string, Promise<LambdaHandler>>();
function loadHandler(name: string): Promise<LambdaHandler> {
  let loaded = handlers.get(name);
  if (!loaded) {
    const url = pathToFileURL(join(FUNCTIONS_DIR, `${name}.ts`)).href;
    loaded = import(url).then((module: { handler?: LambdaHandler }) => {
      if (typeof module.handler !== 'function') throw new Error(`functions/${name}.ts exports no handler`);
      return module.handler;
    });
    handlers.set(name, loaded);
  }
  return loaded;
}

function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolveBody(size > MAX_REQUEST_BYTES ? undefined : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(text);
}

function sendProblem(
  response: ServerResponse,
  status: number,
  title: string,
  headers: Record<string, string> = {},
) {
  send(
    response,
    status,
    { type: 'about:blank', title, status },
    { 'content-type': 'application/problem+json', ...headers },
  );
}

function writeLambdaResult(response: ServerResponse, result: APIGatewayProxyResultV2) {
  if (
    typeof result === 'string' ||
    result === null ||
    typeof result !== 'object' ||
    !('statusCode' in result)
  ) {
    // HTTP API's simple response: anything that is not a structured result is a 200 JSON body.
    send(response, 200, typeof result === 'string' ? result : JSON.stringify(result ?? null));
    return;
  }
  const headers: Record<string, string | string[]> = { ...(result.headers as Record<string, string>) };
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  response.writeHead(result.statusCode ?? 200, headers);
  const body = result.body ?? '';
  response.end(result.isBase64Encoded ? Buffer.from(body, 'base64') : body);
}

export async function startApiServer(settings: ApiServerSettings = {}): Promise<ApiServerHandle> {
  const host = settings.host ?? '127.0.0.1';
  const dataDir = resolve(settings.dataDir ?? process.env.LOCAL_DATA_DIR ?? '.local');
  const key = loadOrCreateSigningKey(join(dataDir, 'identity', 'signing-key.json'));
  let issuer = '';
  const mfa = settings.env?.LOCAL_USER_POOL_MFA ?? process.env.LOCAL_USER_POOL_MFA;
  const userPool = new LocalUserPool(
    join(dataDir, 'identity', 'user-pool.json'),
    key,
    () => issuer,
    mfa === 'required',
  );
  const compiled = compileRoutes(ROUTES);

  const server = createServer(async (request, response) => {
    const started = performance.now();
    // On every answer, the server's own (token endpoint, 404, 413) and the fallback's included.
    for (const [name, value] of Object.entries(EVERY_ANSWER_HEADERS)) response.setHeader(name, value);
    const method = (request.method ?? 'GET').toUpperCase();
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (settings.log) {
      response.once('finish', () =>
        console.error(
          `${method} ${url.pathname} ${response.statusCode} ${Math.round(performance.now() - started)}ms`,
        ),
      );
    }
    try {
      const body = await readBody(request);
      if (!body) return sendProblem(response, 413, 'Request body too large');

      // The user pool's own API (admin calls included) is on the internal port only, never here.
      if (request.headers['x-amz-target'] !== undefined) return sendProblem(response, 404, 'Not found');
      if (method === 'POST' && url.pathname === '/oauth2/token') {
        const answer = await handleTokenRequest(
          userPool,
          request.headers['content-type'],
          request.headers.authorization,
          body.toString('utf8'),
        );
        return send(response, answer.status, answer.body, answer.headers);
      }
      if (method === 'GET' && url.pathname === '/.well-known/jwks.json') {
        return send(response, 200, { keys: [key.publicJwk] }, { 'cache-control': 'max-age=300' });
      }
      if (method === 'GET' && url.pathname === '/_local/health') {
        const healthy = settings.health ? await settings.health() : true;
        return send(response, healthy ? 200 : 503, { status: healthy ? 'ok' : 'starting' });
      }

      const match = matchRoute(compiled, method, url.pathname);
      if (match.kind === 'route') {
        const name = match.compiled.route.handler;
        const handler = await loadHandler(name);
        await settings.beforeHandler?.();
        const event = buildEvent({
          request,
          url,
          routeKey: match.compiled.routeKey,
          pathParameters: match.pathParameters,
          body,
        });
        const result = await handler(event, buildContext(name, functionTimeoutSeconds(name) * 1000));
        return writeLambdaResult(response, result);
      }
      if (settings.fallback && (await settings.fallback(request, response))) return;
      if (match.kind === 'method-not-allowed') {
        return sendProblem(response, 405, 'Method not allowed', { allow: match.allowed.join(', ') });
      }
      return sendProblem(response, 404, 'Not found');
    } catch (error) {
      // Handlers answer their own errors; reaching here is a bug in the server or a handler import.
      console.error(
        `local API: ${method} ${url.pathname}: ${(error as Error).name}: ${(error as Error).message}`,
      );
      if (!response.headersSent) sendProblem(response, 502, 'The handler failed');
      else response.end();
    }
  });

  // The user pool's API, as the handlers' SDK calls it (AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER):
  // on loopback and a port of its own, so nobody who reaches the public port can create users or
  // set passwords (in AWS only IAM principals can make these calls).
  const internal = createServer(async (request, response) => {
    try {
      const body = await readBody(request);
      const target = request.headers['x-amz-target'];
      if (!body) return sendProblem(response, 413, 'Request body too large');
      if (
        request.method !== 'POST' ||
        typeof target !== 'string' ||
        !target.startsWith(COGNITO_TARGET_PREFIX)
      ) {
        return sendProblem(response, 400, 'Unknown service');
      }
      const answer = await handleCognitoCall(userPool, target, body.toString('utf8'));
      return send(response, answer.status, answer.body, { 'content-type': 'application/x-amz-json-1.1' });
    } catch (error) {
      console.error(`local user pool: ${(error as Error).name}: ${(error as Error).message}`);
      if (!response.headersSent) sendProblem(response, 500, 'The user pool failed');
      else response.end();
    }
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(settings.port ?? 0, host, () => resolveListen());
  });
  await new Promise<void>((resolveListen, reject) => {
    internal.once('error', reject);
    internal.listen(0, '127.0.0.1', () => resolveListen());
  });
  const internalUrl = `http://127.0.0.1:${(internal.address() as AddressInfo).port}`;
  const { port } = server.address() as AddressInfo;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  issuer = url;

  // The handlers run in this process, so this process's environment is their Lambda environment.
  Object.assign(process.env, {
    AWS_REGION: process.env.AWS_REGION ?? 'eu-west-2',
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
    ...settings.env,
    AUTH_ISSUER: url,
    AUTH_JWKS_URI: `${url}/.well-known/jwks.json`,
    USER_POOL_ID: userPool.userPoolId,
    STAFF_CLIENT_ID: userPool.staffClientId,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: internalUrl,
  });

  return {
    url,
    port,
    userPool,
    close: async () => {
      await Promise.all(
        [server, internal].map(
          (each) =>
            new Promise<void>((resolveClose, reject) => {
              each.closeAllConnections();
              each.close((error) => (error ? reject(error) : resolveClose()));
            }),
        ),
      );
    },
  };
}
