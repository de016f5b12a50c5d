import {
  extendZodWithOpenApi,
  OpenApiGeneratorV31,
  OpenAPIRegistry,
  type ResponseConfig,
} from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';
import { caseStatusSchema } from '../core/schemas/case';
import { areaSchema, instantSchema } from '../core/schemas/common';
import { STAFF_ROLES, staffRoleSchema } from '../core/schemas/roles';
import { TASK_STATUSES, taskSummarySchema } from '../core/schemas/task';
import {
  createdStaffMemberSchema,
  createPartnerSchema,
  createStaffMemberSchema,
  localityViewSchema,
  partnerCredentialsSchema,
  partnerViewSchema,
  staffMemberViewSchema,
  updateStaffMemberSchema,
} from './admin-bodies';
import { reportViewSchema } from '../domain/reporting/render';
import { reportAddressSchema, reportQuerySchema } from '../domain/reporting/request';
import {
  caseActionReasonSchema,
  caseActionResultSchema,
  caseTransferSchema,
  supportExtensionSchema,
} from './case-action-bodies';
import { registerComponents } from './openapi-components';
import { ROUTE_EXAMPLES } from './openapi-examples';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, type ProblemStatus, problemTitle } from './problem';
import { type Route, ROUTES } from './route-table';
import { requiredScopes } from './routes';
import {
  caseViewSchema,
  pageOf,
  referralReceiptSchema,
  referralStatusSchema,
  referralSummarySchema,
  sessionChallengeSchema,
  sessionRequestOrAnswerSchema,
  sessionSchema,
  taskCompletedSchema,
  taskDetailSchema,
  withdrawalSchema,
} from './views';

// The OpenAPI 3.1 document, generated from the same zod schemas the handlers validate with and the
// route table both runtimes route by. Every route must have an entry here (a test checks).

extendZodWithOpenApi(z);

type NamedBody = 'partnerReferral' | 'selfReferral' | 'taskCompletion';

interface RouteDoc {
  summary: string;
  tag: string;
  /** The body's zod schema, or one of the named component schemas (openapi-components.ts). */
  body?: z.ZodType | NamedBody;
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: z.ZodObject;
  ok: {
    status: number;
    description: string;
    schema?: z.ZodType;
    contentType?: string;
    /** Further representations of the same answer, by media type (content negotiation). */
    alternatives?: Record<string, z.ZodType>;
  };
  errors?: number[];
  /** A route's own description (and schema, when not the plain problem) of an error status. */
  errorSchemas?: Record<number, { description: string; schema?: z.ZodType }>;
}

const idParam = z.object({ id: z.string().max(64) });
const listQuery = z.object({
  cursor: z.string().max(2048).optional().describe('nextCursor from the previous page, unchanged'),
  limit: z.string().regex(/^\d+$/).optional().describe('page size, 1-100 (default 25)'),
});

// The staff pages share the route table; they answer HTML (or a 303 after a form post), not JSON.
const page = (summary: string, answer: 'html' | 'redirect' | 'file' = 'html'): RouteDoc => ({
  summary,
  tag: 'Staff pages (HTML)',
  ok:
    answer === 'redirect'
      ? { status: 303, description: 'See Other: the page to go to next' }
      : answer === 'file'
        ? { status: 200, description: 'A file', schema: z.string(), contentType: 'application/octet-stream' }
        : { status: 200, description: 'An HTML page', schema: z.string(), contentType: 'text/html' },
});

