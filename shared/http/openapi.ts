import {
  extendZodWithOpenApi,
  OpenApiGeneratorV31,
  OpenAPIRegistry,
  type ResponseConfig,
} from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';
import { registerComponents } from './openapi-components';
import { readableByOpenApi } from './openapi-mini';
import { completionExamples } from './task-completion-examples';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, type ProblemStatus, problemTitle } from './problem';
import { type NamedBody, ROUTES, type RouteDoc, type RouteEntry, type RouteExamples } from './route-table';
import { idParam } from './route-table/common';
import { requiredScopes } from './routes';
import { PARTNER_SCOPE_DESCRIPTIONS, STAFF_ROLES } from '../core/vocabulary/roles';

// The OpenAPI 3.1 document, generated from the route table's entries: each carries its operation
// (`doc`, the same zod schemas the handler validates with) and its examples.

extendZodWithOpenApi(z);

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed JSON, a bad query parameter or cursor (`errors[].path` names it)',
  401: 'No valid bearer token',
  403: 'The token lacks the scope or role this needs',
  404: 'No such record, or not yours',
  409: 'The record is not in a state that allows this, or it changed meanwhile',
  413: 'The body is over the size limit (64 KB; 16 KB for self-referrals)',
  415: 'The body is not application/json',
  422: 'The body breaks the schema; `errors` lists each field path and rule',
  428: 'A required precondition header is missing',
  429: 'Too many requests; wait for Retry-After seconds',
};

const RETRY_AFTER = {
  'Retry-After': {
    description: 'Seconds to wait before retrying',
    schema: { type: 'integer' as const, minimum: 1 },
  },
};

const ERROR_HEADERS: Partial<Record<number, Record<string, { description: string; schema: object }>>> = {
  401: { 'WWW-Authenticate': { description: 'The scheme to authenticate with', schema: { type: 'string' } } },
  429: RETRY_AFTER,
};

const ERROR_EXAMPLES: Partial<Record<ProblemStatus, { detail: string; errors?: unknown[] }>> = {
  400: { detail: 'The body is not valid JSON: Unexpected end of JSON input' },
  401: { detail: 'A valid bearer token is required' },
  403: { detail: 'This credential may not do this' },
  404: { detail: 'No such resource' },
  409: { detail: 'The resource changed; reload and retry' },
  413: { detail: 'The body is 70000 bytes; the limit is 65536' },
  415: { detail: 'Send the body as application/json' },
  422: {
    detail: 'The request does not satisfy the schema',
    errors: [
      {
        path: 'referrer.email',
        rule: 'contact_required',
        message: 'give an email address or a phone number to contact the referrer',
      },
    ],
  },
  429: { detail: 'Slow down and retry later' },
};

/** The error statuses a route can answer: its own list plus what its kind of route always can. */
function errorStatuses(route: RouteEntry, doc: RouteDoc): ProblemStatus[] {
  const statuses = new Set<number>(doc.errors ?? []);
  const api = route.path.startsWith('/v1/');
  if (api) statuses.add(429);
  if (api && route.auth !== 'public') {
    statuses.add(401);
    statuses.add(403);
  }
  if (api && doc.body) for (const status of [400, 413, 415, 422]) statuses.add(status);
  return [...statuses].sort() as ProblemStatus[];
}

function security(route: RouteEntry) {
  if (route.auth === 'public') return [];
  if (route.auth === 'partner') return [{ partnerOAuth: requiredScopes(route) }];
  return [{ staffBearer: [] }];
}

/** The handler's name, or with the method and path when one handler serves several routes. */
function operationIds(): Map<RouteEntry, string> {
  const count = new Map<string, number>();
  for (const route of ROUTES) count.set(route.handler, (count.get(route.handler) ?? 0) + 1);
  return new Map(
    ROUTES.map((route) => [
      route,
      count.get(route.handler) === 1
        ? route.handler
        : `${route.handler}-${route.method.toLowerCase()}${route.path.replace(/[{}]/g, '').replace(/\//g, '-')}`,
    ]),
  );
}

