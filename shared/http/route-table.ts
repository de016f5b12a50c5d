// The single route table: API Gateway (infra/api) and the local API server build their routes from
// this list, so no route can exist in one runtime only.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route:
 * - `partner`: an OAuth 2.0 client-credentials access token carrying the route's scopes;
 * - `staff`: a signed-in staff user's token (the handler checks role and locality);
 * - `admin`: a signed-in staff user's token (the handler checks the administrator role);
 * - `public`: no token (self-referral, sign-in, OpenAPI document).
 */
export type RouteAuth = 'partner' | 'staff' | 'public' | 'admin';

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

// Staff sign in for an access token (POST /v1/session). With this scope named, API Gateway's Cognito
// authorizer accepts access tokens (without a scope it would expect ID tokens); the handlers then
// check role, area and active state against the staff record.
const STAFF_TOKEN = ['aws.cognito.signin.user.admin'];

// Public routes that anyone can hit carry tighter API Gateway throttles than the stage default.
const PUBLIC_FORM_THROTTLE = { rateLimit: 2, burstLimit: 10 };

export const ROUTES: readonly Route[] = [
  // Partner API
  { method: 'POST', path: '/v1/referrals', handler: 'create-referral', auth: 'partner' },
  { method: 'GET', path: '/v1/referrals', handler: 'list-referrals', auth: 'partner' },
  { method: 'GET', path: '/v1/referrals/{id}', handler: 'get-referral', auth: 'partner' },
  { method: 'POST', path: '/v1/referrals/{id}/withdraw', handler: 'withdraw-referral', auth: 'partner' },
  {
    method: 'POST',
    path: '/v1/self-referrals',
    handler: 'create-self-referral',
    auth: 'public',
    throttle: PUBLIC_FORM_THROTTLE,
  },
  // Staff API
  {
    method: 'POST',
    path: '/v1/session',
    handler: 'create-session',
    auth: 'public',
    throttle: PUBLIC_FORM_THROTTLE,
  },
  { method: 'GET', path: '/v1/tasks', handler: 'list-tasks', auth: 'staff', scopes: STAFF_TOKEN },
  { method: 'GET', path: '/v1/tasks/{id}', handler: 'get-task', auth: 'staff', scopes: STAFF_TOKEN },
  {
    method: 'POST',
    path: '/v1/tasks/{id}/complete',
    handler: 'complete-task',
    auth: 'staff',
    scopes: STAFF_TOKEN,
  },
  { method: 'GET', path: '/v1/cases/{id}', handler: 'get-case', auth: 'staff', scopes: STAFF_TOKEN },
  {
    method: 'GET',
    path: '/v1/reports/{locality}/{quarter}',
    handler: 'get-report',
    auth: 'staff',
    scopes: STAFF_TOKEN,
  },
  {
    method: 'POST',
    path: '/v1/cases/{id}/step-up',
    handler: 'step-up-case',
    auth: 'staff',
    scopes: STAFF_TOKEN,
  },
  {
    method: 'POST',
    path: '/v1/cases/{id}/withdraw',
    handler: 'withdraw-case',
    auth: 'staff',
    scopes: STAFF_TOKEN,
  },
  {
    method: 'POST',
    path: '/v1/cases/{id}/transfer',
    handler: 'transfer-case',
    auth: 'staff',
    scopes: STAFF_TOKEN,
  },
  {
    method: 'POST',
    path: '/v1/cases/{id}/extend-support',
    handler: 'extend-case-support',
    auth: 'staff',
    scopes: STAFF_TOKEN,
  },
  // Administration
  {
    method: 'GET',
    path: '/v1/admin/localities',
    handler: 'list-localities',
    auth: 'admin',
    scopes: STAFF_TOKEN,
  },
  { method: 'GET', path: '/v1/admin/staff', handler: 'list-staff', auth: 'admin', scopes: STAFF_TOKEN },
  {
    method: 'POST',
    path: '/v1/admin/staff',
    handler: 'create-staff-member',
    auth: 'admin',
    scopes: STAFF_TOKEN,
  },
  {
    method: 'PATCH',
    path: '/v1/admin/staff/{id}',
    handler: 'update-staff-member',
    auth: 'admin',
    scopes: STAFF_TOKEN,
  },
  { method: 'GET', path: '/v1/admin/partners', handler: 'list-partners', auth: 'admin', scopes: STAFF_TOKEN },
  {
    method: 'POST',
    path: '/v1/admin/partners',
    handler: 'create-partner',
    auth: 'admin',
    scopes: STAFF_TOKEN,
  },
  {
    method: 'POST',
    path: '/v1/admin/partners/{id}/rotate-secret',
    handler: 'rotate-partner-secret',
    auth: 'admin',
    scopes: STAFF_TOKEN,
  },
  {
    method: 'POST',
    path: '/v1/admin/partners/{id}/revoke',
    handler: 'revoke-partner',
    auth: 'admin',
    scopes: STAFF_TOKEN,
  },
  // Staff pages (HTML). Public at the gateway: the page handlers check the session cookie themselves
  // (shared/pages/handler.ts), so a signed-out visitor is sent to sign in rather than refused.
  { method: 'GET', path: '/sign-in', handler: 'serve-sign-in', auth: 'public' },
  {
    method: 'POST',
    path: '/sign-in',
    handler: 'serve-sign-in',
    auth: 'public',
    throttle: PUBLIC_FORM_THROTTLE,
  },
  { method: 'POST', path: '/sign-out', handler: 'serve-sign-in', auth: 'public' },
  { method: 'GET', path: '/tasks', handler: 'serve-my-tasks', auth: 'public' },
  { method: 'GET', path: '/tasks/{id}', handler: 'serve-task-page', auth: 'public' },
  { method: 'POST', path: '/tasks/{id}', handler: 'serve-task-page', auth: 'public' },
  { method: 'GET', path: '/cases/{id}', handler: 'serve-case-page', auth: 'public' },
  { method: 'GET', path: '/cases/{id}/{action}', handler: 'serve-case-action', auth: 'public' },
  { method: 'POST', path: '/cases/{id}/{action}', handler: 'serve-case-action', auth: 'public' },
  { method: 'GET', path: '/dashboard', handler: 'serve-dashboard', auth: 'public' },
  { method: 'GET', path: '/self-referral', handler: 'serve-self-referral', auth: 'public' },
  {
    method: 'POST',
    path: '/self-referral',
    handler: 'serve-self-referral',
    auth: 'public',
    throttle: PUBLIC_FORM_THROTTLE,
  },
  { method: 'GET', path: '/reports', handler: 'serve-reports', auth: 'public' },
  { method: 'GET', path: '/reports/{scope}/{period}', handler: 'serve-reports', auth: 'public' },
  { method: 'GET', path: '/reports/{scope}/{period}/csv', handler: 'serve-reports', auth: 'public' },
  // GOV.UK Frontend's assets at exactly /assets (its stylesheet names /assets/fonts/...), CSS and JS at /static.
  { method: 'GET', path: '/assets/{part}', handler: 'serve-asset', auth: 'public' },
  { method: 'GET', path: '/assets/{part}/{file}', handler: 'serve-asset', auth: 'public' },
  { method: 'GET', path: '/static/{file}', handler: 'serve-asset', auth: 'public' },
  // The API's own description
  { method: 'GET', path: '/openapi.json', handler: 'get-openapi-document', auth: 'public' },
  { method: 'GET', path: '/docs', handler: 'get-api-docs', auth: 'public' },
];
