import { randomBytes } from 'node:crypto';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { StaffCaller } from '../domain/access/rules';
import { now as clockNow } from '../core/clock';
import { type Db, defaultDb } from '../adapters/data/db';
import { type GatewayEvent, type HttpRequestView, viewOf } from '../http/event';
import { logger } from '../core/logger';
import { learnPagesBaseUrl } from '../adapters/email/send';
import { rawBody } from '../http/request-checks';
import { EVERY_ANSWER_HEADERS } from '../http/security-headers';
import { findRoute } from '../http/routes';
import {
  clearSessionCookie,
  cookieIsSecure,
  cookieName,
  parseCookies,
  serializeSessionCookie,
} from './cookies';
import { FormBodyError, type FormValues, parseFormBody } from './forms';
import { renderPage } from './render';
import {
  csrfTokenFor,
  csrfTokenMatches,
  isSessionId,
  newSessionId,
  resolveSession,
  type SessionState,
} from './session';

// The chain every page handler runs in, in AWS and locally (the same route table as the API):
// access log -> route -> cookie -> CSRF check on POST -> session -> handler -> HTML. Pages answer
// HTML, never problem+json, and a GET never changes anything but the anonymous cookie that anchors a
// form's CSRF token.

export interface PageRequest {
  view: HttpRequestView;
  method: string;
  /** The path and query as requested, to come back to after signing in. */
  path: string;
  pathParameters: Record<string, string>;
  query: Record<string, string>;
  /** The posted form (POST only), without the CSRF field. */
  form: FormValues;
  now: Date;
  db: Db;
  session: SessionState;
  /** The id in the browser's cookie, if it sent one (to end that session on sign-in and sign-out). */
  sessionId?: string;
  /** The signed-in member of staff (pages with `access: 'staff'` only run with one). */
  staff?: StaffCaller;
  /** For every form's hidden `_csrf` field. */
  csrfToken: string;
  requestId: string;
}

export type PageOutcome =
  | {
      kind: 'page';
      template: string;
      data?: Record<string, unknown>;
      status?: number;
      session?: SessionChange;
      /** Extra response headers (a 429's Retry-After). */
      headers?: Record<string, string>;
      /** Origins the page's script may send requests to besides its own (the documents bucket). */
      connectTo?: string[];
    }
  | { kind: 'redirect'; location: string; session?: SessionChange }
  /** No body (a background draft save). */
  | { kind: 'empty'; status: 204 }
  /** Raw text (CSV), with its content type. */
  | { kind: 'file'; body: string; contentType: string; filename?: string; status?: number };

/** A new session id to set (sign-in) or null to clear the cookie (sign-out). */
export type SessionChange = string | null;

export interface PageOptions {
  access: 'staff' | 'anyone';
  /**
   * A POST that arrives after the session timed out, with a valid CSRF token: what the person sent is
   * theirs (the token proves it came from their page), so the page may keep it, e.g. as a draft.
   * Answers a note for the sign-in page.
   */
  onExpiredPost?: (request: PageRequest, userId: string) => Promise<string | undefined>;
}

export class PageNotFound extends Error {
  constructor() {
    super('page not found');
    this.name = 'PageNotFound';
  }
}

/** The caller's role may not use the page at all (403, as the API answers); another area's is a PageNotFound. */
export class PageForbidden extends Error {
  constructor() {
    super('page forbidden');
    this.name = 'PageForbidden';
  }
}

type Result = APIGatewayProxyStructuredResultV2;

const CSRF_FIELD = '_csrf';

function pathOf(event: GatewayEvent, view: HttpRequestView): string {
  const raw = 'rawPath' in event ? event.rawPath : (event as { path?: string }).path;
  const query = new URLSearchParams(view.query).toString();
  return `${raw ?? '/'}${query ? `?${query}` : ''}`;
}

function cookiesOf(event: GatewayEvent, view: HttpRequestView): Record<string, string> {
  const list = 'cookies' in event && Array.isArray(event.cookies) ? event.cookies : [];
  return parseCookies(view.headers.cookie ? [...list, view.headers.cookie] : list);
}

function htmlHeaders(nonce: string, connectTo: readonly string[] = []): Record<string, string> {
  return {
    ...EVERY_ANSWER_HEADERS,
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    'x-frame-options': 'DENY',
    'content-security-policy': [
      "default-src 'self'",
      ...(connectTo.length > 0 ? [`connect-src 'self' ${connectTo.join(' ')}`] : []),
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "object-src 'none'",
    ].join('; '),
  };
}

// Any origin of our own will do: only whether `next` stays on it matters, not which host serves it.
const OWN_ORIGIN = 'https://service.invalid';

/**
 * Only a path of this service is followed after signing in: `next` is parsed with URL against the
 * service's own origin (as a browser would resolve it, so `/\t/host`, `/\\host` and `/.//host` are
 * caught) and answered in URL's normalised, percent-encoded form, which holds no control character
 * to break a Location header.
 */
export function safeNext(next: string | undefined): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to refuse them
  if (!next?.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(next)) return undefined;
  let url: URL;
  try {
    url = new URL(next, OWN_ORIGIN);
  } catch {
    return undefined;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (url.origin !== OWN_ORIGIN || !path.startsWith('/') || path.startsWith('//')) return undefined;
  return path;
}

function sameOrigin(view: HttpRequestView): boolean {
  const origin = view.headers.origin;
  if (!origin || origin === 'null') return origin !== 'null';
  try {
    return new URL(origin).host === view.headers.host;
  } catch {
    return false;
  }
}