/** Every `{name}` of a path template as a string parameter, unless the route documents its own. */
function pathParams(route: RouteEntry, doc: RouteDoc): z.ZodObject | undefined {
  if (doc.params) return doc.params;
  const names = [...route.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
  if (names.length === 0) return undefined;
  return z.object(
    Object.fromEntries(names.map((name) => [name, name === 'id' ? idParam.shape.id : z.string().max(256)])),
  );
}

const byKey = new Map(ROUTES.map((route) => [`${route.method} ${route.path}`, route]));

/** A route's success answer schema (zod), for the tests that check examples and real answers. */
export function successSchemaOf(routeKey: string): z.core.$ZodType | undefined {
  return byKey.get(routeKey)?.doc.ok.schema;
}

/** A route's request body schema (zod), when it is not one of the named bodies. */
export function bodySchemaOf(routeKey: string): z.core.$ZodType | NamedBody | undefined {
  return byKey.get(routeKey)?.doc.body;
}

/** A route's examples, as the document shows them (tests send them to the server). */
export function examplesOf(routeKey: string): ResolvedExamples | undefined {
  const examples = byKey.get(routeKey)?.examples;
  return examples && resolved(examples);
}

type ResolvedExamples = Omit<RouteExamples, 'requests'> & {
  requests?: Exclude<RouteExamples['requests'], string>;
};

function resolved(examples: RouteExamples): ResolvedExamples {
  const { requests, ...rest } = examples;
  if (requests === undefined) return rest;
  return { ...rest, requests: requests === 'each task type' ? completionExamples() : requests };
}

/** The contract's version: raise it for any change that removes or narrows (docs/partners.md). */
export const API_VERSION = '1.2.0';

export function buildOpenApiDocument(serverUrl?: string) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'partnerOAuth', {
    type: 'oauth2',
    description: 'OAuth 2.0 client credentials (Cognito in AWS; the local server locally)',
    flows: {
      clientCredentials: {
        tokenUrl: '/oauth2/token',
        scopes: { ...PARTNER_SCOPE_DESCRIPTIONS },
      },
    },
  });
  registry.registerComponent('securitySchemes', 'staffBearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: `The token from POST /v1/session. Roles: ${STAFF_ROLES.join(', ')}`,
  });
  const components = registerComponents(registry);
  const ids = operationIds();

  for (const route of ROUTES) {
    const { doc } = route;
    const examples = route.examples && resolved(route.examples);
    const responses: Record<string, ResponseConfig> = {
      [doc.ok.status]: {
        description: doc.ok.description,
        ...(doc.ok.schema
          ? {
              content: {
                [doc.ok.contentType ?? 'application/json']: {
                  schema: doc.ok.schema,
                  ...(examples ? { example: examples.response } : {}),
                },
                ...Object.fromEntries(
                  Object.entries(doc.ok.alternatives ?? {}).map(([type, schema]) => [type, { schema }]),
                ),
              },
            }
          : {}),
        ...(doc.ok.status === 201 && route.path === '/v1/referrals'
          ? { headers: { Location: { description: 'The referral', schema: { type: 'string' } } } }
          : {}),
      },
    };
    for (const status of errorStatuses(route, doc)) {
      const own = doc.errorSchemas?.[status];
      const problem = components.problem(status);
      const schema = own?.schema ? z.union([problem, own.schema]) : problem;
      const example = ERROR_EXAMPLES[status];
      const headers = status === 409 && route.path === '/v1/referrals' ? RETRY_AFTER : ERROR_HEADERS[status];
      responses[status] = {
        description: `${own?.description ?? ERROR_DESCRIPTIONS[status] ?? 'Error'} (\`type\` ${PROBLEM_TYPES[status]})`,
        ...(headers ? { headers } : {}),
        content: {
          [PROBLEM_CONTENT_TYPE]: {
            schema,
            ...(example
              ? { example: { type: PROBLEM_TYPES[status], title: problemTitle(status), status, ...example } }
              : {}),
          },
        },
      };
    }
    const body = typeof doc.body === 'string' ? components.bodies[doc.body] : doc.body;
    const params = pathParams(route, doc);
    registry.registerPath({
      method: route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete',
      path: route.path,
      summary: doc.summary,
      tags: [doc.tag],
      operationId: ids.get(route)!,
      security: security(route),
      request: {
        ...(params ? { params } : {}),
        ...(doc.query ? { query: doc.query as unknown as z.ZodObject } : {}),
        ...(doc.headers ? { headers: doc.headers } : {}),
        ...(body
          ? {
              body: {
                required: true,
                content: {
                  'application/json': {
                    schema: body,
                    ...(examples?.request !== undefined ? { example: examples.request } : {}),
                    ...(examples?.requests ? { examples: examples.requests } : {}),
                  },
                },
              },
            }
          : {}),
      },
      responses,
    });
  }

  readableByOpenApi(registry.definitions);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Supporting Families Workflow API',
      version: API_VERSION,
      description:
        'Partners submit and follow multi-agency referrals; staff work their tasks; administrators manage ' +
        'staff and partner clients. Errors are application/problem+json (RFC 9457). A partner guide: docs/partners.md.',
    },
    servers: [
      { url: serverUrl ?? '/', description: serverUrl ? 'This API' : 'The host serving this document' },
    ],
  });
}
