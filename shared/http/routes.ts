import { createRequire } from 'node:module';
import type { Route } from './route-table';

// API Gateway hands each Lambda the matched `routeKey` ("POST /v1/referrals"); the chain finds the
// route's authentication by it, so a route's authentication is declared once, in the route table.
// The route table itself carries every route's documentation and zod schemas, which no handler but the
// OpenAPI ones needs to load. A deployed bundle is given the facts of its own routes only: its entry
// (infra/functions/handler-bundles.ts) calls `useRouteAuth` with the slice of the table naming that
// handler. Run from source (tsx, tests, the local stack) a handler reads every route's facts from
// route-auth.json, which `npm run openapi:write` generates from the route table (a test fails while it
// is stale).

/** What a handler needs of its route: how the caller must authenticate. */
export type RouteAuthFacts = Pick<Route, 'method' | 'path' | 'auth' | 'scopes'>;

let byKey: Map<string, RouteAuthFacts> | undefined;

function keyed(facts: readonly RouteAuthFacts[]): Map<string, RouteAuthFacts> {
  return new Map(facts.map((route) => [`${route.method} ${route.path}`, route]));
}

/**
 * The routes this process answers: a bundle's entry gives its own before any request arrives.
 * @public (called by the entry infra/functions/handler-bundles.ts generates)
 */
export function useRouteAuth(facts: readonly RouteAuthFacts[]): void {
  byKey = keyed(facts);
}

export function findRoute(routeKey: string | undefined): RouteAuthFacts | undefined {
  // Read, not imported: an import would put every route's facts (8 KB) in every bundle.
  byKey ??= keyed(createRequire(import.meta.url)('./route-auth.json') as RouteAuthFacts[]);
  return routeKey ? byKey.get(routeKey) : undefined;
}

/** The scopes a partner token must carry for this route. */
export function requiredScopes(route: RouteAuthFacts): string[] {
  if (route.scopes) return route.scopes;
  if (route.auth !== 'partner') return [];
  return [route.method === 'GET' ? 'referrals/read' : 'referrals/write'];
}

/** The facts route-auth.json holds for a route table. */
export function routeAuthFacts(routes: readonly Route[]): RouteAuthFacts[] {
  return routes.map(({ method, path, auth, scopes }) => ({
    method,
    path,
    auth,
    ...(scopes ? { scopes } : {}),
  }));
}