export function pageHandler(handle: (request: PageRequest) => Promise<PageOutcome>, options: PageOptions) {
  return middy<GatewayEvent, Result, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event, context) => {
      const started = performance.now();
      const view = viewOf(event);
      learnPagesBaseUrl(view.gatewayBaseUrl);
      const result = await answer(event, context, view);
      logger.info('request', {
        method: view.method,
        route: view.routeKey,
        status: result.statusCode,
        ms: Math.round(performance.now() - started),
        requestId: view.requestId ?? context.awsRequestId,
      });
      return result;
    });

  async function answer(event: GatewayEvent, context: Context, view: HttpRequestView): Promise<Result> {
    const requestId = view.requestId ?? context.awsRequestId;
    const nonce = randomBytes(16).toString('base64');
    const secure = cookieIsSecure(view.headers.host);
    const cookieId = cookiesOf(event, view)[cookieName(secure)];
    const hasCookie = isSessionId(cookieId);
    // A visitor without one gets an anonymous id, so the sign-in form has a CSRF token too.
    const sessionId = hasCookie ? cookieId : newSessionId();
    const issueCookie = hasCookie ? undefined : sessionId;
    const base = { csrfToken: csrfTokenFor(sessionId), cspNonce: nonce, requestId };

    const respond = (
      status: number,
      html: string,
      extra: Record<string, string> = {},
      connectTo: readonly string[] = [],
    ): Result => ({
      statusCode: status,
      headers: { ...htmlHeaders(nonce, connectTo), 'x-request-id': requestId, ...extra },
      body: html,
    });
    const cookieHeader = (change: SessionChange | undefined): Record<string, string> => {
      if (change === null) return { 'set-cookie': clearSessionCookie({ secure }) };
      const value = change ?? issueCookie;
      return value ? { 'set-cookie': serializeSessionCookie(value, { secure }) } : {};
    };
    const errorPage = (status: number, title: string, message: string, staff?: StaffCaller) =>
      respond(status, renderPage('error', { ...base, title, message, user: staff }), cookieHeader(undefined));

    try {
      const route = findRoute(view.routeKey);
      if (!route) return errorPage(404, 'Page not found', 'There is no page at this address.');
      let form: FormValues = {};
      if (view.method === 'POST') {
        form = parseFormBody(rawBody(view), view.headers['content-type']);
        if (!hasCookie || !sameOrigin(view) || !csrfTokenMatches(sessionId, form[CSRF_FIELD])) {
          return errorPage(
            403,
            'This form could not be sent',
            'The page had been open too long or came from another site. Go back, reload the page and try again.',
          );
        }
        delete form[CSRF_FIELD];
      }
      const now = clockNow();
      const db = defaultDb();
      const session = hasCookie ? await resolveSession(db, sessionId, now) : ({ kind: 'none' } as const);
      const request: PageRequest = {
        view,
        method: view.method,
        path: pathOf(event, view),
        pathParameters: view.pathParameters,
        query: view.query,
        form,
        now,
        db,
        session,
        ...(hasCookie ? { sessionId } : {}),
        ...(session.kind === 'active'
          ? {
              staff: {
                kind: 'staff',
                userId: session.userId,
                role: session.member.role,
                area: session.member.area,
              },
            }
          : {}),
        csrfToken: base.csrfToken,
        requestId,
      };

      if (options.access === 'staff' && !request.staff) {
        const next = encodeURIComponent(request.path);
        let note: string | undefined;
        if (view.method === 'POST' && session.kind === 'expired' && options.onExpiredPost) {
          note = await options.onExpiredPost(request, session.userId);
        }
        return respond(303, '', {
          location: `/sign-in?next=${next}${note ? `&note=${encodeURIComponent(note)}` : ''}`,
          ...cookieHeader(undefined),
        });
      }

      const outcome = await handle(request);
      if (outcome.kind === 'redirect') {
        return respond(303, '', { location: outcome.location, ...cookieHeader(outcome.session) });
      }
      if (outcome.kind === 'empty') {
        return {
          statusCode: 204,
          headers: { ...EVERY_ANSWER_HEADERS, 'cache-control': 'no-store', 'x-request-id': requestId },
        };
      }
      if (outcome.kind === 'file') {
        return {
          statusCode: outcome.status ?? 200,
          headers: {
            ...EVERY_ANSWER_HEADERS,
            'content-type': outcome.contentType,
            'cache-control': 'no-store',
            'x-content-type-options': 'nosniff',
            ...(outcome.filename
              ? { 'content-disposition': `attachment; filename="${outcome.filename}"` }
              : {}),
          },
          body: outcome.body,
        };
      }
      const csrfToken = outcome.session ? csrfTokenFor(outcome.session) : base.csrfToken;
      const status = outcome.status ?? 200;
      const html = renderPage(outcome.template, {
        ...base,
        csrfToken,
        user: request.staff,
        currentPath: request.path,
        ...outcome.data,
      });
      return respond(
        status,
        html,
        { ...cookieHeader(outcome.session), ...outcome.headers },
        outcome.connectTo,
      );
    } catch (error) {
      if (error instanceof PageNotFound || (error as Error).name === 'NotFoundError') {
        return errorPage(
          404,
          'Page not found',
          'There is no page at this address, or it is not one you can see.',
        );
      }
      if (error instanceof PageForbidden) {
        return errorPage(403, 'You cannot see this page', 'Your role does not give access to this page.');
      }
      if (error instanceof FormBodyError) {
        return errorPage(error.status, 'This form could not be sent', error.message);
      }
      logger.error('unhandled error', {
        errorName: (error as Error)?.name,
        errorMessage: (error as Error)?.message?.slice(0, 300),
        requestId,
      });
      return errorPage(
        500,
        'Sorry, there is a problem with the service',
        `Try again later. If it keeps happening, quote reference ${requestId}.`,
      );
    }
  }
}
