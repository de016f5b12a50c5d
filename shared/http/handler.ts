import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { type Authenticated, authenticate } from './authenticate';
import { toProblem } from './errors';
import { type GatewayEvent, type HttpRequestView, viewOf } from './event';
import { logger } from '../core/logger';
import { learnPagesBaseUrl } from '../adapters/email/send';
import { EVERY_ANSWER_HEADERS } from './security-headers';
import { type Principal, publicPrincipal } from './principal';
import { HttpProblem, PROBLEM_CONTENT_TYPE } from './problem';
import { DEFAULT_MAX_BODY_BYTES, parseJsonBody } from './request-checks';
import { findRoute, type RouteAuthFacts } from './routes';

// The middy chain every HTTP handler runs in, in AWS and locally:
// access log + problem+json -> route lookup -> authentication -> size / media type / JSON -> handler.
// Handlers receive a parsed body and a verified principal and return a plain {status, body}.

export interface ApiRequest {
  event: GatewayEvent;
  context: Context;
  body: unknown;
  principal: Principal;
  /**
   * Settles once the caller's record has said it may still act (rejecting with its 401); already
   * settled unless the handler asked for `checksCallerAlongside`.
   */
  stillAllowed: Promise<void>;
  pathParameters: Record<string, string>;
  query: Record<string, string>;
  requestId: string;
  /** A request header by its (case-insensitive) name. */
  header(name: string): string | undefined;
}

export interface ApiResponse {
  status: number;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (an HTML page); give its content-type in `headers`. */
  text?: string;
  headers?: Record<string, string>;
}

export interface HandlerOptions {
  /** Bytes; 64 KB unless a route needs less (self-referrals). */
  maxBodyBytes?: number;
  /**
   * The handler starts before a known partner's `active` is read, and awaits `stillAllowed` itself
   * before any write a refusal would not undo; the chain answers the refusal first either way.
   */
  checksCallerAlongside?: boolean;
}

// A REST API (payload 1.0) accepts the same result shape, cookies aside, which the API does not use.
type Result = APIGatewayProxyStructuredResultV2;

interface ChainState {
  started: number;
  body?: unknown;
  principal?: Principal;
  stillAllowed?: Promise<void>;
}

const states = new WeakMap<object, ChainState>();