const DOCS: Record<string, RouteDoc> = {
  'POST /v1/referrals': {
    summary: 'Submit a multi-agency referral (MARF)',
    tag: 'Partner referrals',
    headers: z.object({
      'Idempotency-Key': z
        .string()
        .min(8)
        .max(128)
        .regex(/^[\x21-\x7e]+$/)
        .describe(
          '8 to 128 visible ASCII characters, unique per referral; every retry of it sends the same key',
        ),
    }),
    body: 'partnerReferral',
    ok: { status: 201, description: 'Received; the journey has started', schema: referralReceiptSchema },
    errors: [400, 401, 403, 409, 413, 415, 422, 429],
    errorSchemas: {
      400: {
        description:
          'Malformed JSON, or the Idempotency-Key is missing or malformed (`errors[0].path` is `headers.Idempotency-Key`, `rule` `required` or `format`)',
      },
      409: {
        description:
          'A request with this Idempotency-Key is still being processed: retry after Retry-After seconds (the retry gets the first answer)',
      },
      422: {
        description:
          'The body breaks the schema or a rule of PartnerReferral (`errors` lists each field path and rule); or the Idempotency-Key was used before with a different body (`rule` `idempotency_key_reused`, path empty)',
      },
    },
  },
  'GET /v1/referrals': {
    summary: "List this partner's referrals",
    tag: 'Partner referrals',
    query: listQuery.extend({
      status: caseStatusSchema.optional().describe('a case status, e.g. SUPPORT'),
      since: instantSchema
        .optional()
        .describe('only referrals received at or after this instant (ISO 8601 with an offset)'),
    }),
    ok: { status: 200, description: 'A page of referrals', schema: pageOf(referralSummarySchema) },
    errors: [400, 401, 403, 429],
  },
  'GET /v1/referrals/{id}': {
    summary: "A referral's status, its dated status changes and its outcome category",
    tag: 'Partner referrals',
    ok: { status: 200, description: 'The referral', schema: referralStatusSchema },
    errors: [401, 403, 404, 429],
  },
  'POST /v1/referrals/{id}/withdraw': {
    summary: 'Withdraw an open referral',
    tag: 'Partner referrals',
    body: withdrawalSchema,
    ok: { status: 200, description: 'Withdrawn', schema: referralStatusSchema },
    errors: [400, 401, 403, 404, 409, 413, 415, 422, 429],
  },
  'POST /v1/self-referrals': {
    summary: 'A parent or carer refers their own family (no sign-in; stricter limits)',
    tag: 'Self-referral',
    body: 'selfReferral',
    ok: { status: 201, description: 'Received', schema: referralReceiptSchema.omit({ links: true }) },
    errors: [400, 413, 415, 422, 429],
  },
  'POST /v1/session': {
    summary: 'Staff sign-in: a bearer token for the staff API',
    tag: 'Staff',
    body: sessionRequestOrAnswerSchema,
    ok: { status: 201, description: 'Signed in', schema: sessionSchema },
    errors: [400, 401, 415, 422, 429],
    errorSchemas: {
      401: {
        description:
          'Wrong credentials or an ended sign-in (`errors[0].path` is `session`); or, with `type` urn:sfw:problem:sign-in-challenge, a first sign-in step: `challenge` is new-password, mfa-setup or mfa-code; answer with `session` and `newPassword` or `code`',
        schema: sessionChallengeSchema,
      },
      422: {
        description:
          'The body breaks the schema, or a wrong answer to a challenge (the challenge stands: retry)',
      },
      429: {
        description:
          'Too many sign-in attempts from this address (30 in 5 minutes by default, shared with the sign-in page), or too many failed sign-ins for this username (5, then locked for 15 minutes by default; an unknown username is answered the same way); wait for Retry-After seconds',
      },
    },
  },
  'GET /v1/tasks': {
    summary: 'My tasks and my queues, soonest due first',
    tag: 'Staff',
    query: listQuery.extend({
      status: z.enum(TASK_STATUSES).optional(),
      due: z.enum(['today']).optional().describe('today: only tasks due today or overdue'),
    }),
    ok: { status: 200, description: 'A page of tasks', schema: pageOf(taskSummarySchema) },
    errors: [400, 401, 403],
  },
  'GET /v1/tasks/{id}': {
    summary: 'One task',
    tag: 'Staff',
    ok: { status: 200, description: 'The task', schema: taskDetailSchema },
    errors: [401, 403, 404],
  },
  'POST /v1/tasks/{id}/complete': {
    summary: "Complete a task with its type's outcome",
    tag: 'Staff',
    body: 'taskCompletion',
    ok: { status: 200, description: 'Completed', schema: taskCompletedSchema },
    errors: [400, 401, 403, 404, 409, 413, 415, 422],
    errorSchemas: {
      404: { description: 'No such task, or not one the caller may complete' },
      409: {
        description:
          'The task is already completed, cancelled or timed out, or its type is completed on its own page; or the record changed meanwhile (reload and retry)',
      },
      422: {
        description:
          "`type` is not the task's (`rule` `task_type`), or the outcome breaks its type's schema (paths under `outcome.`)",
      },
    },
  },
  'GET /v1/cases/{id}': {
    summary: 'A case, its timeline, its tasks and its audit events',
    tag: 'Staff',
    ok: { status: 200, description: 'The case', schema: caseViewSchema },
    errors: [401, 403, 404],
  },
  'GET /v1/reports/{locality}/{quarter}': {
    summary:
      "A performance report (the latest version unless `version` names one), as JSON or CSV: a locality manager their locality's, the head of service every locality's and the partnership's",
    tag: 'Staff',
    params: reportAddressSchema.extend({
      quarter: z
        .string()
        .regex(/^\d{4}-\d{2}(-Q[1-4])?$/)
        .describe(
          'a quarter of the financial year, e.g. 2026-27-Q2; or the year, e.g. 2026-27, for the annual report',
        ),
    }),
    query: reportQuerySchema.extend({
      version: z.string().optional().describe('a stored version, 1 upwards (default: the latest)'),
      format: z.enum(['json', 'csv']).optional().describe('csv answers text/csv, as does Accept: text/csv'),
    }),
    ok: {
      status: 200,
      description: 'The report (JSON; text/csv when asked)',
      schema: reportViewSchema,
      alternatives: {
        'text/csv': z
          .string()
          .describe('scope,period,version,status,group,metric,label,unit,column,value: one line per figure'),
      },
    },
    errors: [400, 401, 403, 404],
  },
  'POST /v1/cases/{id}/step-up': {
    summary: "Step a case up to children's social care (safeguarding), at any stage",
    tag: 'Staff',
    body: caseActionReasonSchema,
    ok: { status: 200, description: 'Stepped up', schema: caseActionResultSchema },
    errors: [400, 401, 403, 404, 409, 413, 415, 422],
  },
  'POST /v1/cases/{id}/withdraw': {
    summary: "Record that the family withdrew; their worker's place is freed",
    tag: 'Staff',
    body: caseActionReasonSchema,
    ok: { status: 200, description: 'Withdrawn', schema: caseActionResultSchema },
    errors: [400, 401, 403, 404, 409, 413, 415, 422],
  },
  'POST /v1/cases/{id}/transfer': {
    summary: 'Move a case to another worker or locality (seniors, managers, head of service)',
    tag: 'Staff',
    body: caseTransferSchema,
    ok: { status: 200, description: 'Transferred', schema: caseActionResultSchema },
    errors: [400, 401, 403, 404, 409, 413, 415, 422],
  },
  'POST /v1/cases/{id}/extend-support': {
    summary: 'Extend support past its planned end (seniors and managers)',
    tag: 'Staff',
    body: supportExtensionSchema,
    ok: { status: 200, description: 'Extended', schema: caseActionResultSchema },
    errors: [400, 401, 403, 404, 409, 413, 415, 422],
  },
  'GET /v1/admin/localities': {
    summary: 'The localities',
    tag: 'Administration',
    ok: { status: 200, description: 'Localities', schema: z.object({ items: z.array(localityViewSchema) }) },
    errors: [401, 403],
  },
  'GET /v1/admin/staff': {
    summary: 'Staff members of one role in one area',
    tag: 'Administration',
    query: listQuery.extend({
      area: areaSchema.describe('a locality id, or county for the county-wide roles'),
      role: staffRoleSchema,
    }),
    ok: { status: 200, description: 'A page of staff', schema: pageOf(staffMemberViewSchema) },
    errors: [400, 401, 403],
  },
  'POST /v1/admin/staff': {
    summary: 'Add a staff member (and their sign-in)',
    tag: 'Administration',
    body: createStaffMemberSchema,
    ok: { status: 201, description: 'Added', schema: createdStaffMemberSchema },
    errors: [400, 401, 403, 409, 415, 422],
  },
  'PATCH /v1/admin/staff/{id}': {
    summary: "Change a staff member's role, area, capacity or active state",
    tag: 'Administration',
    body: updateStaffMemberSchema,
    ok: { status: 200, description: 'Changed', schema: staffMemberViewSchema },
    errors: [400, 401, 403, 404, 409, 415, 422],
  },
  'GET /v1/admin/partners': {
    summary: 'Partner clients',
    tag: 'Administration',
    ok: { status: 200, description: 'Partners', schema: z.object({ items: z.array(partnerViewSchema) }) },
    errors: [401, 403],
  },
  'POST /v1/admin/partners': {
    summary: 'Register a partner and create its client credentials',
    tag: 'Administration',
    body: createPartnerSchema,
    ok: {
      status: 201,
      description: 'Registered; the secret is shown once',
      schema: partnerCredentialsSchema,
    },
    errors: [400, 401, 403, 409, 415, 422],
  },
  'POST /v1/admin/partners/{id}/rotate-secret': {
    summary: "Replace a partner's client secret",
    tag: 'Administration',
    ok: { status: 200, description: 'The new secret, shown once', schema: partnerCredentialsSchema },
    errors: [401, 403, 404, 409],
  },
  'POST /v1/admin/partners/{id}/revoke': {
    summary: "Revoke a partner's access at once",
    tag: 'Administration',
    ok: { status: 200, description: 'Revoked', schema: partnerViewSchema },
    errors: [401, 403, 404],
  },
  'GET /sign-in': page('The sign-in page'),
  'POST /sign-in': page('Sign in (form post with the CSRF token); starts a session cookie', 'redirect'),
  'POST /sign-out': page('Sign out (form post); ends the session', 'redirect'),
  'GET /tasks': page('My tasks: due today, overdue and upcoming; team tasks for overseers'),
  'GET /tasks/{id}': page(
    "A task's page: its form, or its outcome once completed (opening it changes nothing)",
  ),
  'POST /tasks/{id}': page('Complete the task or save a draft (form post with the CSRF token)', 'redirect'),
  'GET /cases/{id}': page(
    'A case: status, key worker, due dates, its journey as a timeline, tasks, Family Star chart',
  ),
  'GET /cases/{id}/{action}': page('A case action form: step up, withdraw, transfer or extend support'),
  'POST /cases/{id}/{action}': page(
    'Send a case action (form post); the same schemas as POST /v1/cases/{id}/...',
    'redirect',
  ),
  'GET /dashboard': page(
    'A locality at a glance: caseloads, waiting list, overdue tasks, the quarter so far, drift',
  ),
  'GET /self-referral': page("The families' own form to ask for help (public)"),
  'POST /self-referral': page('Send a self-referral (form post); the same schema as POST /v1/self-referrals'),
  'GET /reports': page('The quarterly and annual reports the caller may read'),
  'GET /reports/{scope}/{period}': page('A stored report (latest version) as a page'),
  'GET /reports/{scope}/{period}/csv': page('A stored report as CSV', 'file'),
  'GET /assets/{part}': page("GOV.UK Frontend's assets (manifest)", 'file'),
  'GET /assets/{part}/{file}': page("GOV.UK Frontend's fonts and images", 'file'),
  'GET /static/{file}': page("The pages' stylesheets and scripts", 'file'),
  'GET /openapi.json': {
    summary: 'This document',
    tag: 'About the API',
    ok: { status: 200, description: 'OpenAPI 3.1', schema: z.record(z.string(), z.unknown()) },
  },
  'GET /docs': {
    summary: 'This document as a readable page',
    tag: 'About the API',
    ok: { status: 200, description: 'HTML', schema: z.string(), contentType: 'text/html' },
  },
};

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
function errorStatuses(route: Route, doc: RouteDoc): ProblemStatus[] {
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

function security(route: Route) {
  if (route.auth === 'public') return [];
  if (route.auth === 'partner') return [{ partnerOAuth: requiredScopes(route) }];
  return [{ staffBearer: [] }];
}

/** The handler's name, or with the method and path when one handler serves several routes. */
function operationIds(): Map<Route, string> {
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
function pathParams(route: Route, doc: RouteDoc): z.ZodObject | undefined {
  if (doc.params) return doc.params;
  const names = [...route.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
  if (names.length === 0) return undefined;
  return z.object(
    Object.fromEntries(names.map((name) => [name, name === 'id' ? idParam.shape.id : z.string().max(256)])),
  );
}

/** A route's success answer schema (zod), for the tests that check examples and real answers. */
export function successSchemaOf(routeKey: string): z.ZodType | undefined {
  return DOCS[routeKey]?.ok.schema;
}

/** A route's request body schema (zod), when it is not one of the named bodies. */
export function bodySchemaOf(routeKey: string): z.ZodType | NamedBody | undefined {
  return DOCS[routeKey]?.body;
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
        scopes: {
          'referrals/read': 'read own referrals',
          'referrals/write': 'submit and withdraw referrals',
        },
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
    const key = `${route.method} ${route.path}`;
    const doc = DOCS[key];
    if (!doc) continue;
    const examples = ROUTE_EXAMPLES[key];
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
        ...(doc.query ? { query: doc.query } : {}),
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
