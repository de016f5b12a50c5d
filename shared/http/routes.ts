import type { Route } from './route-table';
import ROUTE_AUTH from './route-auth.json';

// API Gateway hands each Lambda the matched `routeKey` ("POST /v1/referrals"); the chain finds the
// route's authentication by it, so a route's authentication is declared once, in the route table.
// Handlers read the table's authentication facts from route-auth.json, which `npm run openapi:write`
// generates from the route table (a test fails while it is stale): the table itself carries every
// route's documentation and zod schemas, which no handler but the OpenAPI ones needs to load.

/** What a handler needs of its route: how the caller must authenticate. */
export type RouteAuthFacts = Pick<Route, 'method' | 'path' | 'auth' | 'scopes'>;

const byKey = new Map<string, RouteAuthFacts>(
  (ROUTE_AUTH as RouteAuthFacts[]).map((route) => [`${route.method} ${route.path}`, route]),
);

export function findRoute(routeKey: string | undefined): RouteAuthFacts | undefined {
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