const SECURITY_HEADERS = {
  ...EVERY_ANSWER_HEADERS,
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

function requestIdOf(view: HttpRequestView, context: Context): string {
  return view.requestId ?? context.awsRequestId;
}

function problemResult(problem: HttpProblem, requestId: string): Result {
  return {
    statusCode: problem.status,
    headers: {
      ...SECURITY_HEADERS,
      'content-type': PROBLEM_CONTENT_TYPE,
      'x-request-id': requestId,
      ...problem.headers,
    },
    body: JSON.stringify(problem.toBody()),
  };
}

/** One access log line per request (no bodies, no personal data) and problem+json for every error. */
function accessLogAndProblems(): MiddlewareObj<GatewayEvent, Result> {
  const log = (event: GatewayEvent, context: Context, status: number) => {
    const view = viewOf(event);
    const state = states.get(event);
    logger.info('request', {
      method: view.method,
      route: view.routeKey,
      status,
      ms: state ? Math.round(performance.now() - state.started) : undefined,
      requestId: requestIdOf(view, context),
    });
  };
  return {
    before: (request) => {
      states.set(request.event, { started: performance.now() });
      learnPagesBaseUrl(viewOf(request.event).gatewayBaseUrl);
    },
    after: (request) => {
      log(request.event, request.context, request.response?.statusCode ?? 200);
    },
    onError: (request) => {
      const requestId = requestIdOf(viewOf(request.event), request.context);
      let problem = toProblem(request.error);
      if (!problem) {
        // Name and a clipped message only: a stack or a cause could carry input values.
        logger.error('unhandled error', {
          errorName: request.error?.name,
          errorMessage: request.error?.message?.slice(0, 300),
          requestId,
        });
        problem = new HttpProblem(500, 'Something went wrong; the request id identifies it in our logs');
      }
      request.response = problemResult(problem, requestId);
      log(request.event, request.context, problem.status);
    },
  };
}

type Authenticate = (request: HttpRequestView, route: RouteAuthFacts) => Promise<Authenticated>;

function authenticateAndParse(
  options: HandlerOptions,
  authenticateCaller: Authenticate,
): MiddlewareObj<GatewayEvent, Result> {
  return {
    before: async (request) => {
      const view = viewOf(request.event);
      const route = findRoute(view.routeKey);
      if (!route) throw new HttpProblem(404, 'No such route');
      const state = states.get(request.event)!;
      // Authenticate first: an anonymous caller learns nothing about what a body should be.
      const { principal, stillAllowed } = await authenticateCaller(view, route);
      if (stillAllowed && !options.checksCallerAlongside) await stillAllowed;
      state.principal = principal;
      state.stillAllowed = stillAllowed;
      try {
        state.body = parseJsonBody(view, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
      } catch (error) {
        await stillAllowed;
        throw error;
      }
    },
  };
}

type Handle = (request: ApiRequest) => Promise<ApiResponse>;
type Chain = middy.MiddyfiedHandler<GatewayEvent, Result, Error, Context>;

/** The chain of a handler whose routes name who may call them: tokens verified as each route says. */
export function httpHandler(handle: Handle, options: HandlerOptions = {}): Chain {
  return chain(handle, options, authenticate);
}

/**
 * The chain of a handler whose routes are all public (self-referral, sign-in, the API document): it
 * reads no token, so its bundle carries no token verifier. It refuses (500) a route that needs a token,
 * which the route table would then have given it by mistake; tests/unit/http/public-handlers.test.ts
 * holds that exactly the handlers whose routes are all public use it.
 */
export function publicHttpHandler(handle: Handle, options: HandlerOptions = {}): Chain {
  return chain(handle, options, publicOnly);
}

async function publicOnly(request: HttpRequestView, route: RouteAuthFacts): Promise<Authenticated> {
  if (route.auth !== 'public')
    throw new Error(`${route.method} ${route.path} needs a token: not a public handler's`);
  return { principal: publicPrincipal(request) };
}

/** The handler's answer, unless the caller's record refused it meanwhile: then that refusal. */
async function answerRefusalFirst(
  stillAllowed: Promise<void> | undefined,
  handled: Promise<ApiResponse>,
): Promise<ApiResponse> {
  if (!stillAllowed) return handled;
  const [allowed, answer] = await Promise.allSettled([stillAllowed, handled]);
  if (allowed.status === 'rejected') throw allowed.reason;
  if (answer.status === 'rejected') throw answer.reason;
  return answer.value;
}

function chain(handle: Handle, options: HandlerOptions, authenticateCaller: Authenticate): Chain {
  return middy<GatewayEvent, Result, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(accessLogAndProblems())
    .use(authenticateAndParse(options, authenticateCaller))
    .handler(async (event, context) => {
      const state = states.get(event)!;
      const view = viewOf(event);
      const requestId = requestIdOf(view, context);
      const handled = handle({
        event,
        context,
        body: state.body,
        principal: state.principal!,
        stillAllowed: state.stillAllowed ?? Promise.resolve(),
        pathParameters: view.pathParameters,
        query: view.query,
        requestId,
        header: (name) => view.headers[name.toLowerCase()],
      });
      const response = await answerRefusalFirst(state.stillAllowed, handled);
      const hasBody = response.body !== undefined;
      return {
        statusCode: response.status,
        headers: {
          ...SECURITY_HEADERS,
          ...(hasBody ? { 'content-type': 'application/json' } : {}),
          'x-request-id': requestId,
          ...response.headers,
        },
        body: response.text ?? (hasBody ? JSON.stringify(response.body) : ''),
      };
    });
}
