import type * as z from 'zod';
import type { HandlerGrants } from './grants';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route:
 * - `partner`: an OAuth 2.0 client-credentials access token carrying the route's scopes;
 * - `staff`: a signed-in staff user's token (the handler checks role and locality);
 * - `admin`: a signed-in staff user's token (the handler checks the administrator role);
 * - `public`: no token (self-referral, sign-in, OpenAPI document).
 */
export type RouteAuth = 'partner' | 'staff' | 'public' | 'admin';

/** How a request reaches its handler: what API Gateway, the local server and the authorizers read. */
export interface Route {
  method: HttpMethod;
  /** API Gateway path template, e.g. `/v1/referrals/{id}` */
  path: string;
  /** The handler's function name: the base name of its file in `functions/`, e.g. `get-referral` */
  handler: string;
  auth: RouteAuth;
  /**
   * Scopes the token must carry. Partner routes default to `referrals/read` for GET and
   * `referrals/write` otherwise; staff and admin routes default to none (ID token).
   */
  scopes?: string[];
  /** Per-route throttling on API Gateway (requests per second, burst); the stage default applies otherwise. */
  throttle?: { rateLimit: number; burstLimit: number };
}

/** The request bodies registered once as named components (shared/http/openapi-components.ts). */
export type NamedBody = 'partnerReferral' | 'staffReferral' | 'selfReferral' | 'taskCompletion';

/** A route's operation in the OpenAPI document, from the same zod schemas the handler validates with. */
export interface RouteDoc {
  summary: string;
  tag: string;
  /** The body's zod schema, or one of the named component schemas (openapi-components.ts). */
  body?: z.core.$ZodType | NamedBody;
  params?: z.ZodObject;
  query?: z.core.$ZodObject;
  headers?: z.ZodObject;
  ok: {
    status: number;
    description: string;
    schema?: z.core.$ZodType;
    contentType?: string;
    /** Further representations of the same answer, by media type (content negotiation). */
    alternatives?: Record<string, z.core.$ZodType>;
  };
  errors?: number[];
  /** A route's own description (and schema, when not the plain problem) of an error status. */
  errorSchemas?: Record<number, { description: string; schema?: z.core.$ZodType }>;
}

/** The examples the document shows (every JSON API route has them; tests send and check each). */
export interface RouteExamples {
  /** The request body; for a body whose schema depends on the record, one example per case. */
  request?: unknown;
  /**
   * Named examples; `each task type` takes one from each task type's module (kept out of the route
   * table so the handlers that import it do not carry those modules).
   */
  requests?: Record<string, { summary: string; value: unknown }> | 'each task type';
  response: unknown;
}

/**
 * One entry of the route table: everything a route is, in one place. A handler serving several
 * routes declares its `grants` on exactly one of them (a test checks).
 */
export interface RouteEntry extends Route {
  doc: RouteDoc;
  examples?: RouteExamples;
  grants?: HandlerGrants;
}
